// Admin users: create, list, edit, deactivate and delete sales accounts, each with their
// results, and the activity feed of every status change.
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { UserPlus } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Modal } from '@/components/modal';
import { PageHeader } from '@/components/page-header';
import { EmptyState, ErrorState, FormError, LoadingState } from '@/components/states';
import { useAuth } from '@/features/auth/components/auth-provider';
import { useUsers } from '@/features/users/api/get-users';
import { useTeamPerformance } from '@/features/users/api/get-team-performance';
import { updateUser } from '@/features/users/api/update-user';
import { deleteUser } from '@/features/users/api/delete-user';
import { UserForm } from '@/features/users/components/user-form';
import { UserTable } from '@/features/users/components/user-table';
import { ActivityFeed } from '@/features/users/components/activity-feed';
import type { User } from '@/types/api';

export function AdminUsersRoute() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { user: me } = useAuth();
  const [version, setVersion] = useState(0);
  const users = useUsers({}, version);
  const team = useTeamPerformance(30, version);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [created, setCreated] = useState<{ user: User; password: string } | null>(null);
  const [deleting, setDeleting] = useState<User | null>(null);
  const [busyId, setBusyId] = useState<number | null>(null);
  const toggle = useMutation((u: User) => updateUser({ id: u.id, active: !u.active }));
  const remove = useMutation((u: User) => deleteUser(u.id));
  const reload = () => setVersion((v) => v + 1);

  const onToggle = async (u: User) => {
    setBusyId(u.id);
    await toggle.run(u);
    setBusyId(null);
    reload();
  };
  const onDelete = async () => {
    if (!deleting) return;
    if (await remove.run(deleting)) {
      setDeleting(null);
      reload();
    }
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('users.title')}
        subtitle={t('users.subtitle')}
        actions={<Button onClick={() => setEditing('new')} icon={<UserPlus className="h-4 w-4" />}>{t('users.create')}</Button>}
      />
      {created && (
        <div className="rounded-md border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900" role="status" data-testid="created-user">
          {t('users.createdWithPassword', { name: created.user.display_name, username: created.user.username })}{' '}
          <code className="rounded bg-white px-1.5 py-0.5 font-mono">{created.password}</code>
        </div>
      )}
      <FormError error={toggle.error} />
      <div className="grid gap-4 xl:grid-cols-3">
        <Card title={t('users.accounts')} className="xl:col-span-2">
          {users.error ? (
            <ErrorState error={users.error} onRetry={users.refetch} />
          ) : !users.data ? (
            <LoadingState />
          ) : users.data.length === 0 ? (
            <EmptyState title={t('users.empty')} />
          ) : (
            <UserTable
              users={users.data}
              team={team.data ?? []}
              busyId={busyId}
              onOpen={(u) => navigate(`/admin/users/${u.id}`)}
              onEdit={(u) => setEditing(u)}
              onToggleActive={onToggle}
              onDelete={(u) => { remove.reset(); setDeleting(u); }}
            />
          )}
        </Card>
        <Card title={t('users.activityFeed')}>
          <ActivityFeed users={users.data ?? []} version={version} />
        </Card>
      </div>
      {editing && (
        <Modal title={editing === 'new' ? t('users.create') : t('users.edit', { name: editing.display_name })} open onClose={() => setEditing(null)}>
          <UserForm
            user={editing === 'new' ? null : editing}
            onSaved={(saved, password) => {
              setEditing(null);
              setCreated(password ? { user: saved, password } : null);
              reload();
            }}
          />
        </Modal>
      )}
      {deleting && (
        <Modal title={t('users.deleteTitle')} open onClose={() => setDeleting(null)}>
          <p className="text-sm">{t('users.deleteConfirm', { name: deleting.display_name })}</p>
          {deleting.id === me?.id && <p className="mt-2 text-sm text-amber-700">{t('users.deleteSelf')}</p>}
          <div className="mt-3"><FormError error={remove.error} /></div>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDeleting(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" loading={remove.pending} onClick={onDelete}>{t('common.delete')}</Button>
          </div>
        </Modal>
      )}
    </div>
  );
}
