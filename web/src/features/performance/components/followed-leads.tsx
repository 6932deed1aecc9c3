// The leads a sales person has changed, most recent change first; those that went back to
// pending (and so are no longer theirs) are marked.
import { Link } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatPercent } from '@/lib/format';
import { StatusBadge } from '@/components/status-badge';
import { EmptyState } from '@/components/states';
import type { PerformanceLead } from '@/types/api';

export function FollowedLeads({ leads, linkable = true }: { leads: PerformanceLead[]; linkable?: boolean }) {
  const { t, lang } = useI18n();
  if (leads.length === 0) return <EmptyState title={t('perf.noLeads')} />;
  return (
    <div className="-mx-4 overflow-x-auto">
      <table className="min-w-full text-sm" data-testid="followed-leads">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="px-4 py-2 font-medium">{t('lead.customer')}</th>
            <th className="px-2 py-2 font-medium">{t('lead.status')}</th>
            <th className="px-2 py-2 text-right font-medium">{t('lead.score')}</th>
            <th className="hidden px-4 py-2 font-medium sm:table-cell">{t('perf.changedAt')}</th>
          </tr>
        </thead>
        <tbody>
          {leads.map((lead) => (
            <tr key={lead.id} className="border-b border-slate-100">
              <td className="px-4 py-2 font-medium">
                {linkable ? <Link to={`/leads/${lead.id}`} className="text-teal-800 hover:underline">{lead.name}</Link> : lead.name}
                <p className="text-xs font-normal text-slate-500">
                  {lead.phone}
                  {!lead.still_owned && <span className="ml-1 rounded bg-slate-100 px-1">{t('perf.notOwned')}</span>}
                </p>
              </td>
              <td className="px-2 py-2"><StatusBadge status={lead.status} /></td>
              <td className="px-2 py-2 text-right tabular-nums">{formatPercent(lead.score, lang)}</td>
              <td className="hidden px-4 py-2 text-xs text-slate-500 sm:table-cell">{formatDateTime(lead.last_action_at, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
