// "Impor riwayat kampanye" on Kelola Data: how much campaign history trains the model (and how
// many outcomes set in the portal join it), and the upload of a labelled CSV as more history.
// All or nothing: a refused file lists its bad lines and the counts stay as they were.
import { useState, type FormEvent } from 'react';
import { Upload } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatNumber } from '@/lib/format';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FilePicker } from '@/components/file-picker';
import { ErrorState, FormError, LoadingState } from '@/components/states';
import { rowErrorsOf } from '@/features/leads/api/import-leads';
import { RowErrors } from '@/features/leads/components/import-panel';
import type { HistoryCounts, HistoryImportResult } from '@/types/api';
import { useHistory } from '../api/get-history';
import { importHistory } from '../api/import-history';

const maxBytes = 64 * 1024 * 1024;

export function HistoryImportCard() {
  const { t, lang } = useI18n();
  const query = useHistory();
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<HistoryImportResult | null>(null);
  const mutation = useMutation(importHistory);
  const counts: HistoryCounts | undefined = result ?? query.data;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setProblem(t('import.chooseFile'));
    if (file.size === 0) return setProblem(t('import.emptyFile'));
    if (file.size > maxBytes) return setProblem(t('import.tooLarge'));
    setProblem(null);
    const answer = await mutation.run(file);
    if (answer) setResult(answer);
  };

  const refused = rowErrorsOf(mutation.error);
  const count = (n: number) => formatNumber(n, lang);
  return (
    <Card title={t('historyImport.title')}>
      <div className="space-y-3" data-testid="history-import-card">
        <p className="text-xs text-slate-500">{t('historyImport.help')}</p>
        {query.error ? (
          <ErrorState error={query.error} onRetry={query.refetch} />
        ) : !counts ? (
          <LoadingState />
        ) : (
          <p className="rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-800" data-testid="history-counts">
            {t('historyImport.counts', { rows: count(counts.rows), positives: count(counts.positives), portal: count(counts.from_portal) })}
          </p>
        )}
        <form onSubmit={submit} className="space-y-3" noValidate>
          <FilePicker label={t('historyImport.file')} file={file} onPick={setFile} />
          {problem && <p role="alert" className="text-sm text-rose-700">{problem}</p>}
          <FormError error={mutation.error} />
          {refused.length > 0 && <RowErrors title={t('import.refused', { count: count(refused.length) })} errors={refused} testId="history-row-errors" />}
          {result && !mutation.error && (
            <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm font-medium text-emerald-900" data-testid="history-import-report">
              {t('historyImport.done', { imported: count(result.imported) })}
            </p>
          )}
          <Button type="submit" loading={mutation.pending} icon={<Upload className="h-4 w-4" />}>
            {t('historyImport.submit')}
          </Button>
        </form>
      </div>
    </Card>
  );
}
