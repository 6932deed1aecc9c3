// "Tindak lanjut" on the model page (admins): after how many days without activity a contacted
// lead returns to the team, and the server's reject period beside it.
import { useState, type FormEvent } from 'react';
import { Save } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatDateTime } from '@/lib/format';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { TextField } from '@/components/field';
import { ErrorState, FormError, LoadingState } from '@/components/states';
import type { FollowUpSetting } from '@/types/api';
import { setStaleDays, useFollowUpSetting } from '../api/follow-up-setting';

// The days typed, or null when they are not a whole number from 1 to 365.
export function parseStaleDays(text: string): number | null {
  const raw = text.trim();
  if (!/^\d+$/.test(raw)) return null;
  const days = Number(raw);
  return days >= 1 && days <= 365 ? days : null;
}

export function FollowUpCard() {
  const { t } = useI18n();
  const query = useFollowUpSetting();
  const [saved, setSaved] = useState<FollowUpSetting | null>(null);
  const current = saved ?? query.data;
  return (
    <Card title={t('followUp.title')}>
      {query.error ? <ErrorState error={query.error} onRetry={query.refetch} />
        : !current ? <LoadingState />
        : <FollowUpForm key={current.stale_contacted_days} current={current} onSaved={setSaved} />}
    </Card>
  );
}

function FollowUpForm({ current, onSaved }: { current: FollowUpSetting; onSaved: (s: FollowUpSetting) => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState(String(current.stale_contacted_days));
  const [invalid, setInvalid] = useState(false);
  const mutation = useMutation(setStaleDays);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const days = parseStaleDays(text);
    setInvalid(days === null);
    if (days === null) return;
    const answer = await mutation.run(days);
    if (answer) onSaved(answer);
  };
  return (
    <form className="space-y-3" onSubmit={submit} data-testid="follow-up-setting">
      <p className="text-sm text-slate-600">{t('followUp.explain', { hours: current.reject_period_hours })}</p>
      <TextField label={t('followUp.days')} inputMode="numeric" value={text} onChange={(e) => setText(e.target.value)}
        error={invalid ? t('followUp.range') : null} />
      {current.updated_at && (
        <p className="text-xs text-slate-500">{t('bands.updated', { time: formatDateTime(current.updated_at, lang), name: current.updated_by ?? '–' })}</p>
      )}
      <FormError error={mutation.error} />
      <Button type="submit" size="sm" disabled={mutation.pending} icon={<Save className="h-4 w-4" />}>{t('common.save')}</Button>
    </form>
  );
}
