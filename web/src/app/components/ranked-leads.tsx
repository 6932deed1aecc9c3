// The ranked list with its filters and pages, as the admin dashboard and the sales dashboard
// show it. For sales it adds the quick "Sudah Dihubungi" button. The segment filter offers the
// personas of the most recent segmentation of the leads; without one (or if it cannot be
// loaded) the filter is simply not there.
import { useCallback, useMemo, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Card } from '@/components/card';
import { Pagination } from '@/components/pagination';
import { EmptyState, ErrorState, FormError, LoadingState } from '@/components/states';
import { useLeads } from '@/features/leads/api/get-leads';
import { setLeadStatus } from '@/features/leads/api/set-lead-status';
import { LeadFilters, type SegmentChoices } from '@/features/leads/components/lead-filters';
import { useLeadSegmentation } from '@/features/segments/api/get-lead-segmentation';
import { LeadTable } from '@/features/leads/components/lead-table';
import type { LeadQuery, LeadSummary } from '@/types/api';

export function RankedLeads({ version, quickContact = false, title }: { version: number; quickContact?: boolean; title?: string }) {
  const { t } = useI18n();
  const [query, setQuery] = useState<LeadQuery>({ page: 1, size: 50, sort: 'rank' });
  const [local, setLocal] = useState(0);
  const leads = useLeads(query, version + local);
  const segmentation = useLeadSegmentation();
  const seg = segmentation.data;
  const segments = useMemo<SegmentChoices | null>(() => (seg ? { segmentationId: seg.id, clusters: seg.clusters } : null), [seg]);
  const [busyId, setBusyId] = useState<number | null>(null);
  const contact = useMutation((lead: LeadSummary) => setLeadStatus(lead.id, { status: 'contacted' }));
  const onQuickContact = useCallback(
    async (lead: LeadSummary) => {
      setBusyId(lead.id);
      await contact.run(lead);
      setBusyId(null);
      setLocal((v) => v + 1);
    },
    [contact],
  );
  const onChange = useCallback((next: LeadQuery) => setQuery(next), []);
  const data = leads.data;
  return (
    <Card title={title ?? t('dashboard.ranked')}>
      <LeadFilters query={query} onChange={onChange} showMine={quickContact} segments={segments} />
      <FormError error={contact.error} />
      {leads.error ? (
        <ErrorState error={leads.error} onRetry={leads.refetch} />
      ) : !data ? (
        <LoadingState />
      ) : data.items.length === 0 ? (
        <EmptyState title={t('leads.empty')} />
      ) : (
        <div className={leads.loading ? 'opacity-60' : ''}>
          <LeadTable leads={data.items} onQuickContact={quickContact ? onQuickContact : undefined} busyId={busyId} list={{ query, offset: (data.page - 1) * data.size }} />
          <Pagination page={data.page} size={data.size} total={data.total} onPage={(page) => setQuery({ ...query, page })} />
        </div>
      )}
    </Card>
  );
}
