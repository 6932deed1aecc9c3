// The status buttons on a lead's page (sales only): Sudah Dihubungi / Terkonversi / Ditolak,
// each with an optional note, and a call-back time for "contacted". Only the moves the server
// allows now are offered. Terkonversi and Ditolak ask once more in a small dialog that takes
// the keyboard focus (Enter confirms, Escape cancels and gives the focus back to the button).
// A 409 shows the server's sentence, e.g. who is handling the lead.
// On a phone the note and call-back fields fold behind one line (see OptionalFields).
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { CheckCircle2, PhoneCall, XCircle } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { localInputToIso } from '@/lib/format';
import { Button } from '@/components/button';
import { TextAreaField, TextField } from '@/components/field';
import { FormError } from '@/components/states';
import { OptionalFields } from '@/components/optional-fields';
import { ApiError } from '@/lib/api-client';
import type { LeadDetail, StatusRequest } from '@/types/api';
import { setLeadStatus } from '../api/set-lead-status';

type Target = StatusRequest['status'];

const looks: Record<Target, { variant: 'primary' | 'success' | 'danger'; icon: typeof PhoneCall }> = {
  contacted: { variant: 'primary', icon: PhoneCall },
  converted: { variant: 'success', icon: CheckCircle2 },
  rejected: { variant: 'danger', icon: XCircle },
};

export function StatusActions({ lead, onChanged, onConflict, now = () => new Date() }: {
  lead: LeadDetail;
  onChanged: (lead: LeadDetail) => void;
  // A 409: someone else moved the lead first; the page reloads it to show who.
  onConflict?: () => void;
  now?: () => Date;
}) {
  const { t } = useI18n();
  const [note, setNote] = useState('');
  const [callback, setCallback] = useState('');
  const [callbackError, setCallbackError] = useState<string | null>(null);
  // Terkonversi and Ditolak close the lead: they ask once more before they are sent.
  const [confirming, setConfirming] = useState<Target | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const buttonsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const cancel = () => {
    const target = confirming;
    setConfirming(null);
    buttonsRef.current?.querySelector<HTMLButtonElement>(`[data-target="${target}"]`)?.focus();
  };
  const onDialogKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      cancel();
    }
  };
  const mutation = useMutation(async (body: StatusRequest) => {
    try {
      return await setLeadStatus(lead.id, body);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) onConflict?.();
      throw err;
    }
  });
  const targets = (['contacted', 'converted', 'rejected'] as Target[]).filter((s) => lead.allowed_statuses.includes(s));

  const send = async (status: Target, event?: FormEvent) => {
    event?.preventDefault();
    setConfirming(null);
    setCallbackError(null);
    let callbackAt: string | null = null;
    if (status === 'contacted' && callback) {
      callbackAt = localInputToIso(callback);
      if (!callbackAt || new Date(callbackAt) <= now()) {
        setCallbackError(t('status.callbackFuture'));
        return;
      }
    }
    if (note.length > 1000) return;
    const body: StatusRequest = { status };
    if (note.trim()) body.note = note.trim();
    if (callbackAt) body.callback_at = callbackAt;
    const updated = await mutation.run(body);
    if (updated) {
      setNote('');
      setCallback('');
      onChanged(updated);
    }
  };

  if (targets.length === 0) {
    return (
      <div className="space-y-2">
        <p className="text-sm text-slate-600" data-testid="no-status-actions">
          {lead.followed_up_by ? t('lead.followedUpBy', { name: lead.followed_up_by }) : t('status.noMoves')}
        </p>
        <FormError error={mutation.error} />
      </div>
    );
  }
  return (
    <form className="space-y-3" onSubmit={(e) => e.preventDefault()} noValidate>
      <OptionalFields label={t(targets.includes('contacted') ? 'status.details' : 'status.noteDetails')} open={callbackError !== null}>
        <TextAreaField label={t('status.note')} rows={2} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} placeholder={t('status.notePlaceholder')} />
        {targets.includes('contacted') && (
          <TextField label={t('status.callbackAt')} type="datetime-local" value={callback} error={callbackError} onChange={(e) => setCallback(e.target.value)} hint={t('status.callbackHint')} />
        )}
      </OptionalFields>
      <FormError error={mutation.error} />
      <div className="flex flex-wrap gap-2" data-testid="status-buttons" ref={buttonsRef}>
        {targets.map((status) => {
          const { variant, icon: Icon } = looks[status];
          return (
            <Button key={status} variant={variant} disabled={mutation.pending} data-target={status} aria-haspopup={status === 'contacted' ? undefined : 'dialog'} onClick={() => (status === 'contacted' ? send(status) : setConfirming(status))} icon={<Icon className="h-4 w-4" />}>
              {t(`status.${status}`)}
            </Button>
          );
        })}
      </div>
      {confirming && (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="alertdialog" aria-modal="false" aria-labelledby="confirm-close-text" onKeyDown={onDialogKey} data-testid="confirm-close">
          <p id="confirm-close-text">{t('status.confirmClose', { status: t(`status.${confirming}`) })}</p>
          <div className="flex gap-2">
            <Button ref={confirmRef} size="sm" variant={looks[confirming].variant} disabled={mutation.pending} onClick={() => send(confirming)}>{t('status.confirmYes')}</Button>
            <Button size="sm" variant="secondary" onClick={cancel}>{t('common.cancel')}</Button>
          </div>
        </div>
      )}
    </form>
  );
}
