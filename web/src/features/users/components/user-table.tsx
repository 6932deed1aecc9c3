// The sales accounts with their results (from the team overview), when each last signed in,
// and the actions an admin takes on each: see their leads, edit, deactivate or reactivate,
// delete. The sign-in column shows only when the server sends the time; while no account has
// one, the server is taken not to record sign-ins and an empty time reads "–", not "never".
import { BarChart3, Pencil, Power, Trash2 } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber, formatPercent } from '@/lib/format';
import { Button } from '@/components/button';
import type { TeamRow, User } from '@/types/api';

export function UserTable({ users, team, busyId, onOpen, onEdit, onToggleActive, onDelete }: {
  users: User[];
  team: TeamRow[];
  busyId: number | null;
  onOpen: (user: User) => void;
  onEdit: (user: User) => void;
  onToggleActive: (user: User) => void;
  onDelete: (user: User) => void;
}) {
  const { t, lang } = useI18n();
  const results = new Map(team.map((row) => [row.user.id, row]));
  const showLastLogin = users.some((u) => u.last_login_at !== undefined);
  const recordsSignIns = users.some((u) => Boolean(u.last_login_at));
  const lastLogin = (u: User) =>
    u.last_login_at ? formatDateTime(u.last_login_at, lang) : recordsSignIns ? t('users.neverSignedIn') : '–';
  return (
    <div className="-mx-4 overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="user-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="px-4 py-2 font-medium">{t('users.displayName')}</th>
            <th className="px-2 py-2 font-medium">{t('users.role')}</th>
            <th className="hidden px-2 py-2 text-right font-medium sm:table-cell">{t('status.contacted')}</th>
            <th className="hidden px-2 py-2 text-right font-medium sm:table-cell">{t('status.converted')}</th>
            <th className="hidden px-2 py-2 text-right font-medium md:table-cell">{t('perf.conversionRate')}</th>
            {showLastLogin && <th className="hidden px-2 py-2 font-medium md:table-cell">{t('users.lastLogin')}</th>}
            <th className="px-4 py-2"><span className="sr-only">{t('lead.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => {
            const row = results.get(user.id);
            return (
              <tr key={user.id} className={`border-b border-slate-100 ${user.active ? '' : 'text-slate-400'}`} data-username={user.username}>
                <td className="px-4 py-2">
                  <p className="font-medium">{user.display_name}</p>
                  <p className="text-xs text-slate-500">
                    @{user.username}
                    {!user.active && <span className="ml-1 rounded bg-slate-200 px-1 text-slate-600">{t('users.inactive')}</span>}
                  </p>
                  {showLastLogin && <p className="text-xs text-slate-500 md:hidden">{t('users.lastLoginAt', { time: lastLogin(user) })}</p>}
                </td>
                <td className="px-2 py-2">{t(`role.${user.role}`)}</td>
                <td className="hidden px-2 py-2 text-right tabular-nums sm:table-cell">{formatNumber(row?.counts.contacted, lang)}</td>
                <td className="hidden px-2 py-2 text-right tabular-nums sm:table-cell">{formatNumber(row?.counts.converted, lang)}</td>
                <td className="hidden px-2 py-2 text-right tabular-nums md:table-cell">{row ? formatPercent(row.conversion_rate, lang) : '–'}</td>
                {showLastLogin && <td className="hidden px-2 py-2 text-xs md:table-cell" data-testid="last-login">{lastLogin(user)}</td>}
                <td className="px-4 py-2">
                  <div className="flex justify-end gap-1">
                    {user.role === 'sales' && (
                      <Button size="sm" variant="ghost" title={t('users.results')} aria-label={t('users.results')} onClick={() => onOpen(user)} icon={<BarChart3 className="h-4 w-4" />} />
                    )}
                    <Button size="sm" variant="ghost" title={t('common.edit')} aria-label={t('common.edit')} onClick={() => onEdit(user)} icon={<Pencil className="h-4 w-4" />} />
                    <Button size="sm" variant="ghost" loading={busyId === user.id} title={user.active ? t('users.deactivate') : t('users.activate')} aria-label={user.active ? t('users.deactivate') : t('users.activate')} onClick={() => onToggleActive(user)} icon={<Power className="h-4 w-4" />} />
                    <Button size="sm" variant="ghost" title={t('common.delete')} aria-label={t('common.delete')} onClick={() => onDelete(user)} icon={<Trash2 className="h-4 w-4 text-rose-600" />} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
