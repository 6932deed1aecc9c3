// The sign-in form: validates before sending, shows the server's answer on failure.
import { useState, type FormEvent } from 'react';
import { LogIn } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { TextField } from '@/components/field';
import { FormError } from '@/components/states';
import type { User } from '@/types/api';
import { login } from '../api/login';

export function LoginForm({ onSuccess }: { onSuccess: (user: User) => void }) {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ username?: string; password?: string }>({});
  const mutation = useMutation(login);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const next: typeof errors = {};
    if (!username.trim()) next.username = t('login.usernameRequired');
    if (!password) next.password = t('login.passwordRequired');
    setErrors(next);
    if (next.username || next.password) return;
    const user = await mutation.run({ username: username.trim(), password });
    if (user) onSuccess(user);
  };

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <TextField
        label={t('login.username')}
        name="username"
        autoComplete="username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        error={errors.username}
        autoFocus
      />
      <TextField
        label={t('login.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={errors.password}
      />
      <FormError error={mutation.error} />
      <Button type="submit" className="w-full" loading={mutation.pending} icon={<LogIn className="h-4 w-4" />}>
        {t('login.submit')}
      </Button>
    </form>
  );
}
