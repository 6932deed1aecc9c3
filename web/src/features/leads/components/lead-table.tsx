// The ranked list of leads: rank, customer, score, grade, trend, segment, status. For a sales
// person it marks leads followed up by someone else and their own call-backs that are due, and
// offers a quick "Sudah Dihubungi" on leads still pending. On a phone (below 640 px) the
// table has fixed columns, customer, score, grade and the quick button, so that it fits the
// screen: the rank moves into the customer's line, the status and persona under the name. The
// trend shows from 1024 px, so that a tablet's list fits its width too. Given the list's query
// and where the page starts, each lead's link carries them (see list-context.ts), so that the
// lead's page can open the next lead of this list.
import { Link } from 'react-router';
import { BellRing, PhoneCall, UserCheck } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber, formatPercent } from '@/lib/format';
import { valueLabel } from '@/lib/field-values';
import { Button } from '@/components/button';
import { GradeBadge } from '@/components/grade-badge';
import { PersonaBadge } from '@/components/persona-badge';
import { StatusBadge } from '@/components/status-badge';
import { DoNotCallBadge } from '@/components/do-not-call-badge';
import { TrendArrow } from '@/components/trend-arrow';
import type { LeadQuery, LeadSummary } from '@/types/api';
import { leadHref } from '../list-context';

export interface LeadTableProps {
  leads: LeadSummary[];
  // Present for sales: the quick "Sudah Dihubungi" action and which lead it is running on.
  onQuickContact?: (lead: LeadSummary) => void;
  busyId?: number | null;
  // The list's query and the position (over all pages) of its first lead here.
  list?: { query: LeadQuery; offset: number };
}

export function LeadTable({ leads, onQuickContact, busyId, list }: LeadTableProps) {
  const { t } = useI18n();
  return (
    // `relative` keeps the header's screen-reader-only text (absolutely positioned) inside the
    // scroll box; without it that text widened the whole page on a phone.
    <div className="relative -mx-4 overflow-x-auto">
      <table className="w-full table-fixed text-sm sm:table-auto" data-testid="lead-table">
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="hidden py-2 font-medium sm:table-cell sm:px-4">#</th>
            <th className="py-2 pl-4 pr-2 font-medium sm:px-2">{t('lead.customer')}</th>
            <th className="w-16 px-2 py-2 text-right font-medium sm:w-auto">{t('lead.score')}</th>
            <th className="w-[3.75rem] px-2 py-2 font-medium sm:w-auto">{t('lead.grade')}</th>
            <th className="hidden px-2 py-2 font-medium lg:table-cell">{t('lead.trend')}</th>
            <th className="hidden px-2 py-2 font-medium md:table-cell">{t('lead.segment')}</th>
            <th className="hidden px-2 py-2 font-medium sm:table-cell">{t('lead.status')}</th>
            {onQuickContact && <th className="w-14 py-2 pl-1 pr-4 font-medium sm:w-auto sm:px-4"><span className="sr-only">{t('lead.actions')}</span></th>}
          </tr>
        </thead>
        <tbody>
          {leads.map((lead, index) => (
            <LeadRow key={lead.id} lead={lead} href={list ? leadHref(lead.id, list.query, list.offset + index) : `/leads/${lead.id}`} onQuickContact={onQuickContact} busy={busyId === lead.id} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LeadRow({ lead, href, onQuickContact, busy }: {
  lead: LeadSummary;
  href: string;
  onQuickContact?: (lead: LeadSummary) => void;
  busy: boolean;
}) {
  const { t, lang } = useI18n();
  const rowTone = lead.callback_due ? 'bg-amber-50' : lead.followed_up_by ? 'bg-slate-50/70' : '';
  return (
    <tr className={`border-b border-slate-100 align-top ${rowTone}`} data-lead-id={lead.id} data-testid="lead-row">
      <td className="hidden py-2 tabular-nums text-slate-500 sm:table-cell sm:px-4">{formatNumber(lead.rank, lang)}</td>
      <td className="break-words py-2 pl-4 pr-2 sm:px-2">
        <Link to={href} className="font-medium text-teal-800 hover:underline">
          {lead.name}
        </Link>
        <span className="ml-1.5 sm:hidden"><StatusBadge status={lead.status} /></span>
        {lead.do_not_call && <span className="ml-1.5"><DoNotCallBadge /></span>}
        {lead.segment && <span className="mt-0.5 flex min-w-0 md:hidden"><PersonaBadge segment={lead.segment} className="max-w-full sm:max-w-[12rem]" /></span>}
        <p className="text-xs text-slate-500">
          {lead.rank !== null && <span className="tabular-nums sm:hidden" data-testid="lead-rank-inline">#{formatNumber(lead.rank, lang)} · </span>}
          {[lead.job ? valueLabel('job', lead.job, lang) : null, lead.age !== null ? t('lead.years', { age: formatNumber(lead.age, lang) }) : null, lead.phone].filter(Boolean).join(' · ')}
        </p>
        {lead.callback_due && (
          <p className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-amber-700" data-testid="callback-due">
            <BellRing className="h-3.5 w-3.5" aria-hidden />
            {t('lead.callbackDue', { time: formatDateTime(lead.callback_at, lang) })}
          </p>
        )}
        {lead.followed_up_by && (
          <p className="mt-0.5 inline-flex items-center gap-1 text-xs font-medium text-sky-700" data-testid="followed-up-by">
            <UserCheck className="h-3.5 w-3.5" aria-hidden />
            {t('lead.followedUpBy', { name: lead.followed_up_by })}
          </p>
        )}
      </td>
      <td className="px-2 py-2 text-right tabular-nums">{formatPercent(lead.score, lang)}</td>
      <td className="px-2 py-2"><GradeBadge grade={lead.grade} /></td>
      <td className="hidden px-2 py-2 lg:table-cell"><TrendArrow trend={lead.score === null ? null : lead.trend} /></td>
      <td className="hidden px-2 py-2 md:table-cell"><PersonaBadge segment={lead.segment} className="max-w-[12rem] xl:max-w-[18rem]" /></td>
      <td className="hidden px-2 py-2 sm:table-cell"><StatusBadge status={lead.status} /></td>
      {onQuickContact && (
        <td className="py-2 pl-1 pr-4 text-right sm:px-4">
          {lead.status === 'pending' && (
            <Button size="sm" variant="secondary" loading={busy} onClick={() => onQuickContact(lead)} icon={<PhoneCall className="h-3.5 w-3.5" />} aria-label={t('status.contacted')} title={t('status.contacted')}>
              <span className="hidden sm:inline">{t('status.contacted')}</span>
            </Button>
          )}
        </td>
      )}
    </tr>
  );
}
