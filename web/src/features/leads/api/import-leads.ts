// POST /api/leads/import (admin): the CSV file as the body. A file with bad rows is refused
// whole (400 with the rows in error.details.errors) unless skipBadRows is set, in which case the
// good rows go in and the bad ones are listed in the answer.
import { ApiError, request } from '@/lib/api-client';
import type { ErrorBody, ImportResult, RowError } from '@/types/api';

export async function importLeads({ file, skipBadRows }: { file: Blob; skipBadRows: boolean }): Promise<ImportResult> {
  return request<ImportResult>('/api/leads/import', {
    method: 'POST',
    body: file,
    contentType: 'text/csv',
    query: { skip_bad_rows: skipBadRows ? 'true' : undefined },
  });
}

// The bad rows of a refused import, if the error is one: in error.details.errors, or in a
// details beside a plain {"error": "..."}.
export function rowErrorsOf(error: Error | null): RowError[] {
  if (!(error instanceof ApiError) || !error.body || typeof error.body !== 'object') return [];
  const body = error.body as Partial<ErrorBody> & { details?: { errors?: RowError[] } };
  const nested = typeof body.error === 'object' && body.error ? body.error.details : undefined;
  const details = nested ?? body.details;
  return Array.isArray(details?.errors) ? details.errors : [];
}
