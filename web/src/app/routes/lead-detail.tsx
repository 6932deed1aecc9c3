// A lead's page: the customer's data, score, grade, trend, the reasons in plain words, the
// status buttons (sales) and the status history. A 409 reloads the lead so the page shows who
// is handling it. Below 1024 px the page is one column in the order a caller needs: the phone
// links, the call and status buttons, then the score, the customer's data and the history (the
// two columns' wrappers are `display: contents` there, so their cards are ordered as one list).
// "Berikutnya" under the name opens the next lead of the list the page was opened from (its
// filters, sort and search come in the link's search parameters, see list-context.ts); after a
// change made on the page it is the main button and stays in sight under the app's header.
import { useParams, useSearchParams, Link } from 'react-router';
import { ArrowLeft, Pencil } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime, formatNumber, formatPercent } from '@/lib/format';
import { ApiError } from '@/lib/api-client';
import { normalizeReasons } from '@/lib/reasons';
import { Card } from '@/components/card';
import { GradeBadge } from '@/components/grade-badge';
import { ReasonList } from '@/components/reason-list';
import { StatusBadge } from '@/components/status-badge';
import { TrendArrow } from '@/components/trend-arrow';
import { Button } from '@/components/button';
import { Modal } from '@/components/modal';
import { DoNotCallBadge } from '@/components/do-not-call-badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import { useAuth } from '@/features/auth/components/auth-provider';
import { useLead } from '@/features/leads/api/get-lead';
import { useLeadFieldSet } from '@/features/leads/api/get-lead-fields';
import { LeadData } from '@/features/leads/components/lead-data';
import { LeadForm } from '@/features/leads/components/lead-form';
import { StatusActions } from '@/features/leads/components/status-actions';
import { AttemptActions } from '@/features/leads/components/attempt-actions';
import { LeadPhone } from '@/features/leads/components/lead-phone';
import { StatusHistory } from '@/features/leads/components/status-history';
import { AssignControl } from '@/features/leads/components/assign-control';
import { DoNotCallControl } from '@/features/leads/components/do-not-call-control';
import { NextLeadButton } from '@/features/leads/components/next-lead-button';
import { readListContext } from '@/features/leads/list-context';
import { UndoControl } from '@/features/leads/components/undo-control';
import { RevertControl } from '@/features/leads/components/revert-control';
import type { LeadDetail } from '@/types/api';

export function LeadDetailRoute() {
  const id = Number(useParams().id);
  // A new lead (Berikutnya) starts a fresh page: nothing done on it yet.
  return <LeadPage key={id} id={id} />;
}

