// Walks the server's code catalogue (src/core/reasons.json, the file the C++ compiles in) against
// the dictionaries: every code is worded in Indonesian and English, from the parameters the code
// declares only, and the rendering of an error uses the words, never the server's English.
import { describe, expect, it } from 'vitest';
import catalogue from '@catalogue/reasons.json';
import { ApiError } from './api-client';
import { describeCode, describeError, describeNote } from './errors';
import { id, type MessageKey } from './i18n/id';
import { en } from './i18n/en';
import { translate, type Lang } from './i18n/i18n';

const reasons = catalogue.reasons as Record<string, string[]>;
const notes = catalogue.notes as Record<string, string[]>;
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
const t = (lang: Lang) => (key: MessageKey, vars?: Record<string, string | number>) => translate(lang, key, vars);

function walk(prefix: string, codes: Record<string, string[]>) {
  expect(Object.keys(codes).length).toBeGreaterThan(0);
  for (const [code, params] of Object.entries(codes)) {
    const key = `${prefix}.${code}`;
    expect(key in id, `${key} is missing from id.ts`).toBe(true);
    const idText = (id as Record<string, string>)[key];
    const enText = (en as Record<string, string>)[key];
    expect(idText, `${key} (id)`).toBeTruthy();
    expect(enText, `${key} (en)`).toBeTruthy();
    for (const [lang, text] of [['id', idText], ['en', enText]] as const) {
      for (const name of placeholders(text ?? '')) {
        expect(params, `${key} (${lang}) uses {${name}}, which ${code} does not declare`).toContain(name);
      }
    }
  }
  // No words for a code the server no longer has.
  for (const key of Object.keys(id).filter((k) => k.startsWith(`${prefix}.`))) {
    expect(Object.keys(codes), `${key} is not a code of reasons.json`).toContain(key.slice(prefix.length + 1));
  }
}

describe('the code catalogue', () => {
  it('words every error code in both languages from its declared parameters', () => walk('apiError', reasons));
  it('words every note code in both languages from its declared parameters', () => walk('apiNote', notes));
  it('holds the codes both branches agree on for lead fields', () => {
    expect(reasons.field_required).toEqual(['field']);
    expect(reasons.field_not_number).toEqual(['field', 'value', 'type']);
    expect(reasons.field_out_of_range).toEqual(['field', 'value', 'min', 'max']);
    expect(reasons.field_unknown_value).toEqual(['field', 'value']);
  });
});

describe('describeError', () => {
  const answer = (status: number, error: Record<string, unknown>) =>
    new ApiError(status, String(error.message ?? ''), { error });

  it('words a coded error in the reader\'s language, never the English message', () => {
    const taken = answer(409, { code: 'username_taken', params: { username: 'ani' }, message: "the username 'ani' is taken", kind: 'conflict' });
    expect(describeError(taken, t('id'), 'id')).toBe('Nama pengguna "ani" sudah dipakai.');
    expect(describeError(taken, t('en'), 'en')).toBe('The username "ani" is already taken.');
  });

  it('keeps ids as they are and names statuses as the badges do', () => {
    const followed = answer(409, { code: 'lead_followed_up', params: { lead: 31514, name: 'Ani Wijaya' }, message: 'lead 31514 is being followed up by Ani Wijaya', kind: 'conflict' });
    expect(describeError(followed, t('id'), 'id')).toBe('Lead 31514 sedang ditindaklanjuti oleh Ani Wijaya.');
    const move = answer(409, { code: 'status_move_refused', params: { from: 'converted', to: 'rejected' }, message: 'x', kind: 'failed_precondition' });
    expect(describeError(move, t('id'), 'id')).toBe('Lead berstatus "Terkonversi" tidak dapat diubah menjadi "Ditolak".');
  });

  it('formats numbers in the reader\'s locale', () => {
    const params = { auc: 0.8031, active_auc: 0.7983, version: 1 };
    expect(describeNote('model_activated_better', params, 'id')).toBe('Diaktifkan: AUC validasi 0,8031 ≥ 0,7983 milik versi 1.');
    expect(describeNote('model_activated_better', params, 'en')).toBe('Activated: validation AUC 0.8031 ≥ 0.7983 of version 1.');
    expect(describeCode('import_refused', { bad_rows: 1250 }, 'id')).toContain('1.250 baris salah');
    expect(describeCode('import_refused', { bad_rows: 1250 }, 'id')).not.toContain('skip_bad_rows');
  });

  it('falls back to the kind, then to a generic sentence, for a code it does not know', () => {
    const later = answer(409, { code: 'some_new_code', params: {}, message: 'an English sentence', kind: 'conflict' });
    expect(describeError(later, t('id'), 'id')).toBe(translate('id', 'apiError.conflict'));
    const bare = new ApiError(502, 'Bad Gateway', 'upstream down');
    expect(describeError(bare, t('id'), 'id')).toBe('Permintaan gagal (HTTP 502).');
    expect(describeError(new ApiError(0, 'network'), t('id'), 'id')).toBe(translate('id', 'error.network'));
    expect(describeError(new Error('TypeError: x is undefined'), t('id'), 'id')).toBe('Terjadi kesalahan.');
    expect(describeNote('no_such_note', {}, 'id')).toBeNull();
  });
});
