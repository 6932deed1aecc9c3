// Previous / next through a paged list, with "x–y of total".
import { ChevronLeft, ChevronRight } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { Button } from './button';

export function Pagination({ page, size, total, onPage }: {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t, lang } = useI18n();
  if (total === 0) return null;
  const first = (page - 1) * size + 1;
  const last = Math.min(total, page * size);
  const pages = Math.max(1, Math.ceil(total / size));
  return (
    <nav className="flex items-center justify-between gap-2 pt-3 text-xs text-slate-600" aria-label={t('common.pages')}>
      <span>{t('common.range', { first: formatNumber(first, lang), last: formatNumber(last, lang), total: formatNumber(total, lang) })}</span>
      <div className="flex gap-1">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)} icon={<ChevronLeft className="h-4 w-4" />}>
          {t('common.prev')}
        </Button>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
          {t('common.next')}
          <ChevronRight className="h-4 w-4" />
        </Button>
      </div>
    </nav>
  );
}
