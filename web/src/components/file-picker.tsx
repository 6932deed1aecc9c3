// A CSV file chooser in the reader's language. The browser's own file input speaks the browser's
// language ("Choose File", "No file chosen"), not the portal's, so the input itself is hidden
// (still focusable and labelled, for keyboards, screen readers and tests) and a button-like
// label with the chosen file's name stands in its place.
import { FileUp } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';

export function FilePicker({ label, file, onPick, accept = '.csv,text/csv' }: {
  label: string;
  file: File | null;
  onPick: (file: File | null) => void;
  accept?: string;
}) {
  const { t } = useI18n();
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-3">
      <label className="inline-flex cursor-pointer items-center gap-2 rounded-md bg-teal-50 px-3 py-2 text-sm font-medium text-teal-800 hover:bg-teal-100 focus-within:ring-2 focus-within:ring-teal-600">
        <FileUp className="h-4 w-4" aria-hidden="true" />
        {t('file.choose')}
        <input
          type="file"
          accept={accept}
          aria-label={label}
          className="sr-only"
          onChange={(e) => onPick(e.target.files?.[0] ?? null)}
        />
      </label>
      <span className="min-w-0 truncate text-sm text-slate-600" data-testid="file-picker-name">
        {file ? file.name : t('file.none')}
      </span>
    </div>
  );
}
