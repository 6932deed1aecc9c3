// "Tugaskan" on a lead's page (admins): give the open lead to an active sales person, hand it
// to another, or release it to the team. The server refuses a closed lead or an inactive
// account; its message is shown as it is.
import { useState } from 'react';
import { UserPlus, Undo2 } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { SelectField } from '@/components/field';
import { FormError } from '@/components/states';
import { useUsers } from '@/features/users/api/get-users';
import type { LeadDetail } from '@/types/api';
import { assignLead } from '../api/assign-lead';

export function AssignControl({ lead, onChanged }: { lead: LeadDetail; onChanged: (lead: LeadDetail) => void }) {
  const { t } = useI18n();
  const users = useUsers({ role: 'sales' });
  const [choice, setChoice] = useState('');
  const mutation = useMutation(assignLead);
  if (lead.status !== 'pending' && lead.status !== 'contacted') {
    return <p className="text-sm text-slate-500">{t('assign.closed')}</p>;
  }
  const active = (users.data ?? []).filter((u) => u.active);
  const run = async (userId: number | null) => {
    const updated = await mutation.run({ id: lead.id, userId });
    if (updated) {
      setChoice('');
      onChanged(updated);
    }
  };
  return (
    <div className="space-y-3" data-testid="assign-control">
      <p className="text-sm text-slate-600">
        {lead.owner ? t('assign.current', { name: lead.owner.display_name }) : t('assign.none')}
      </p>
      {lead.do_not_call ? (
        <p className="text-sm text-rose-700">{t('assign.doNotCall')}</p>
      ) : (
        <div className="flex flex-wrap items-end gap-2">
          <SelectField label={t('assign.to')} value={choice} onChange={(e) => setChoice(e.target.value)} data-testid="assign-select">
            <option value="">{t('assign.pick')}</option>
            {active.map((u) => (
              <option key={u.id} value={u.id}>{u.display_name}</option>
            ))}
          </SelectField>
          <Button size="sm" disabled={!choice || mutation.pending} onClick={() => run(Number(choice))} icon={<UserPlus className="h-4 w-4" />}>
            {t('assign.action')}
          </Button>
        </div>
      )}
      {lead.owner && (
        <Button size="sm" variant="secondary" disabled={mutation.pending} onClick={() => run(null)} icon={<Undo2 className="h-4 w-4" />} data-testid="release-lead">
          {t('assign.release')}
        </Button>
      )}
      <FormError error={mutation.error} />
    </div>
  );
}
