// Create or edit a lead (admin): name, phone and the bank columns of the data's own layout
// (without the campaign's context, which the campaign setting holds, and without the call's
// duration, known only after a call). Checked before sending by the field spec, as the server
// checks it; a refusal of the server shows next to its field too. The server scores the lead at
// once and its answer replaces the form.
import { useMemo, useState, type FormEvent } from 'react';
import { Save } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { fieldProblemOf, fieldTextsOf, leadFormFields, parseFieldTexts, type FieldTexts, type LeadLayout, type ParsedFields } from '@/lib/lead-fields';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { LeadFieldInputs } from '@/components/lead-field-inputs';
import { FormError } from '@/components/states';
import type { LeadDetail, LeadField, LeadInput } from '@/types/api';
import { createLead } from '../api/create-lead';
import { updateLead } from '../api/update-lead';

export function LeadForm({ specs, layout = 'bank-additional', lead, onSaved }: {
  specs: LeadField[];
  layout?: LeadLayout;
  lead?: LeadDetail | null;
  onSaved: (lead: LeadDetail) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(lead?.name ?? '');
  const [phone, setPhone] = useState(lead?.phone ?? '');
  const [initial] = useState<FieldTexts>(() => fieldTextsOf(lead?.fields));
  const [texts, setTexts] = useState<FieldTexts>(initial);
  const [errors, setErrors] = useState<ParsedFields['errors']>({});
  const [nameError, setNameError] = useState<string | null>(null);
  const [phoneError, setPhoneError] = useState<string | null>(null);
  const mutation = useMutation((body: LeadInput) => (lead ? updateLead(lead.id, body) : createLead(body)));
  const shown = useMemo(() => leadFormFields(specs, layout), [specs, layout]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseFieldTexts(shown, texts, initial);
    const nameProblem = name.trim() === '' ? t('form.required') : name.length > 200 ? t('form.tooLong', { max: 200 }) : null;
    const phoneProblem = phone.length > 40 || /[^0-9+()\-\s.]/.test(phone) ? t('lead.phoneInvalid') : null;
    setErrors(parsed.errors);
    setNameError(nameProblem);
    setPhoneError(phoneProblem);
    if (nameProblem || phoneProblem || Object.keys(parsed.errors).length > 0) {
      mutation.reset(); // an earlier refusal no longer describes what is on the form
      return;
    }
    const saved = await mutation.run({ name: name.trim(), phone: phone.trim(), fields: parsed.fields });
    if (saved) onSaved(saved);
  };

  // The server's refusal of one field, shown next to it (and above the button, as any error).
  const refused = fieldProblemOf(mutation.error);
  const shownErrors = refused && !errors[refused.params.field] ? { ...errors, [refused.params.field]: refused } : errors;

  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField label={t('lead.name')} name="name" value={name} error={nameError} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('lead.phone')} name="phone" value={phone} error={phoneError} inputMode="tel" onChange={(e) => setPhone(e.target.value)} />
      </div>
      <LeadFieldInputs specs={shown} texts={texts} errors={shownErrors} onChange={(key, value) => setTexts((prev) => ({ ...prev, [key]: value }))} />
      <FormError error={mutation.error} />
      <Button type="submit" loading={mutation.pending} icon={<Save className="h-4 w-4" />}>
        {lead ? t('common.save') : t('leads.create')}
      </Button>
    </form>
  );
}
