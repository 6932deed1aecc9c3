// "Urungkan" on a lead's page: for the 5 minutes after a sales person marked the lead
// Terkonversi or Ditolak (the server says until when, in `undo_until`), one button takes the
// change back. It hides itself when the time is up; a refusal shows the server's sentence.
import { useEffect, useState } from 'react';
import { Undo2 } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatDateTime } from '@/lib/format';
import { Button } from '@/components/button';
import { FormError } from '@/components/states';
import type { LeadDetail } from '@/types/api';
import { undoLead } from '../api/undo-lead';

export function UndoControl({ lead, onChanged, now = () => Date.now() }: {
  lead: LeadDetail;
  onChanged: (lead: LeadDetail) => void;
  now?: () => number;
}) {
  const { t, lang } = useI18n();
  const mutation = useMutation(undoLead);
  const until = lead.undo_until ? new Date(lead.undo_until).getTime() : null;
  const [expired, setExpired] = useState(() => until === null || until < now());
  useEffect(() => {
    if (until === null) return setExpired(true);
    const left = until - now();
    setExpired(left < 0);
    if (left < 0) return;
    const timer = window.setTimeout(() => setExpired(true), left + 1);
    return () => window.clearTimeout(timer);
  }, [until, now]);
  if (until === null || (expired && !mutation.error)) return null;

  const run = async () => {
    const updated = await mutation.run(lead.id);
    if (updated) onChanged(updated);
  };
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" role="status" data-testid="undo-control">
      <p>{t('undo.hint', { time: formatDateTime(lead.undo_until, lang) })}</p>
      {!expired && (
        <Button size="sm" variant="secondary" disabled={mutation.pending} onClick={run} icon={<Undo2 className="h-4 w-4" />}>
          {t('undo.action')}
        </Button>
      )}
      <FormError error={mutation.error} />
    </div>
  );
}