function LeadPage({ id }: { id: number }) {
  const { t } = useI18n();
  const { user } = useAuth();
  const [params] = useSearchParams();
  const search = params.toString();
  const list = useMemo(() => readListContext(new URLSearchParams(search)), [search]);
  const { data, error, refetch } = useLead(id);
  const fieldSet = useLeadFieldSet();
  const specs = { ...fieldSet, data: fieldSet.data?.items };
  // The lead as last heard of: from the GET, or from the answer to a change made on this page.
  const [lead, setLead] = useState<LeadDetail | null>(null);
  const [editing, setEditing] = useState(false);
  // Changes made on this page: each one looks the next lead up again (the lead may have left
  // the list), and after the first the next lead is what the caller wants.
  const [changes, setChanges] = useState(0);
  const changed = (next: LeadDetail) => {
    setLead(next);
    setChanges((n) => n + 1);
  };
  useEffect(() => setLead(data ?? null), [data]);
  const back = user?.role === 'admin' ? '/admin' : '/sales';

  if (!Number.isInteger(id) || id <= 0) return <EmptyState title={t('lead.notFound')} />;
  if (error) {
    if (error instanceof ApiError && error.status === 404) return <EmptyState title={t('lead.notFound')}><Link to={back} className="text-teal-700 hover:underline">{t('common.back')}</Link></EmptyState>;
    return <ErrorState error={error} onRetry={refetch} />;
  }
  if (!lead || lead.id !== id) return <LoadingState />;

  return (
    <div className="space-y-4">
      <Link to={back} className="inline-flex items-center gap-1 text-sm text-teal-700 hover:underline">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('common.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold" data-testid="lead-name">{lead.name}</h1>
        <StatusBadge status={lead.status} />
        {lead.do_not_call && <DoNotCallBadge />}
        {lead.followed_up_by && <span className="text-sm text-sky-700" data-testid="followed-up-by">{t('lead.followedUpBy', { name: lead.followed_up_by })}</span>}
        {user?.role === 'admin' && (
          <Button size="sm" variant="secondary" className="ml-auto" onClick={() => setEditing(true)} icon={<Pencil className="h-4 w-4" />}>{t('common.edit')}</Button>
        )}
      </div>
      <div className={changes > 0 ? 'sticky top-[3.0625rem] z-20 -mx-4 border-b border-teal-100 bg-white/95 px-4 py-2 backdrop-blur lg:static lg:mx-0 lg:border-0 lg:bg-transparent lg:p-0' : ''}>
        <NextLeadButton lead={lead} list={list} version={changes} prominent={changes > 0} />
      </div>
      <div className="flex flex-col gap-4 lg:grid lg:grid-cols-3">
        <div className="contents lg:col-span-2 lg:block lg:space-y-4">
          <Card title={t('lead.scoreTitle')} className="order-2">
            <ScoreSummary lead={lead} />
            <h3 className="mb-2 mt-4 text-sm font-semibold text-slate-700">{t('reasons.title')}</h3>
            <ReasonList reasons={normalizeReasons(lead.reasons, specs.data)} />
          </Card>
          <Card title={t('lead.data')} className="order-3">
            {specs.data ? <LeadData lead={lead} specs={specs.data} /> : specs.error ? <ErrorState error={specs.error} /> : <LoadingState />}
          </Card>
        </div>
        <div className="contents lg:block lg:space-y-4">
          <Card title={t('phone.title')} className="order-1">
            <LeadPhone lead={lead} />
          </Card>
          {user?.role === 'sales' && !lead.do_not_call && (lead.status === 'pending' || lead.is_mine) && lead.status !== 'converted' && lead.status !== 'rejected' && (
            <Card title={t('attempt.title')} className="order-1">
              <AttemptActions lead={lead} onChanged={changed} onConflict={refetch} />
            </Card>
          )}
          {user?.role === 'sales' && lead.undo_until && (
            <Card title={t('undo.title')} className="order-1">
              <UndoControl lead={lead} onChanged={changed} />
            </Card>
          )}
          {user?.role === 'admin' && lead.may_revert && (
            <Card title={t('revert.title')} className="order-1">
              <RevertControl lead={lead} onChanged={changed} />
            </Card>
          )}
          {user?.role === 'admin' && (
            <Card title={t('assign.title')} className="order-1">
              <AssignControl lead={lead} onChanged={changed} />
            </Card>
          )}
          <Card title={t('dnc.title')} className="order-4">
            <DoNotCallControl lead={lead} isAdmin={user?.role === 'admin'} onChanged={changed} />
          </Card>
          {user?.role === 'sales' && !lead.do_not_call && (
            <Card title={t('lead.followUp')} className="order-1">
              <StatusActions lead={lead} onChanged={changed} onConflict={refetch} />
            </Card>
          )}
          <Card title={t('lead.history')} className="order-4">
            <StatusHistory entries={lead.history} />
          </Card>
        </div>
      </div>
      {editing && specs.data && (
        <Modal title={t('leads.edit')} open onClose={() => setEditing(false)}>
          <LeadForm specs={specs.data} layout={fieldSet.data?.layout} lead={lead} onSaved={(saved) => { changed(saved); setEditing(false); }} />
        </Modal>
      )}
    </div>
  );
}

function ScoreSummary({ lead }: { lead: LeadDetail }) {
  const { t, lang } = useI18n();
  if (lead.score === null) return <p className="text-sm text-slate-500">{t('lead.unscored')}</p>;
  return (
    <div className="flex flex-wrap items-center gap-6">
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">{t('lead.chance')}</p>
        <p className="text-3xl font-semibold text-teal-700" data-testid="lead-score">{formatPercent(lead.score, lang)}</p>
      </div>
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">{t('lead.grade')}</p>
        <GradeBadge grade={lead.grade} />
      </div>
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">{t('lead.trend')}</p>
        <p className="flex items-center gap-1 text-sm">
          <TrendArrow trend={lead.trend} />
          {lead.previous_score !== null && <span className="text-slate-500">{t('lead.previous', { score: formatPercent(lead.previous_score, lang) })}</span>}
        </p>
      </div>
      <div>
        <p className="text-xs uppercase tracking-wide text-slate-500">{t('lead.rank')}</p>
        <p className="text-sm font-medium tabular-nums" data-testid="lead-rank">{formatNumber(lead.rank, lang)}</p>
      </div>
      {lead.callback_at && (
        <div>
          <p className="text-xs uppercase tracking-wide text-slate-500">{t('status.callbackAt')}</p>
          <p className="text-sm font-medium text-amber-700">{formatDateTime(lead.callback_at, lang)}</p>
        </div>
      )}
      <p className="w-full text-xs text-slate-400">{t('lead.scoredAt', { time: formatDateTime(lead.scored_at, lang), model: lead.model_id ?? '–' })}</p>
    </div>
  );
}
