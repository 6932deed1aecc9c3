// Build a segmentation (admin): on the leads' numeric columns or on an uploaded customer CSV
// (e.g. Mall Customers), with the features to cluster on and k picked by the elbow or fixed.
// The lead columns offered are those the server finds filled in for most leads, with its
// default pair (age × balance, or age × campaign on the bank-additional layout); a CSV's
// columns that identify the rows (CustomerID, id…) are not offered.
import { useState, type FormEvent } from 'react';
import { Layers } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { defaultFeatures, readCsvColumns } from '@/lib/csv-header';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { FilePicker } from '@/components/file-picker';
import { FormError } from '@/components/states';
import type { BuildSegmentationRequest, SegmentationDetail } from '@/types/api';
import { buildSegment } from '../api/build-segment';
import { useSegmentFeatures } from '../api/get-segment-features';

const maxCsvBytes = 16 * 1024 * 1024;

export function BuildForm({ onBuilt }: { onBuilt: (segmentation: SegmentationDetail) => void }) {
  const { t, lang } = useI18n();
  const [source, setSource] = useState<'leads' | 'csv'>('csv');
  const [name, setName] = useState('');
  const [csvFile, setCsvFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [csvColumns, setCsvColumns] = useState<string[]>([]);
  const [csvIdLike, setCsvIdLike] = useState<string[]>([]);
  const [features, setFeatures] = useState<string[]>([]);
  const [k, setK] = useState('');
  const [makeDefault, setMakeDefault] = useState(true);
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation(buildSegment);
  const [built, setBuilt] = useState(0);
  const leadFeatures = useSegmentFeatures(built, source === 'leads');
  const leadColumns = (leadFeatures.data?.items ?? []).map((f) => f.name);
  const columns = source === 'csv' ? csvColumns : leadColumns;
  const columnLabel = (column: string) => {
    const spec = source === 'leads' ? leadFeatures.data?.items.find((f) => f.name === column) : undefined;
    return spec ? (lang === 'id' ? spec.label_id : spec.label_en) : column;
  };
  // The lead columns start as the server's default pair, until the user picks others.
  const [leadPicked, setLeadPicked] = useState(false);
  const shown = source === 'leads' && !leadPicked ? leadFeatures.data?.default ?? [] : features;

  const pickFile = async (file: File | null) => {
    setCsvFile(file);
    setCsv(null);
    setCsvColumns([]);
    setCsvIdLike([]);
    setFeatures([]);
    if (!file) return;
    if (file.size > maxCsvBytes) return setProblem(t('segments.csvTooLarge'));
    const text = await file.text();
    const read = readCsvColumns(text);
    if (!read || read.numeric.length === 0) return setProblem(t('segments.csvNoNumbers'));
    setProblem(null);
    setCsv(text);
    setCsvColumns(read.numeric);
    setCsvIdLike(read.idLike);
    setFeatures(defaultFeatures(read.numeric));
    if (!name) setName(file.name.replace(/\.csv$/i, ''));
  };

  const switchSource = (next: 'leads' | 'csv') => {
    setSource(next);
    setLeadPicked(false);
    setFeatures(next === 'leads' ? [] : defaultFeatures(csvColumns));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (source === 'csv' && !csv) return setProblem(t('segments.chooseCsv'));
    if (source === 'leads' && leadFeatures.data && leadFeatures.data.leads === 0) return setProblem(t('segments.noLeads'));
    if (shown.length < 1 || shown.length > 10) return setProblem(t('segments.pickFeatures'));
    const kValue = k === '' ? null : Number(k);
    if (kValue !== null && (!Number.isInteger(kValue) || kValue < 1 || kValue > 10)) return setProblem(t('segments.kRule'));
    if (name.length > 100) return setProblem(t('form.tooLong', { max: 100 }));
    setProblem(null);
    const body: BuildSegmentationRequest = { name: name.trim() || undefined, source, features: shown, k: kValue, make_default: makeDefault };
    if (source === 'csv' && csv) body.csv = csv;
    const answer = await mutation.run(body);
    if (answer) {
      setBuilt((v) => v + 1);
      onBuilt(answer);
    }
  };

  const toggle = (column: string) => {
    setLeadPicked(true);
    setFeatures(shown.includes(column) ? shown.filter((c) => c !== column) : [...shown, column]);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="build-form">
      <SelectField label={t('segments.source')} value={source} onChange={(e) => switchSource(e.target.value as 'leads' | 'csv')}>
        <option value="csv">{t('segments.sourceCsv')}</option>
        <option value="leads">{t('segments.sourceLeads')}</option>
      </SelectField>
      {source === 'csv' && (
        <FilePicker label={t('segments.csvFile')} file={csvFile} onPick={pickFile} />
      )}
      <TextField label={t('segments.name')} value={name} onChange={(e) => setName(e.target.value)} />
      {columns.length > 0 && (
        <fieldset>
          <legend className="mb-1 text-xs font-medium text-slate-700">{t('segments.features')}</legend>
          <div className="flex flex-wrap gap-2">
            {columns.map((column) => (
              <label key={column} className={`cursor-pointer rounded-full border px-2.5 py-1 text-xs ${shown.includes(column) ? 'border-teal-600 bg-teal-50 text-teal-900' : 'border-slate-300 text-slate-600'}`}>
                <input type="checkbox" className="sr-only" checked={shown.includes(column)} onChange={() => toggle(column)} />
                {columnLabel(column)}
              </label>
            ))}
          </div>
          {source === 'csv' && csvIdLike.length > 0 && (
            <p className="mt-1 text-xs text-slate-500" data-testid="id-columns">{t('segments.idColumns', { columns: csvIdLike.join(', ') })}</p>
          )}
        </fieldset>
      )}
      <TextField label={t('segments.k')} inputMode="numeric" value={k} placeholder={t('segments.kAuto')} onChange={(e) => setK(e.target.value)} />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={makeDefault} onChange={(e) => setMakeDefault(e.target.checked)} />
        {t('segments.makeDefault')}
      </label>
      {problem && <p role="alert" className="text-sm text-rose-700">{problem}</p>}
      <FormError error={mutation.error} />
      <Button type="submit" loading={mutation.pending} icon={<Layers className="h-4 w-4" />}>
        {t('segments.build')}
      </Button>
    </form>
  );
}
