// "Jangan hubungi" on a lead's page: the customer asked not to be called. Asks for
// confirmation and the consent basis (UU PDP, Law 27/2022) first. A sales person may set the
// mark; only an admin may clear it. The lead then leaves every sales list.
import { useState } from 'react';
import { PhoneOff, PhoneCall } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { FormError } from '@/components/states';
import type { LeadDetail } from '@/types/api';
import { setDoNotCall } from '../api/set-do-not-call';

export function DoNotCallControl({ lead, isAdmin, onChanged }: {
  lead: LeadDetail;
  isAdmin: boolean;
  onChanged: (lead: LeadDetail) => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [note, setNote] = useState('');
  const mutation = useMutation(setDoNotCall);
  const marked = lead.do_not_call;
  if (marked && !isAdmin) {
    return <p className="text-sm text-rose-700" data-testid="do-not-call-note">{t('dnc.markedSales')}</p>;
  }
  const send = async () => {
    const updated = await mutation.run({ id: lead.id, doNotCall: !marked, consentNote: note });
    if (updated) {
      setConfirming(false);
      setNote('');
      onChanged(updated);
    }
  };
  return (
    <div className="space-y-3" data-testid="do-not-call-control">
      <p className="text-sm text-slate-600">{marked ? t('dnc.markedAdmin') : t('dnc.explain')}</p>
      {!confirming ? (
        <Button size="sm" variant={marked ? 'secondary' : 'danger'} onClick={() => setConfirming(true)}
          icon={marked ? <PhoneCall className="h-4 w-4" /> : <PhoneOff className="h-4 w-4" />}>
          {marked ? t('dnc.clear') : t('dnc.action')}
        </Button>
      ) : (
        <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="alertdialog"
          aria-label={marked ? t('dnc.confirmClear') : t('dnc.confirm')} data-testid="confirm-do-not-call">
          <p>{marked ? t('dnc.confirmClear') : t('dnc.confirm')}</p>
          <TextField label={t('dnc.consentNote')} value={note} maxLength={1000} hint={t('dnc.consentHint')} onChange={(e) => setNote(e.target.value)} />
          <div className="flex flex-wrap gap-2">
            <Button size="sm" variant={marked ? 'primary' : 'danger'} disabled={mutation.pending} onClick={send}>{t('dnc.confirmYes')}</Button>
            <Button size="sm" variant="secondary" disabled={mutation.pending} onClick={() => setConfirming(false)}>{t('common.cancel')}</Button>
          </div>
        </div>
      )}
      <FormError error={mutation.error} />
    </div>
  );
}
