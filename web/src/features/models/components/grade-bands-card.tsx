// "Batas grade" on the model page: the cut-offs the grades A–D follow now (the admin's, or the
// quartiles of the current scores), a form for three cut-offs in percent, and the way back to
// the quartiles. Checked before sending; the server's refusal is shown as it is.
import { useState, type FormEvent } from 'react';
import { RotateCcw, Save } from 'lucide-react';
import { useI18n, type Lang, type MessageKey } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatDateTime, formatNumber, formatPercent } from '@/lib/format';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { TextField } from '@/components/field';
import { ErrorState, FormError, LoadingState } from '@/components/states';
import type { Bands, GradeBands } from '@/types/api';
import { useGradeBands } from '../api/get-grade-bands';
import { setGradeBands } from '../api/set-grade-bands';

const cutGrades = ['A', 'B', 'C'] as const;
export type BandTexts = [string, string, string];
export type BandError = { key: MessageKey; grade?: string } | null;

// The three cut-offs typed in percent ("50", "12,5") as the fractions the API takes, or the
// problem with each: empty, not a number, outside (0, 100), or not below the one above it.
export function parseBandTexts(texts: BandTexts): { bands: Bands | null; errors: [BandError, BandError, BandError] } {
  const errors: [BandError, BandError, BandError] = [null, null, null];
  const values = texts.map((text, i) => {
    const raw = text.trim().replace(/%$/, '').trim().replace(',', '.');
    if (raw === '') {
      errors[i] = { key: 'form.required' };
      return NaN;
    }
    const value = Number(raw);
    if (!Number.isFinite(value)) errors[i] = { key: 'form.mustBeNumber' };
    else if (value <= 0 || value >= 100) errors[i] = { key: 'bands.range' };
    return value;
  });
  const readable = errors.map((e) => e === null);
  for (let i = 1; i < 3; i++) {
    if (readable[i] && readable[i - 1] && values[i] >= values[i - 1]) errors[i] = { key: 'bands.order', grade: cutGrades[i - 1] };
  }
  if (errors.some(Boolean)) return { bands: null, errors };
  const fraction = (percent: number) => Math.round(percent * 1e4) / 1e6;
  return { bands: [fraction(values[0]), fraction(values[1]), fraction(values[2])], errors };
}

export function bandTextsOf(bands: Bands | null, lang: Lang): BandTexts {
  if (!bands) return ['', '', ''];
  return bands.map((b) => formatNumber(b * 100, lang, 4)) as BandTexts;
}

export function GradeBandsCard() {
  const { t } = useI18n();
  const query = useGradeBands();
  const [saved, setSaved] = useState<GradeBands | null>(null);
  const current = saved ?? query.data;
  return (
    <Card title={t('bands.title')}>
      {query.error ? (
        <ErrorState error={query.error} onRetry={query.refetch} />
      ) : !current ? (
        <LoadingState />
      ) : (
        <GradeBandsForm key={JSON.stringify(current.bands)} current={current} justSaved={saved} onSaved={setSaved} />
      )}
    </Card>
  );
}

function GradeBandsForm({ current, justSaved, onSaved }: {
  current: GradeBands;
  justSaved: GradeBands | null;
  onSaved: (bands: GradeBands) => void;
}) {
  const { t, lang } = useI18n();
  const [texts, setTexts] = useState<BandTexts>(() => bandTextsOf(current.bands, lang));
  const [errors, setErrors] = useState<BandError[]>([null, null, null]);
  const mutation = useMutation(setGradeBands);
  const fixed = current.mode === 'fixed' && current.bands;

  const save = async (bands: Bands | null) => {
    const answer = await mutation.run(bands);
    if (answer) onSaved(answer);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseBandTexts(texts);
    setErrors(parsed.errors);
    if (parsed.bands) void save(parsed.bands);
  };

  return (
    <div className="space-y-3" data-testid="grade-bands">
      <div className="rounded-md bg-slate-50 px-3 py-2 text-sm" data-testid="grade-bands-current">
        <p className="font-medium text-slate-800">{fixed ? t('bands.modeFixed') : t('bands.modeQuartiles')}</p>
        {fixed && current.bands ? (
          <p className="tabular-nums text-slate-700">
            {t('bands.summary', {
              a: formatPercent(current.bands[0], lang),
              b: formatPercent(current.bands[1], lang),
              c: formatPercent(current.bands[2], lang),
            })}
          </p>
        ) : (
          <p className="text-xs text-slate-500">{t('bands.quartilesNote')}</p>
        )}
        {current.updated_at && (
          <p className="mt-1 text-xs text-slate-500">
            {t('bands.updated', { time: formatDateTime(current.updated_at, lang), name: current.updated_by ?? '–' })}
          </p>
        )}
      </div>
      {justSaved && !mutation.error && (
        <p role="status" className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-900" data-testid="grade-bands-saved">
          {t('bands.saved')}
          {typeof justSaved.regraded === 'number' && ` ${t('bands.regraded', { count: formatNumber(justSaved.regraded, lang) })}`}
        </p>
      )}
      <form onSubmit={submit} noValidate className="space-y-3">
        <p className="text-xs text-slate-500">{t('bands.help')}</p>
        <div className="grid grid-cols-3 gap-2">
          {cutGrades.map((grade, i) => (
            <TextField
              key={grade}
              label={t('bands.cut', { grade })}
              name={`band-${grade}`}
              inputMode="decimal"
              value={texts[i]}
              error={errors[i] ? t(errors[i].key, { grade: errors[i].grade ?? '' }) : null}
              onChange={(e) => setTexts((prev) => prev.map((v, j) => (j === i ? e.target.value : v)) as BandTexts)}
            />
          ))}
        </div>
        <FormError error={mutation.error} />
        <div className="flex flex-wrap gap-2">
          <Button type="submit" loading={mutation.pending} icon={<Save className="h-4 w-4" />}>
            {t('bands.save')}
          </Button>
          <Button variant="secondary" disabled={!fixed || mutation.pending} onClick={() => void save(null)} icon={<RotateCcw className="h-4 w-4" />}>
            {t('bands.useQuartiles')}
          </Button>
        </div>
      </form>
    </div>
  );
}
