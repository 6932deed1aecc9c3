// "Kembalikan" on a closed lead's page (admins): reopens a converted or rejected lead with a
// reason, which is required (the server refuses an empty or over-long one too) and kept in the
// lead's history.
import { useState, type FormEvent } from 'react';
import { RotateCcw } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { TextAreaField } from '@/components/field';
import { FormError } from '@/components/states';
import type { LeadDetail } from '@/types/api';
import { revertLead } from '../api/revert-lead';

const maxReason = 200;

export function RevertControl({ lead, onChanged }: { lead: LeadDetail; onChanged: (lead: LeadDetail) => void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation(revertLead);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (!trimmed) return setError(t('revert.reasonRequired'));
    if (trimmed.length > maxReason) return setError(t('revert.reasonTooLong'));
    setError(null);
    const updated = await mutation.run({ id: lead.id, reason: trimmed });
    if (updated) {
      setReason('');
      onChanged(updated);
    }
  };
  return (
    <form className="space-y-3" onSubmit={submit} noValidate data-testid="revert-control">
      <p className="text-sm text-slate-600">{t('revert.hint')}</p>
      <TextAreaField label={t('revert.reason')} rows={2} maxLength={maxReason} required value={reason} error={error} onChange={(e) => setReason(e.target.value)} />
      <FormError error={mutation.error} />
      <Button type="submit" size="sm" variant="secondary" disabled={mutation.pending} icon={<RotateCcw className="h-4 w-4" />}>
        {t('revert.action')}
      </Button>
    </form>
  );
}
