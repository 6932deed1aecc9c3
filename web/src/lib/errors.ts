// Turns any error into the sentence a user sees: the server's own message when it sent one,
// a plain one for a lost connection or a missing permission.
import { ApiError } from './api-client';
import type { MessageKey, Vars } from './i18n/i18n';

export function describeError(error: Error, t: (key: MessageKey, vars?: Vars) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return t('error.network');
    if (error.status === 403 && !error.message) return t('error.forbidden');
    return error.message || t('error.generic', { status: error.status });
  }
  return error.message || t('error.unknown');
}
