// "Refresh Skor ML": starts or joins the refresh job and shows its progress until it ends.
import { RefreshCw } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { Button } from '@/components/button';
import { ProgressBar } from '@/components/progress-bar';
import { FormError } from '@/components/states';
import type { Job } from '@/types/api';
import { useRefreshJob } from '../api/get-job';

export function RefreshScoresButton({ onFinished }: { onFinished?: (job: Job) => void }) {
  const { t, lang } = useI18n();
  const { job, error, running, start } = useRefreshJob(onFinished);
  return (
    <div className="flex w-full flex-col gap-2 sm:w-72" data-testid="refresh-scores">
      <Button onClick={start} loading={running} icon={<RefreshCw className="h-4 w-4" />}>
        {t('scoring.refresh')}
      </Button>
      {job && (
        <div aria-live="polite">
          <ProgressBar done={job.done} total={job.total} label={t('scoring.progress')} />
          {job.state === 'succeeded' && (
            <p className="text-xs font-medium text-emerald-700" data-testid="refresh-done">
              {t('scoring.done', { count: formatNumber(job.total, lang) })}
            </p>
          )}
          {job.state === 'failed' && (
            <p role="alert" className="text-xs text-rose-700">
              {t('scoring.failed')}: {job.message ?? ''}
            </p>
          )}
        </div>
      )}
      <FormError error={error} />
    </div>
  );
}
