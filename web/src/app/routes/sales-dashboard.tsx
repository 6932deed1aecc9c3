// Sales dashboard: the sales person's own ranked call list (due call-backs first, leads others
// follow up marked with who), filters, the quick "Sudah Dihubungi", and "Refresh Skor ML".
import { useCallback, useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { PageHeader } from '@/components/page-header';
import { RefreshScoresButton } from '@/features/scoring/components/refresh-scores-button';
import { useAuth } from '@/features/auth/components/auth-provider';
import { RankedLeads } from '@/app/components/ranked-leads';

export function SalesDashboardRoute() {
  const { t } = useI18n();
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const bump = useCallback(() => setVersion((v) => v + 1), []);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t('sales.title', { name: user?.display_name ?? '' })}
        subtitle={t('sales.subtitle')}
        actions={<RefreshScoresButton onFinished={bump} />}
      />
      <RankedLeads version={version} quickContact title={t('sales.callList')} />
    </div>
  );
}
