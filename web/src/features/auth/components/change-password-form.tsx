// "Ubah kata sandi": the current password, the new one twice. Checked before sending with the
// server's rule (10 to 256 bytes, as the server counts them) and that both new ones match.
import { useState, type FormEvent } from 'react';
import { KeyRound } from 'lucide-react';
import { useI18n, type MessageKey } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { FormError } from '@/components/states';
import { changePassword } from '../api/change-password';

export const passwordMinBytes = 10;
export const passwordMaxBytes = 256;

export interface PasswordChangeValues {
  current: string;
  next: string;
  repeat: string;
}

export type PasswordChangeErrors = Partial<Record<keyof PasswordChangeValues, MessageKey>>;

export function validatePasswordChange({ current, next, repeat }: PasswordChangeValues): PasswordChangeErrors {
  const errors: PasswordChangeErrors = {};
  if (!current) errors.current = 'password.currentRequired';
  const bytes = new TextEncoder().encode(next).length;
  if (bytes < passwordMinBytes || bytes > passwordMaxBytes) errors.next = 'password.length';
  else if (repeat !== next) errors.repeat = 'password.mismatch';
  return errors;
}

export function ChangePasswordForm() {
  const { t } = useI18n();
  const [values, setValues] = useState<PasswordChangeValues>({ current: '', next: '', repeat: '' });
  const [errors, setErrors] = useState<PasswordChangeErrors>({});
  const [done, setDone] = useState(false);
  const mutation = useMutation(changePassword);
  const set = (key: keyof PasswordChangeValues) => (value: string) => {
    setValues((prev) => ({ ...prev, [key]: value }));
    setDone(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validatePasswordChange(values);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    if (await mutation.run({ current_password: values.current, new_password: values.next })) {
      setValues({ current: '', next: '', repeat: '' });
      setDone(true);
    }
  };

  const message = (key: keyof PasswordChangeValues) => (errors[key] ? t(errors[key]) : null);
  return (
    <form onSubmit={submit} noValidate className="space-y-3" data-testid="change-password-form">
      <TextField label={t('password.current')} name="current_password" type="password" autoComplete="current-password" value={values.current} onChange={(e) => set('current')(e.target.value)} error={message('current')} />
      <TextField label={t('password.new')} name="new_password" type="password" autoComplete="new-password" value={values.next} onChange={(e) => set('next')(e.target.value)} error={message('next')} hint={t('password.rule')} />
      <TextField label={t('password.repeat')} name="repeat_password" type="password" autoComplete="new-password" value={values.repeat} onChange={(e) => set('repeat')(e.target.value)} error={message('repeat')} />
      <FormError error={mutation.error} />
      {done && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="password-changed">
          {t('password.done')}
        </p>
      )}
      <Button type="submit" loading={mutation.pending} icon={<KeyRound className="h-4 w-4" />}>
        {t('password.submit')}
      </Button>
    </form>
  );
}
