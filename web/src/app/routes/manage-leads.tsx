// Kelola Data (admin): search, create, edit, delete leads; CSV import with a report of bad
// lines; CSV export of the current status and grade filter; the import of campaign history; the
// API tokens of pages and systems outside the portal.
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { Download, Pencil, Plus, Trash2 } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatNumber, formatPercent } from '@/lib/format';
import { valueLabel } from '@/lib/field-values';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { GradeBadge } from '@/components/grade-badge';
import { Modal } from '@/components/modal';
import { PageHeader } from '@/components/page-header';
import { Pagination } from '@/components/pagination';
import { StatusBadge } from '@/components/status-badge';
import { EmptyState, ErrorState, FormError, LoadingState } from '@/components/states';
import { useLeads } from '@/features/leads/api/get-leads';
import { getLead } from '@/features/leads/api/get-lead';
import { deleteLead } from '@/features/leads/api/delete-lead';
import { exportLeadsUrl } from '@/features/leads/api/export-leads';
import { useLeadFieldSet } from '@/features/leads/api/get-lead-fields';
import { ImportPanel } from '@/features/leads/components/import-panel';
import { LeadFilters } from '@/features/leads/components/lead-filters';
import { LeadForm } from '@/features/leads/components/lead-form';
import { leadHref } from '@/features/leads/list-context';
import { HistoryImportCard } from '@/features/campaign/components/history-import-card';
import { ApiTokensCard } from '@/features/tokens/components/api-tokens-card';
import type { LeadDetail, LeadQuery, LeadSummary } from '@/types/api';

export function ManageLeadsRoute() {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState<LeadQuery>({ page: 1, size: 25, sort: 'recent' });
  const [version, setVersion] = useState(0);
  const leads = useLeads(query, version);
  const fieldSet = useLeadFieldSet();
  const specs = { ...fieldSet, data: fieldSet.data?.items };
  const [editing, setEditing] = useState<LeadDetail | 'new' | null>(null);
  const [deleting, setDeleting] = useState<LeadSummary | null>(null);
  const open = useMutation((id: number) => getLead(id));
  const remove = useMutation((id: number) => deleteLead(id));
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const onChange = useCallback((next: LeadQuery) => setQuery(next), []);
  // The position of the page's first lead in the list (its leads' links carry their own).
  const offset = leads.data ? (leads.data.page - 1) * leads.data.size : 0;

  const edit = async (lead: LeadSummary) => {
    const detail = await open.run(lead.id);
    if (detail) setEditing(detail);
  };
  const confirmDelete = async () => {
    if (deleting && (await remove.run(deleting.id))) {
      setDeleting(null);
      reload();
    }
  };

  return (
    <div className="space-y-4">
      <PageHeader
        title={t('nav.manageLeads')}
        subtitle={t('leads.subtitle')}
        actions={
          <>
            <a href={exportLeadsUrl({ status: query.status, grade: query.grade })} download className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3.5 py-2 text-sm font-medium text-slate-800 hover:bg-slate-100">
              <Download className="h-4 w-4" aria-hidden />
              {t('leads.export')}
            </a>
            <Button onClick={() => setEditing('new')} disabled={!specs.data} icon={<Plus className="h-4 w-4" />}>{t('leads.create')}</Button>
          </>
        }
      />
      <div className="grid gap-4 xl:grid-cols-3">
        <Card title={t('leads.all')} className="min-w-0 xl:col-span-2">
          <LeadFilters query={query} onChange={onChange} />
          <FormError error={open.error} />
          {leads.error ? (
            <ErrorState error={leads.error} onRetry={leads.refetch} />
          ) : !leads.data ? (
            <LoadingState />
          ) : leads.data.items.length === 0 ? (
            <EmptyState title={t('leads.empty')} />
          ) : (
            <>
              <ul className="divide-y divide-slate-100" data-testid="manage-list">
                {leads.data.items.map((lead, index) => (
                  <li key={lead.id} className="flex items-center gap-3 py-2 text-sm">
                    <div className="min-w-0 flex-1">
                      <Link to={leadHref(lead.id, query, offset + index)} className="font-medium text-teal-800 hover:underline">{lead.name}</Link>
                      <p className="truncate text-xs text-slate-500">{[lead.phone, lead.job ? valueLabel('job', lead.job, lang) : null, lead.age !== null ? t('lead.years', { age: formatNumber(lead.age, lang) }) : null].filter(Boolean).join(' · ')}</p>
                    </div>
                    <span className="hidden tabular-nums sm:inline">{formatPercent(lead.score, lang)}</span>
                    <GradeBadge grade={lead.grade} />
                    <span className="hidden sm:inline"><StatusBadge status={lead.status} /></span>
                    <Button size="sm" variant="ghost" aria-label={t('common.edit')} title={t('common.edit')} onClick={() => edit(lead)} icon={<Pencil className="h-4 w-4" />} />
                    <Button size="sm" variant="ghost" aria-label={t('common.delete')} title={t('common.delete')} onClick={() => { remove.reset(); setDeleting(lead); }} icon={<Trash2 className="h-4 w-4 text-rose-600" />} />
                  </li>
                ))}
              </ul>
              <Pagination page={leads.data.page} size={leads.data.size} total={leads.data.total} onPage={(page) => setQuery({ ...query, page })} />
            </>
          )}
        </Card>
        <div className="min-w-0 space-y-4">
          <Card title={t('import.title')}>
            <p className="mb-3 text-xs text-slate-500">{t('import.help')}</p>
            <ImportPanel onImported={reload} />
          </Card>
          <HistoryImportCard />
          <ApiTokensCard />
        </div>
      </div>
      {editing && specs.data && (
        <Modal title={editing === 'new' ? t('leads.create') : t('leads.edit')} open onClose={() => setEditing(null)}>
          <LeadForm specs={specs.data} layout={fieldSet.data?.layout} lead={editing === 'new' ? null : editing} onSaved={() => { setEditing(null); reload(); }} />
        </Modal>
      )}
      {deleting && (
        <Modal title={t('leads.deleteTitle')} open onClose={() => setDeleting(null)}>
          <p className="text-sm">{t('leads.deleteConfirm', { name: deleting.name })}</p>
          <div className="mt-3"><FormError error={remove.error} /></div>
          <div className="mt-4 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setDeleting(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" loading={remove.pending} onClick={confirmDelete}>{t('common.delete')}</Button>
          </div>
        </Modal>
      )}
    </div>
  );
}
