import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { ApiToken } from '@/types/api';
import { ApiTokensCard } from './api-tokens-card';

const secret = 'lsk_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const token = (over: Partial<ApiToken> = {}): ApiToken => ({
  id: 1,
  name: 'Halaman segmen',
  hint: 'lsk_01234567',
  scopes: ['predict'],
  created_at: '2026-12-01T08:00:00.000Z',
  created_by: 'admin',
  last_used_at: null,
  revoked_at: null,
  active: true,
  ...over,
});

describe('ApiTokensCard', () => {
  it('shows the failure with a retry when it cannot be read', async () => {
    const { sent } = stubFetch({ 'GET /api/tokens': { status: 500, body: { error: { code: 'internal', params: {}, message: 'boom', kind: 'internal' } } } });
    renderWithProviders(<ApiTokensCard />);
    expect(await screen.findByText('Terjadi kesalahan di server. Sudah dicatat; coba lagi nanti.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Coba lagi' })).toBeInTheDocument();
    expect(sent.map((r) => r.path)).toEqual(['/api/tokens']);
  });

  it('lists tokens with their scopes, creator and use, never their text', async () => {
    stubFetch({
      'GET /api/tokens': {
        body: {
          items: [
            token({ id: 2, name: 'CRM', scopes: ['predict', 'score'], last_used_at: '2026-12-02T08:00:00.000Z' }),
            token({ id: 1, revoked_at: '2026-12-03T08:00:00.000Z', active: false }),
          ],
        },
      },
    });
    renderWithProviders(<ApiTokensCard />, { lang: 'en' });
    const list = await screen.findByTestId('token-list');
    const crm = within(list).getByTestId('token-2');
    expect(crm).toHaveTextContent('CRM lsk_01234567…');
    expect(crm).toHaveTextContent('predict, score · created by admin');
    expect(crm).toHaveTextContent('Last used');
    expect(within(crm).getByRole('button', { name: 'Revoke' })).toBeInTheDocument();
    const revoked = within(list).getByTestId('token-1');
    expect(revoked).toHaveTextContent('Revoked');
    expect(within(revoked).queryByRole('button')).toBeNull();
  });

  it('creates a token, shows its text once with a copy button, and reloads the list', async () => {
    let created = false;
    const { sent } = stubFetch({
      'GET /api/tokens': () => ({ body: { items: created ? [token({ scopes: ['predict', 'score'] })] : [] } }),
      'POST /api/tokens': () => {
        created = true;
        return { status: 201, body: { token: token({ scopes: ['predict', 'score'] }), secret } };
      },
    });
    const writeText = vi.fn(() => Promise.resolve());
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderWithProviders(<ApiTokensCard />);
    expect(await screen.findByText('Belum ada token API.')).toBeInTheDocument();

    // Checked before sending: a name and a scope.
    await userEvent.click(screen.getByRole('button', { name: 'Buat token' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Isi nama token.');
    await userEvent.type(screen.getByLabelText('Nama token'), '  Halaman segmen ');
    await userEvent.click(screen.getByLabelText('predict (segmen nasabah)'));
    await userEvent.click(screen.getByRole('button', { name: 'Buat token' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Pilih minimal satu cakupan.');
    expect(sent.filter((r) => r.method === 'POST')).toHaveLength(0);

    await userEvent.click(screen.getByLabelText('score (skor lead)'));
    await userEvent.click(screen.getByLabelText('predict (segmen nasabah)'));
    await userEvent.click(screen.getByRole('button', { name: 'Buat token' }));
    expect(await screen.findByTestId('token-secret')).toHaveTextContent(secret);
    expect(screen.getByTestId('token-created')).toHaveTextContent('hanya ditampilkan sekali');
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.body).toEqual({ name: 'Halaman segmen', scopes: ['predict', 'score'] });
    expect(await screen.findByTestId('token-1')).toBeInTheDocument();
    // The list shows only the hint.
    expect(screen.getByTestId('token-list')).not.toHaveTextContent(secret);

    await userEvent.click(screen.getByRole('button', { name: 'Salin token' }));
    expect(writeText).toHaveBeenCalledWith(secret);
    expect(await screen.findByRole('button', { name: 'Tersalin' })).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sudah disalin' }));
    expect(screen.queryByTestId('token-secret')).toBeNull();
  });

  it('shows the server refusal and keeps what was typed', async () => {
    stubFetch({
      'GET /api/tokens': { body: { items: [] } },
      'POST /api/tokens': { status: 400, body: { error: { code: 'token_name_length', params: { max: 100 }, message: 'name must be 1 to 100 characters', kind: 'invalid_argument' } } },
    });
    renderWithProviders(<ApiTokensCard />, { lang: 'en' });
    await screen.findByText('No API tokens yet.');
    await userEvent.type(screen.getByLabelText('Token name'), 'CRM');
    await userEvent.click(screen.getByRole('button', { name: 'Create token' }));
    expect(await screen.findByText('The token name must have 1 to 100 characters.')).toBeInTheDocument();
    expect(screen.getByLabelText('Token name')).toHaveValue('CRM');
    expect(screen.queryByTestId('token-secret')).toBeNull();
  });

  it('revokes a token after a confirmation', async () => {
    let revoked = false;
    const { sent } = stubFetch({
      'GET /api/tokens': () => ({ body: { items: [revoked ? token({ revoked_at: '2026-12-03T08:00:00.000Z', active: false }) : token()] } }),
      'DELETE /api/tokens/1': () => {
        revoked = true;
        return { status: 204 };
      },
    });
    renderWithProviders(<ApiTokensCard />, { lang: 'en' });
    const item = await screen.findByTestId('token-1');
    await userEvent.click(within(item).getByRole('button', { name: 'Revoke' }));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API token' });
    expect(dialog).toHaveTextContent('Revoke token "Halaman segmen"?');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.getByTestId('token-1')).toHaveTextContent('Revoked'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sent.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual(['/api/tokens/1']);
  });
});
