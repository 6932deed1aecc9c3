// Log a call that changed nothing (sales only): no answer, busy, wrong number, asked to call
// back (with a time), not interested (with a reason), each with an optional note. The status
// stays; the first attempt of a pending lead makes the caller its owner. On a phone the three
// optional fields fold behind one line (see OptionalFields).
import { useState } from 'react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { localInputToIso } from '@/lib/format';
import { ApiError } from '@/lib/api-client';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { FormError } from '@/components/states';
import { OptionalFields } from '@/components/optional-fields';
import type { AttemptOutcome, AttemptRequest, LeadDetail } from '@/types/api';
import { logAttempt } from '../api/log-attempt';

const outcomes: AttemptOutcome[] = ['no_answer', 'busy', 'wrong_number', 'call_back', 'not_interested'];

export function AttemptActions({ lead, onChanged, onConflict, now = () => new Date() }: {
  lead: LeadDetail;
  onChanged: (lead: LeadDetail) => void;
  onConflict?: () => void;
  now?: () => Date;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [callback, setCallback] = useState('');
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const mutation = useMutation(async (body: AttemptRequest) => {
    try {
      return await logAttempt(lead.id, body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) onConflict?.();
      throw err;
    }
  });
  const open = lead.status === 'pending' || (lead.status === 'contacted' && lead.is_mine);
  if (!open) return null;

  const send = async (outcome: AttemptOutcome) => {
    setProblem(null);
    const body: AttemptRequest = { outcome };
    if (outcome === 'call_back') {
      const at = callback ? localInputToIso(callback) : null;
      if (!at || new Date(at) <= now()) {
        setProblem(t('status.callbackFuture'));
        return;
      }
      body.callback_at = at;
    }
    if (outcome === 'not_interested' && reason.trim()) body.reason = reason.trim().slice(0, 200);
    if (note.trim()) body.note = note.trim().slice(0, 1000);
    const updated = await mutation.run(body);
    if (updated) {
      setNote('');
      setCallback('');
      setReason('');
      onChanged(updated);
    }
  };

  return (
    <div className="space-y-3" data-testid="attempt-actions">
      <OptionalFields label={t('attempt.details')} open={problem !== null}>
        <TextField label={t('attempt.note')} value={note} maxLength={1000} onChange={(e) => setNote(e.target.value)} />
        <TextField label={t('status.callbackAt')} type="datetime-local" value={callback} error={problem} onChange={(e) => setCallback(e.target.value)} hint={t('attempt.callbackHint')} />
        <TextField label={t('attempt.reason')} value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} hint={t('attempt.reasonHint')} />
      </OptionalFields>
      <FormError error={mutation.error} />
      <div className="flex flex-wrap gap-2" data-testid="attempt-buttons">
        {outcomes.map((outcome) => (
          <Button key={outcome} size="sm" variant="secondary" disabled={mutation.pending} onClick={() => send(outcome)}>
            {t(`attempt.${outcome}`)}
          </Button>
        ))}
      </div>
    </div>
  );
}
