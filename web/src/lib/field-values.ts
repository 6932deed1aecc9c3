// The words for the category values of the bank columns, in both languages, from the value
// catalogue src/core/value_labels.json, which the server reads too (reasons, the forms'
// choices): one list, not two copies. The codes are those of both UCI Bank Marketing layouts;
// the server stores and the forms send the codes, only what a person reads is translated. A
// value the catalogue does not know (a bank's own export may use others) is shown readably as
// it is: "self_employed" → "Self employed".
import type { Lang } from './i18n/i18n';
import { formatNumber } from './format';
import catalogue from '@catalogue/value_labels.json';

export type ValueWords = Record<Lang, string>;

// yes / no / unknown: the answers every column shares.
const yesNoUnknown: Record<string, ValueWords> = catalogue.any;

export const fieldValueWords: Record<string, Record<string, ValueWords>> = catalogue.columns;

// A code as readable words: dots, underscores and dashes become spaces, the first letter a
// capital ("high.school" → "High school", "admin." → "Admin").
export function readableCode(value: string): string {
  const words = value.replace(/[._-]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (!words) return value;
  return words.charAt(0).toLocaleUpperCase() + words.slice(1);
}

// The words for `value` of column `field` ("job", or a one-hot model feature "job=retired").
// Unknown columns still get yes / no / unknown translated; anything else reads as its code.
export function valueLabel(field: string, value: string, lang: Lang): string {
  const code = value.trim();
  const own = lookup(fieldValueWords, field.split('=')[0]);
  const words = (own && (lookup(own, code) ?? lookup(own, code.toLowerCase()))) ?? lookup(yesNoUnknown, code.toLowerCase());
  return words ? words[lang] : readableCode(code);
}

function lookup<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

// Any stored value of a bank column as a person reads it: a number in the reader's format
// (up to 3 decimals, as the UCI indicators have), a category in words, '–' for nothing.
export function fieldValueText(field: string, value: string | number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'number') return formatNumber(value, lang, 3);
  return valueLabel(field, value, lang);
}
