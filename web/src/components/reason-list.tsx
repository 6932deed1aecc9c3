// The reasons behind a score, in words a sales person reads: which of the customer's facts
// push the chance up and which push it down, strongest first. A value is shown as a person
// reads it: a number in the reader's format, a category in words.
import { TrendingDown, TrendingUp } from 'lucide-react';
import { useI18n, type Lang } from '@/lib/i18n/i18n';
import { formatNumber } from '@/lib/format';
import { valueLabel } from '@/lib/field-values';
import type { Reason } from '@/types/api';

export function ReasonList({ reasons }: { reasons: Reason[] }) {
  const { t, lang } = useI18n();
  if (reasons.length === 0) return <p className="text-sm text-slate-500">{t('reasons.none')}</p>;
  const sorted = [...reasons].sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  const strongest = Math.abs(sorted[0].contribution) || 1;
  return (
    <ul className="space-y-2" aria-label={t('reasons.title')}>
      {sorted.map((reason) => {
        const up = reason.direction === 'up';
        const label = lang === 'id' ? reason.label_id : reason.label_en;
        const strength = Math.abs(reason.contribution) / strongest;
        return (
          <li key={reason.feature} className="flex items-start gap-2 text-sm">
            {up ? (
              <TrendingUp className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" aria-hidden />
            ) : (
              <TrendingDown className="mt-0.5 h-4 w-4 shrink-0 text-rose-600" aria-hidden />
            )}
            <div className="min-w-0 flex-1">
              <p>
                {(() => {
                  const level = t(strength > 0.66 ? 'reasons.strong' : strength > 0.33 ? 'reasons.moderate' : 'reasons.slight');
                  const text = lang === 'id' ? reason.text_id : reason.text_en;
                  if (text) return t(up ? 'reasons.sentenceRaises' : 'reasons.sentenceLowers', { text, strength: level });
                  return t(up ? 'reasons.raises' : 'reasons.lowers', {
                    label,
                    value: reason.value === 'missing' || reason.value === '' ? t('reasons.missing') : reasonValue(reason, lang),
                    strength: level,
                  });
                })()}
              </p>
              <div className="mt-1 h-1.5 w-full max-w-48 rounded bg-slate-100">
                <div
                  className={`h-full rounded ${up ? 'bg-emerald-500' : 'bg-rose-500'}`}
                  style={{ width: `${Math.max(4, strength * 100)}%` }}
                />
              </div>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

// "4.99e+03" (a compact reason's number) → "4.990"; "telephone" → "Telepon rumah".
function reasonValue(reason: Reason, lang: Lang): string {
  const text = reason.value.trim();
  const number = Number(text);
  if (text !== '' && Number.isFinite(number)) return formatNumber(number, lang, 3);
  return valueLabel(reason.feature, text, lang);
}
