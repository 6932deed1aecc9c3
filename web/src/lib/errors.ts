// Turns any error into the sentence a user sees, in the reader's language. An error answer of
// the server carries a code and its parameters (docs/openapi.yaml, "Every error"): it is worded
// from the dictionary's `apiError.<code>`, its numbers formatted for the reader's locale, its
// lead statuses named as the UI names them. A code the dictionary does not know falls back to
// the words for its kind (`apiError.conflict`, ...), then to a generic sentence; the server's
// English message is never shown. A lost connection and a bare 403 have sentences of their own.
import { ApiError, type ErrorParams } from './api-client';
import { formatNumber } from './format';
import { id } from './i18n/id';
import { translate, type Lang, type MessageKey, type Vars } from './i18n/i18n';

type Translate = (key: MessageKey, vars?: Vars) => string;

// Parameters that name a record: written as they are ("lead 31514", not "31.514").
const idParams = new Set(['id', 'lead', 'version']);
// Parameters that hold a lead status: named as the status badges name it.
const statusParams = new Set(['status', 'from', 'to']);
const leadStatuses = new Set(['pending', 'contacted', 'converted', 'rejected']);

function known(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(id, key);
}

// The parameters ready for a sentence: numbers in the reader's locale (up to 4 decimals, for
// an AUC), ids as they are, statuses in words.
export function formatParams(params: ErrorParams, lang: Lang): Vars {
  const out: Vars = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') {
      out[name] = idParams.has(name) ? String(value) : formatNumber(value, lang, 4);
    } else if (statusParams.has(name) && leadStatuses.has(value)) {
      out[name] = translate(lang, `status.${value}` as MessageKey);
    } else {
      out[name] = value;
    }
  }
  return out;
}

// The sentence for a server code, or null when neither the code nor its kind is known.
export function describeCode(code: string, params: ErrorParams, lang: Lang, kind = ''): string | null {
  for (const candidate of [code, kind]) {
    const key = `apiError.${candidate}`;
    if (candidate && known(key)) return translate(lang, key, formatParams(params, lang));
  }
  return null;
}

// The sentence for a note code (e.g. why a trained model was activated), or null.
export function describeNote(code: string | undefined, params: ErrorParams, lang: Lang): string | null {
  const key = `apiNote.${code ?? ''}`;
  return code && known(key) ? translate(lang, key, formatParams(params, lang)) : null;
}

export function describeError(error: Error, t: Translate, lang: Lang): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    const worded = describeCode(error.code, error.params, lang, error.kind);
    if (worded) return worded;
    if (error.status === 403) return t('error.forbidden');
    return t('error.generic', { status: error.status });
  }
  return t('error.unknown');
}
