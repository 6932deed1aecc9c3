// "Berikutnya" on a lead's page: opens the next lead of the list the page was opened from (see
// find-next-lead.ts), carrying that list on. It names the lead it opens; at the end of the list
// it is disabled and says so. After a change made on the page (`prominent`) it becomes the
// page's main button, full width on a phone: it is what the caller presses next.
import { useNavigate } from 'react-router';
import { ChevronRight } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { Button } from '@/components/button';
import { useNextLead } from '../api/find-next-lead';
import { leadHref, type ListContext } from '../list-context';

export function NextLeadButton({ lead, list, version, prominent = false }: {
  lead: { id: number; rank: number | null };
  list: ListContext;
  // Looks the next lead up again when it changes.
  version: number;
  prominent?: boolean;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const { data, error, loading, refetch } = useNextLead(lead, list, version);
  const next = loading ? null : data?.next ?? null;
  const atEnd = !loading && !error && data !== undefined && data.next === null;

  const go = () => {
    if (error) {
      refetch();
      return;
    }
    if (!next) return;
    navigate(leadHref(next.id, list.query, next.pos));
    window.scrollTo?.(0, 0);
  };

  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-1" data-testid="next-lead">
      <Button
        variant={prominent ? 'primary' : 'secondary'}
        className={prominent ? 'w-full sm:w-auto' : ''}
        loading={loading}
        disabled={atEnd}
        onClick={go}
        title={next ? t('next.opens', { name: next.name }) : undefined}
        icon={<ChevronRight className="h-4 w-4" aria-hidden />}
        data-testid="next-lead-button"
      >
        {t('next.button')}
      </Button>
      {next && (
        <span className="min-w-0 truncate text-sm text-slate-600" data-testid="next-lead-name" data-lead-id={next.id}>
          {prominent ? t('next.after', { name: next.name }) : next.name}
        </span>
      )}
      {atEnd && <span className="text-sm text-slate-500" data-testid="next-lead-end">{t('next.end')}</span>}
      {error && !loading && <span className="text-sm text-rose-700" role="alert">{t('next.error')}</span>}
    </div>
  );
}
