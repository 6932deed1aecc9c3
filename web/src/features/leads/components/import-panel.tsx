// CSV import (admin): pick a file, choose whether bad rows refuse the whole file (the default)
// or are skipped, and read a clear report: how many rows went in (new leads, leads of customers
// already here that were updated, and rows that changed nothing), and each bad line with its
// reason, worded from its code in the reader's language.
import { useState, type FormEvent } from 'react';
import { Upload } from 'lucide-react';
import { translate, useI18n, type Lang } from '@/lib/i18n/i18n';
import { describeCode } from '@/lib/errors';
import { useMutation } from '@/lib/use-query';
import { formatNumber } from '@/lib/format';
import { Button } from '@/components/button';
import { FilePicker } from '@/components/file-picker';
import { FormError } from '@/components/states';
import type { ImportResult, RowError } from '@/types/api';
import { importLeads, rowErrorsOf } from '../api/import-leads';

const maxBytes = 64 * 1024 * 1024;

export function ImportPanel({ onImported }: { onImported: (result: ImportResult) => void }) {
  const { t, lang } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const mutation = useMutation(importLeads);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setResult(null);
    if (!file) return setProblem(t('import.chooseFile'));
    if (file.size === 0) return setProblem(t('import.emptyFile'));
    if (file.size > maxBytes) return setProblem(t('import.tooLarge'));
    setProblem(null);
    const answer = await mutation.run({ file, skipBadRows });
    if (answer) {
      setResult(answer);
      onImported(answer);
    }
  };

  const refused = rowErrorsOf(mutation.error);
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <FilePicker label={t('import.file')} file={file} onPick={setFile} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)} />
        {t('import.skipBadRows')}
      </label>
      <p className="text-xs text-slate-500">{t('import.keyRule')}</p>
      {problem && <p role="alert" className="text-sm text-rose-700">{problem}</p>}
      <FormError error={mutation.error} />
      {refused.length > 0 && <RowErrors title={t('import.refused', { count: formatNumber(refused.length, lang) })} errors={refused} />}
      {result && (
        <div className="space-y-2 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900" data-testid="import-report">
          <p className="font-medium">
            {t('import.done', {
              imported: formatNumber(result.imported, lang),
              created: formatNumber(result.created, lang),
              updated: formatNumber(result.updated, lang),
              unchanged: formatNumber(result.unchanged, lang),
              skipped: formatNumber(result.skipped, lang),
            })}
          </p>
          <p className="text-xs">{result.scored ? t('import.scored') : t('import.notScored')}</p>
          {result.errors.length > 0 && <RowErrors title={t('import.skipped', { count: formatNumber(result.errors.length, lang) })} errors={result.errors} />}
        </div>
      )}
      <Button type="submit" loading={mutation.pending} icon={<Upload className="h-4 w-4" />}>
        {t('import.submit')}
      </Button>
    </form>
  );
}

// A bad row in the reader's language, from its code; an unknown code reads as a generic
// sentence, never as the server's English reason.
export function rowErrorText(error: RowError, lang: Lang): string {
  return describeCode(error.code ?? '', error.params ?? {}, lang, 'invalid_argument') ?? translate(lang, 'error.unknown');
}

export function RowErrors({ title, errors, testId = 'row-errors' }: { title: string; errors: RowError[]; testId?: string }) {
  const { t, lang } = useI18n();
  const shown = errors.slice(0, 200);
  return (
    <div className="rounded-md border border-rose-200 bg-white text-sm" data-testid={testId}>
      <p className="border-b border-rose-100 px-3 py-2 font-medium text-rose-800">{title}</p>
      <ul className="max-h-56 overflow-y-auto px-3 py-2">
        {shown.map((e) => (
          <li key={`${e.line}-${e.reason}`} className="py-0.5 text-slate-700">
            <span className="font-mono text-xs text-rose-700">{t('import.line', { line: formatNumber(e.line, lang) })}</span> {rowErrorText(e, lang)}
          </li>
        ))}
      </ul>
      {errors.length > shown.length && <p className="px-3 pb-2 text-xs text-slate-500">{t('import.more', { count: formatNumber(errors.length - shown.length, lang) })}</p>}
    </div>
  );
}
