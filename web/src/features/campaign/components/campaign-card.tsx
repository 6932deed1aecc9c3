// "Kampanye saat ini" on the model page: the campaign-context values scoring applies to every
// lead, where they come from (an admin, the history, the active model, or nothing yet), what the active model does
// with them, and a form with a select per category column and a number box per number column.
// Checked before sending; the server's refusal is shown as it is and the form keeps what was
// typed.
import { useState, type FormEvent } from 'react';
import { Save } from 'lucide-react';
import { useI18n, type Lang, type MessageKey } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatDateTime } from '@/lib/format';
import { valueLabel } from '@/lib/field-values';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { SelectField, TextField } from '@/components/field';
import { EmptyState, ErrorState, FormError, LoadingState } from '@/components/states';
import type { CampaignColumn, CampaignSaved, CampaignSetting, CampaignValues } from '@/types/api';
import { useCampaign } from '../api/get-campaign';
import { setCampaign } from '../api/set-campaign';

export type CampaignTexts = Record<string, string>;
export type CampaignErrors = Record<string, MessageKey>;

// A number as typed in either language: "4,857" and "4.857" are both 4.857, "-1,8" is -1.8.
// Thousands separators are not read ("5.191,0" is refused rather than guessed).
export function parseDecimal(text: string): number | null {
  const raw = text.trim().replace(/\s/g, '');
  if (raw === '' || (raw.match(/[.,]/g) ?? []).length > 1) return null;
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(raw)) return null;
  const value = Number(raw.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

// The form's text of each column: a category as it is, a number with the reader's decimal mark
// and no grouping (so that 5191 does not turn into "5.191", which reads back as 5.191).
export function campaignTextsOf(columns: CampaignColumn[], campaign: CampaignValues, lang: Lang): CampaignTexts {
  const texts: CampaignTexts = {};
  for (const column of columns) {
    const value = campaign[column.name];
    if (value === undefined || value === null) texts[column.name] = '';
    else if (column.kind === 'number' && typeof value === 'number') texts[column.name] = lang === 'id' ? String(value).replace('.', ',') : String(value);
    else texts[column.name] = String(value);
  }
  return texts;
}

// Every column's value for the PUT, or the problem of each: empty, not a number, or a category
// outside its levels (the value the form started with is kept even when the list lacks it).
export function parseCampaignTexts(
  columns: CampaignColumn[],
  texts: CampaignTexts,
  initial: CampaignTexts = {},
): { campaign: CampaignValues | null; errors: CampaignErrors } {
  const campaign: CampaignValues = {};
  const errors: CampaignErrors = {};
  for (const column of columns) {
    const raw = (texts[column.name] ?? '').trim();
    if (raw === '') {
      errors[column.name] = 'form.required';
    } else if (column.kind === 'number') {
      const value = parseDecimal(raw);
      if (value === null) errors[column.name] = 'form.mustBeNumber';
      else campaign[column.name] = value;
    } else if (column.levels.length > 0 && !column.levels.includes(raw) && raw !== (initial[column.name] ?? '')) {
      errors[column.name] = 'form.mustChoose';
    } else {
      campaign[column.name] = raw;
    }
  }
  return { campaign: Object.keys(errors).length > 0 ? null : campaign, errors };
}

export function CampaignCard({ version = 0 }: { version?: number }) {
  const { t } = useI18n();
  const query = useCampaign(version);
  // what the last save answered, until `version` reloads the setting (the model's mode may differ)
  const [savedAt, setSavedAt] = useState<{ version: number; answer: CampaignSaved } | null>(null);
  const saved = savedAt && savedAt.version === version ? savedAt.answer : null;
  const current: CampaignSetting | undefined = saved ?? query.data;
  return (
    <Card title={t('campaign.title')}>
      <div data-testid="campaign-card">
        {query.error ? (
          <ErrorState error={query.error} onRetry={query.refetch} />
        ) : !current ? (
          <LoadingState />
        ) : current.columns.length === 0 ? (
          <div data-testid="campaign-empty">
            <EmptyState title={t('campaign.empty')}>
              <p className="max-w-sm text-xs">{t('campaign.emptyHint')}</p>
            </EmptyState>
          </div>
        ) : (
          <CampaignForm
            key={`${JSON.stringify(current.campaign)} ${current.updated_at ?? ''}`}
            current={current}
            justSaved={saved}
            onSaved={(answer) => setSavedAt({ version, answer })}
          />
        )}
      </div>
    </Card>
  );
}

function CampaignForm({ current, justSaved, onSaved }: {
  current: CampaignSetting;
  justSaved: CampaignSaved | null;
  onSaved: (campaign: CampaignSaved) => void;
}) {
  const { t, lang } = useI18n();
  const [initial] = useState<CampaignTexts>(() => campaignTextsOf(current.columns, current.campaign, lang));
  const [texts, setTexts] = useState<CampaignTexts>(initial);
  const [errors, setErrors] = useState<CampaignErrors>({});
  const mutation = useMutation(setCampaign);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseCampaignTexts(current.columns, texts, initial);
    setErrors(parsed.errors);
    if (!parsed.campaign) return;
    const answer = await mutation.run(parsed.campaign);
    if (answer) onSaved(answer);
  };

  const source =
    current.source === 'setting'
      ? t('campaign.sourceSetting', { name: current.updated_by ?? '–', time: formatDateTime(current.updated_at, lang) })
      : current.source === 'history'
        ? t('campaign.sourceHistory')
        : current.source === 'model'
          ? t('campaign.sourceModel')
          : t('campaign.sourceNone');
  const mode =
    !current.model_mode
      ? t('campaign.modeNone')
      : current.model_mode === 'exclude'
        ? t('campaign.modeExclude')
        : current.model_mode === 'include'
          ? t('campaign.modeInclude')
          : t('campaign.modeApplied');

  return (
    <div className="space-y-3">
      <div className="space-y-1 rounded-md bg-slate-50 px-3 py-2 text-sm">
        <p className="font-medium text-slate-800" data-testid="campaign-source">{source}</p>
        <p className="text-xs text-slate-600" data-testid="campaign-mode">{mode}</p>
      </div>
      {justSaved && !mutation.error && (
        <p role="status" className="rounded-md bg-teal-50 px-3 py-2 text-sm text-teal-900" data-testid="campaign-saved">
          {t('campaign.saved')}{' '}
          {justSaved.refresh_job ? t('campaign.refreshing', { id: justSaved.refresh_job.id }) : t('campaign.notRefreshed')}
        </p>
      )}
      <form onSubmit={submit} noValidate className="space-y-3">
        <p className="text-xs text-slate-500">{t('campaign.help')}</p>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          {current.columns.map((column) => {
            const label = lang === 'id' ? column.label_id : column.label_en;
            const value = texts[column.name] ?? '';
            const error = errors[column.name] ? t(errors[column.name]) : null;
            const onChange = (next: string) => setTexts((prev) => ({ ...prev, [column.name]: next }));
            if (column.kind === 'category') {
              const start = initial[column.name] ?? '';
              const unlisted = start !== '' && !column.levels.includes(start);
              return (
                <SelectField key={column.name} label={label} name={column.name} value={value} error={error} onChange={(e) => onChange(e.target.value)}>
                  {start === '' && <option value="">{t('campaign.choose')}</option>}
                  {unlisted && <option value={start}>{valueLabel(column.name, start, lang)}</option>}
                  {column.levels.map((level) => (
                    <option key={level} value={level}>{valueLabel(column.name, level, lang)}</option>
                  ))}
                </SelectField>
              );
            }
            return (
              <TextField
                key={column.name}
                label={label}
                name={column.name}
                inputMode="decimal"
                value={value}
                error={error}
                onChange={(e) => onChange(e.target.value)}
              />
            );
          })}
        </div>
        <FormError error={mutation.error} />
        <Button type="submit" loading={mutation.pending} icon={<Save className="h-4 w-4" />}>
          {t('campaign.save')}
        </Button>
      </form>
    </div>
  );
}
