// The activity feed: every status change, newest first, filterable by sales.
import { useState } from 'react';
import { Link } from 'react-router';
import { ArrowRight } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatDateTime } from '@/lib/format';
import { controlClass } from '@/components/field';
import { Pagination } from '@/components/pagination';
import { StatusBadge } from '@/components/status-badge';
import { EmptyState, ErrorState, LoadingState } from '@/components/states';
import type { User } from '@/types/api';
import { useActivity, type ActivityQuery } from '../api/get-activity';

// With `userId`, the feed shows that one sales person's changes only.
export function ActivityFeed({ users, version, userId }: { users: User[]; version: number; userId?: number }) {
  const { t, lang } = useI18n();
  const [query, setQuery] = useState<ActivityQuery>({ page: 1, size: 20, user_id: userId });
  const { data, error, loading, refetch } = useActivity(query, version);
  return (
    <div>
      <div className="mb-3">
        {userId === undefined && (
        <select aria-label={t('activity.bySales')} className={controlClass} value={query.user_id ?? ''} onChange={(e) => setQuery({ ...query, user_id: e.target.value ? Number(e.target.value) : undefined, page: 1 })}>
          <option value="">{t('activity.allSales')}</option>
          {users.filter((u) => u.role === 'sales').map((u) => (
            <option key={u.id} value={u.id}>{u.display_name}</option>
          ))}
        </select>
        )}
      </div>
      {loading && !data ? (
        <LoadingState />
      ) : error ? (
        <ErrorState error={error} onRetry={refetch} />
      ) : !data || data.items.length === 0 ? (
        <EmptyState title={t('activity.empty')} />
      ) : (
        <>
          <ul className="divide-y divide-slate-100" data-testid="activity-feed">
            {data.items.map((entry) => (
              <li key={entry.id} className="py-2 text-sm">
                <div className="flex flex-wrap items-center gap-1.5">
                  <span className="font-medium">{entry.user.display_name}</span>
                  <StatusBadge status={entry.from_status} />
                  <ArrowRight className="h-3.5 w-3.5 text-slate-400" aria-hidden />
                  <StatusBadge status={entry.to_status} />
                  <Link to={`/leads/${entry.lead_id}`} className="text-teal-800 hover:underline">{entry.lead_name}</Link>
                </div>
                <p className="text-xs text-slate-500">
                  {formatDateTime(entry.at, lang)}
                  {entry.note ? ` · “${entry.note}”` : ''}
                </p>
              </li>
            ))}
          </ul>
          <Pagination page={data.page} size={data.size} total={data.total} onPage={(page) => setQuery({ ...query, page })} />
        </>
      )}
    </div>
  );
}
