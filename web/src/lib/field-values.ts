// The words for the category values of the bank columns, in both languages. The codes are
// those of both UCI Bank Marketing layouts (bank-additional-full.csv and bank-full.csv, as
// their bank-names.txt list them): the server stores and the forms send the codes, only what a
// person reads is translated. A value this catalogue does not know (a bank's own export may
// use others) is shown readably as it is: "self_employed" → "Self employed".
import type { Lang } from './i18n/i18n';
import { formatNumber } from './format';

export type ValueWords = Record<Lang, string>;

// yes / no / unknown: the answers of default, housing and loan, and "unknown" of every column.
const yesNoUnknown: Record<string, ValueWords> = {
  yes: { id: 'Ya', en: 'Yes' },
  no: { id: 'Tidak', en: 'No' },
  unknown: { id: 'Tidak diketahui', en: 'Unknown' },
};

export const fieldValueWords: Record<string, Record<string, ValueWords>> = {
  job: {
    'admin.': { id: 'Staf administrasi', en: 'Administrative staff' },
    'blue-collar': { id: 'Pekerja kerah biru', en: 'Blue-collar worker' },
    entrepreneur: { id: 'Wirausaha', en: 'Entrepreneur' },
    housemaid: { id: 'Asisten rumah tangga', en: 'Housemaid' },
    management: { id: 'Manajemen', en: 'Management' },
    retired: { id: 'Pensiunan', en: 'Retired' },
    'self-employed': { id: 'Pekerja lepas', en: 'Self-employed' },
    services: { id: 'Jasa', en: 'Services' },
    student: { id: 'Pelajar/mahasiswa', en: 'Student' },
    technician: { id: 'Teknisi', en: 'Technician' },
    unemployed: { id: 'Tidak bekerja', en: 'Unemployed' },
    unknown: yesNoUnknown.unknown,
  },
  marital: {
    // UCI: "divorced" means divorced or widowed.
    divorced: { id: 'Cerai', en: 'Divorced' },
    married: { id: 'Menikah', en: 'Married' },
    single: { id: 'Lajang', en: 'Single' },
    unknown: yesNoUnknown.unknown,
  },
  education: {
    // bank-additional
    'basic.4y': { id: 'Sekolah dasar 4 tahun', en: 'Basic school, 4 years' },
    'basic.6y': { id: 'Sekolah dasar 6 tahun', en: 'Basic school, 6 years' },
    'basic.9y': { id: 'Sekolah dasar 9 tahun', en: 'Basic school, 9 years' },
    'high.school': { id: 'SMA', en: 'High school' },
    illiterate: { id: 'Tidak bersekolah', en: 'Illiterate' },
    'professional.course': { id: 'Kursus profesi', en: 'Professional course' },
    'university.degree': { id: 'Sarjana', en: 'University degree' },
    // bank-full
    primary: { id: 'Sekolah dasar', en: 'Primary' },
    secondary: { id: 'Sekolah menengah', en: 'Secondary' },
    tertiary: { id: 'Perguruan tinggi', en: 'Tertiary' },
    unknown: yesNoUnknown.unknown,
  },
  default: yesNoUnknown,
  housing: yesNoUnknown,
  loan: yesNoUnknown,
  y: { yes: yesNoUnknown.yes, no: yesNoUnknown.no },
  contact: {
    cellular: { id: 'Ponsel', en: 'Mobile phone' },
    telephone: { id: 'Telepon rumah', en: 'Landline' },
    unknown: yesNoUnknown.unknown,
  },
  month: {
    jan: { id: 'Januari', en: 'January' },
    feb: { id: 'Februari', en: 'February' },
    mar: { id: 'Maret', en: 'March' },
    apr: { id: 'April', en: 'April' },
    may: { id: 'Mei', en: 'May' },
    jun: { id: 'Juni', en: 'June' },
    jul: { id: 'Juli', en: 'July' },
    aug: { id: 'Agustus', en: 'August' },
    sep: { id: 'September', en: 'September' },
    oct: { id: 'Oktober', en: 'October' },
    nov: { id: 'November', en: 'November' },
    dec: { id: 'Desember', en: 'December' },
  },
  day_of_week: {
    mon: { id: 'Senin', en: 'Monday' },
    tue: { id: 'Selasa', en: 'Tuesday' },
    wed: { id: 'Rabu', en: 'Wednesday' },
    thu: { id: 'Kamis', en: 'Thursday' },
    fri: { id: 'Jumat', en: 'Friday' },
  },
  poutcome: {
    success: { id: 'Berhasil', en: 'Success' },
    failure: { id: 'Gagal', en: 'Failure' },
    // bank-additional: the customer was not in a previous campaign
    nonexistent: { id: 'Tidak ikut kampanye sebelumnya', en: 'Not in a previous campaign' },
    // bank-full
    other: { id: 'Lainnya', en: 'Other' },
    unknown: yesNoUnknown.unknown,
  },
};

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
