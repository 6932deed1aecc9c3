// Number and date formatting in the user's language.
import type { Lang } from './i18n/i18n';

const locales: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

// The locale tag of a language, for libraries that format numbers themselves (Chart.js).
export function numberLocale(lang: Lang): string {
  return locales[lang];
}

export function formatPercent(value: number | null | undefined, lang: Lang, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locales[lang], {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(locales[lang], { maximumFractionDigits: digits }).format(value);
}

export function formatDateTime(value: string | number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '–';
  const date = typeof value === 'number' ? new Date(value) : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(value: string | null | undefined, lang: Lang): string {
  if (!value) return '–';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(locales[lang], { dateStyle: 'medium' }).format(date);
}

// "2026-11-22T14:30" for <input type="datetime-local"> → ISO 8601 with the local offset.
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
