// Create a sales account, or edit one (display name, role, new password). Checked before
// sending with the server's own rules: username 3–32 of a-z 0-9 . _ -, password ≥ 10.
import { useState, type FormEvent } from 'react';
import { Save, UserPlus } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { Button } from '@/components/button';
import { SelectField, TextField } from '@/components/field';
import { FormError } from '@/components/states';
import type { Role, User } from '@/types/api';
import { createUser } from '../api/create-user';
import { updateUser } from '../api/update-user';

export interface UserFormErrors {
  username?: string;
  display_name?: string;
  password?: string;
}

export function validateUser(
  values: { username: string; display_name: string; password: string },
  creating: boolean,
): (keyof UserFormErrors)[] {
  const wrong: (keyof UserFormErrors)[] = [];
  if (creating && !/^[a-z0-9._-]{3,32}$/.test(values.username)) wrong.push('username');
  if (values.display_name.trim().length < 1 || values.display_name.length > 100) wrong.push('display_name');
  if (values.password && (values.password.length < 10 || values.password.length > 256)) wrong.push('password');
  return wrong;
}

export function UserForm({ user, onSaved }: {
  user?: User | null;
  onSaved: (user: User, generatedPassword: string | null) => void;
}) {
  const { t } = useI18n();
  const creating = !user;
  const [username, setUsername] = useState(user?.username ?? '');
  const [displayName, setDisplayName] = useState(user?.display_name ?? '');
  const [role, setRole] = useState<Role>(user?.role ?? 'sales');
  const [password, setPassword] = useState('');
  const [wrong, setWrong] = useState<(keyof UserFormErrors)[]>([]);
  const mutation = useMutation(async () => {
    if (creating) {
      const created = await createUser({ username, display_name: displayName.trim(), role, password: password || undefined });
      return { user: created.user, generated: created.generated_password };
    }
    const updated = await updateUser({ id: user.id, display_name: displayName.trim(), role, password: password || undefined });
    return { user: updated, generated: null };
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problems = validateUser({ username, display_name: displayName, password }, creating);
    setWrong(problems);
    if (problems.length > 0) return;
    const saved = await mutation.run(undefined);
    if (saved) onSaved(saved.user, saved.generated);
  };

  return (
    <form onSubmit={submit} noValidate className="space-y-3">
      <TextField
        label={t('users.username')}
        name="username"
        value={username}
        disabled={!creating}
        autoComplete="off"
        onChange={(e) => setUsername(e.target.value.toLowerCase())}
        error={wrong.includes('username') ? t('users.usernameRule') : null}
      />
      <TextField label={t('users.displayName')} name="display_name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={wrong.includes('display_name') ? t('form.required') : null} />
      <SelectField label={t('users.role')} name="role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
        <option value="sales">{t('role.sales')}</option>
        <option value="admin">{t('role.admin')}</option>
      </SelectField>
      <TextField
        label={creating ? t('users.passwordOptional') : t('users.newPassword')}
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        hint={creating ? t('users.passwordHint') : t('users.newPasswordHint')}
        error={wrong.includes('password') ? t('users.passwordRule') : null}
      />
      <FormError error={mutation.error} />
      <Button type="submit" loading={mutation.pending} icon={creating ? <UserPlus className="h-4 w-4" /> : <Save className="h-4 w-4" />}>
        {creating ? t('users.create') : t('common.save')}
      </Button>
    </form>
  );
}
