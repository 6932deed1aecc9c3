// "Token API" on Kelola Data (admin): the tokens that let pages and systems outside the portal
// call /predict, /api/segments/{id}/predict (scope predict) and POST /api/score (scope score)
// with `Authorization: Bearer`. Create one (its text is shown this once, with a copy button),
// see every token with its scopes, creator and last use, and revoke one after a confirmation.
import { useState, type FormEvent } from 'react';
import { Copy, KeyRound, Trash2 } from 'lucide-react';
import { useI18n } from '@/lib/i18n/i18n';
import { useMutation } from '@/lib/use-query';
import { formatDateTime } from '@/lib/format';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { Modal } from '@/components/modal';
import { TextField } from '@/components/field';
import { EmptyState, ErrorState, FormError, LoadingState } from '@/components/states';
import type { ApiToken, ApiTokenScope, CreatedApiToken } from '@/types/api';
import { useTokens } from '../api/get-tokens';
import { createToken } from '../api/create-token';
import { revokeToken } from '../api/revoke-token';

const scopes: ApiTokenScope[] = ['predict', 'score'];
const maxName = 100;

export function ApiTokensCard() {
  const { t, lang } = useI18n();
  const [version, setVersion] = useState(0);
  const query = useTokens(version);
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<ApiTokenScope[]>(['predict']);
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [copied, setCopied] = useState(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const create = useMutation(createToken);
  const revoke = useMutation((id: number) => revokeToken(id));

  const toggle = (scope: ApiTokenScope) =>
    setChosen((current) => (current.includes(scope) ? current.filter((s) => s !== scope) : [...current, scope]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return setProblem(t('tokens.nameRequired'));
    if (trimmed.length > maxName) return setProblem(t('form.tooLong', { max: maxName }));
    if (chosen.length === 0) return setProblem(t('tokens.scopeRequired'));
    setProblem(null);
    const answer = await create.run({ name: trimmed, scopes: scopes.filter((s) => chosen.includes(s)) });
    if (answer) {
      setCreated(answer);
      setCopied(false);
      setName('');
      setVersion((v) => v + 1);
    }
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };

  const confirmRevoke = async () => {
    if (revoking && (await revoke.run(revoking.id))) {
      setRevoking(null);
      setVersion((v) => v + 1);
    }
  };

  return (
    <Card title={t('tokens.title')}>
      <div className="space-y-3" data-testid="api-tokens-card">
        <p className="text-xs text-slate-500">{t('tokens.help')}</p>
        {created && (
          <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="token-created">
            <p className="font-medium">{t('tokens.createdOnce', { name: created.token.name })}</p>
            <code className="block break-all rounded bg-white px-2 py-1 font-mono text-xs" data-testid="token-secret">{created.secret}</code>
            <div className="flex flex-wrap gap-2">
              <Button size="sm" variant="secondary" onClick={copy} icon={<Copy className="h-3.5 w-3.5" />}>
                {copied ? t('tokens.copied') : t('tokens.copy')}
              </Button>
              <Button size="sm" variant="ghost" onClick={() => setCreated(null)}>{t('tokens.dismiss')}</Button>
            </div>
          </div>
        )}
        <form onSubmit={submit} className="space-y-3" noValidate>
          <TextField label={t('tokens.name')} value={name} maxLength={maxName + 20} placeholder={t('tokens.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
          <fieldset>
            <legend className="mb-1 text-sm font-medium text-slate-700">{t('tokens.scopes')}</legend>
            <div className="flex flex-wrap gap-3">
              {scopes.map((scope) => (
                <label key={scope} className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={chosen.includes(scope)} onChange={() => toggle(scope)} />
                  {t(scope === 'predict' ? 'tokens.scopePredict' : 'tokens.scopeScore')}
                </label>
              ))}
            </div>
          </fieldset>
          {problem && <p role="alert" className="text-sm text-rose-700">{problem}</p>}
          <FormError error={create.error} />
          <Button type="submit" loading={create.pending} icon={<KeyRound className="h-4 w-4" />}>{t('tokens.create')}</Button>
        </form>
        {query.error ? (
          <ErrorState error={query.error} onRetry={query.refetch} />
        ) : !query.data ? (
          <LoadingState />
        ) : query.data.length === 0 ? (
          <EmptyState title={t('tokens.empty')} />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="token-list">
            {query.data.map((token) => (
              <li key={token.id} className="flex items-start justify-between gap-3 py-2" data-testid={`token-${token.id}`}>
                <div className="min-w-0 text-sm">
                  <p className="font-medium text-slate-900">
                    {token.name} <span className="font-mono text-xs text-slate-500">{token.hint}…</span>
                  </p>
                  <p className="text-xs text-slate-600">
                    {token.scopes.join(', ')} · {t('tokens.createdBy', { name: token.created_by, time: formatDateTime(token.created_at, lang) })}
                  </p>
                  <p className="text-xs text-slate-500">
                    {token.revoked_at
                      ? t('tokens.revokedAt', { time: formatDateTime(token.revoked_at, lang) })
                      : token.last_used_at
                        ? t('tokens.lastUsed', { time: formatDateTime(token.last_used_at, lang) })
                        : t('tokens.neverUsed')}
                  </p>
                </div>
                {token.active && (
                  <Button size="sm" variant="secondary" onClick={() => setRevoking(token)} icon={<Trash2 className="h-3.5 w-3.5" />}>
                    {t('tokens.revoke')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <Modal title={t('tokens.revokeTitle')} open={revoking !== null} onClose={() => setRevoking(null)}>
        <div className="space-y-3">
          <p className="text-sm text-slate-700">{t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}</p>
          <FormError error={revoke.error} />
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setRevoking(null)}>{t('common.cancel')}</Button>
            <Button variant="danger" loading={revoke.pending} onClick={confirmRevoke}>{t('tokens.revoke')}</Button>
          </div>
        </div>
      </Modal>
    </Card>
  );
}
