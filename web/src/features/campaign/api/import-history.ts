// POST /api/history/import (admin): a labelled CSV (with a `y` column) as the body, stored as
// campaign history, all or nothing: a bad row answers 400 with its line (error.details.errors,
// read with rowErrorsOf) and stores nothing. Answers the new counts and how many rows went in.
import { request } from '@/lib/api-client';
import type { HistoryImportResult } from '@/types/api';

export function importHistory(file: Blob): Promise<HistoryImportResult> {
  return request<HistoryImportResult>('/api/history/import', {
    method: 'POST',
    body: file,
    contentType: 'text/csv',
  });
}
