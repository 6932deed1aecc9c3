// The customer's data as the bank gave it: known columns with their labels, categories in words
// and numbers in the reader's format, then any columns the portal does not know (kept with the
// lead and offered to the model; their text is shown as it is, their numbers formatted).
import { useI18n } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { fieldValueText } from '@/lib/field-values';
import type { LeadDetail, LeadField } from '@/types/api';

export function LeadData({ lead, specs }: { lead: LeadDetail; specs: LeadField[] }) {
  const { t, lang } = useI18n();
  const rows: { key: string; label: string; value: string }[] = [];
  for (const spec of specs) {
    const value = lead.fields[spec.name];
    if (value === null || value === undefined || value === '') continue;
    rows.push({ key: spec.name, label: lang === 'id' ? spec.label_id : spec.label_en, value: fieldValueText(spec.name, value, lang) });
  }
  for (const [name, value] of Object.entries(lead.extra ?? {})) {
    if (value === null || value === undefined || value === '') continue;
    rows.push({ key: `extra.${name}`, label: name, value: typeof value === 'number' ? formatNumber(value, lang, 3) : String(value) });
  }
  if (lead.outcome !== null) {
    rows.push({ key: 'outcome', label: t('lead.outcome'), value: lead.outcome ? t('common.yes') : t('common.no') });
  }
  if (rows.length === 0) return <p className="text-sm text-slate-500">{t('lead.noData')}</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {rows.map((row) => (
        <div key={row.key} className="flex justify-between gap-3 border-b border-slate-100 pb-1">
          <dt className="text-slate-500">{row.label}</dt>
          <dd className="text-right font-medium text-slate-800">{row.value}</dd>
        </div>
      ))}
    </dl>
  );
}
