// One sales person's results as the admin sees them: the leads they followed up, counts,
// conversion rate, chart, and their entries in the activity log.
import { Link, useParams } from 'react-router';
import { ArrowLeft } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { Card } from '@/components/card';
import { PageHeader } from '@/components/page-header';
import { EmptyState } from '@/components/states';
import { usePerformance } from '@/features/performance/api/get-performance';
import { PerformanceView } from '@/features/performance/components/performance-view';
import { ActivityFeed } from '@/features/users/components/activity-feed';

export function AdminUserRoute() {
  const { t } = useI18n();
  const id = Number(useParams().id);
  const head = usePerformance(id, 30);
  if (!Number.isInteger(id) || id <= 0) return <EmptyState title={t('users.notFound')} />;
  return (
    <div>
      <Link to="/admin/users" className="mb-2 inline-flex items-center gap-1 text-sm text-teal-700 hover:underline">
        <ArrowLeft className="h-4 w-4" aria-hidden />
        {t('nav.users')}
      </Link>
      <PageHeader title={head.data ? t('users.resultsOf', { name: head.data.user.display_name }) : t('users.results')} />
      <PerformanceView userId={id} />
      <Card title={t('users.activityFeed')} className="mt-4">
        <ActivityFeed users={[]} version={0} userId={id} />
      </Card>
    </div>
  );
}
