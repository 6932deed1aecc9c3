// What-if scoring for a customer who is not in the database.
import { useI18n } from '@/lib/i18n/i18n';
import { PageHeader } from '@/components/page-header';
import { ErrorState, LoadingState } from '@/components/states';
import { useLeadFieldSet } from '@/features/leads/api/get-lead-fields';
import { WhatIfForm } from '@/features/scoring/components/what-if-form';

export function WhatIfRoute() {
  const { t } = useI18n();
  const fields = useLeadFieldSet();
  return (
    <div>
      <PageHeader title={t('whatIf.title')} subtitle={t('whatIf.subtitle')} />
      {fields.error ? <ErrorState error={fields.error} onRetry={fields.refetch} /> : !fields.data ? <LoadingState /> : <WhatIfForm specs={fields.data.items} layout={fields.data.layout} />}
    </div>
  );
}
