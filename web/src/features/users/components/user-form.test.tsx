import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { UserForm, validateUser } from './user-form';

describe('validateUser', () => {
  it('follows the server rules for usernames and passwords', () => {
    expect(validateUser({ username: 'budi.s', display_name: 'Budi', password: '' }, true)).toEqual([]);
    expect(validateUser({ username: 'Bu', display_name: ' ', password: 'short' }, true)).toEqual(['username', 'display_name', 'password']);
    expect(validateUser({ username: 'whatever', display_name: 'Budi', password: '' }, false)).toEqual([]);
  });
});

describe('UserForm', () => {
  it('creates a sales account and hands over the generated password', async () => {
    const saved = vi.fn();
    const user = { id: 5, username: 'sari', display_name: 'Sari Dewi', role: 'sales', active: true, created_at: '', last_login_at: null };
    const { sent } = stubFetch({ 'POST /api/users': { status: 201, body: { user, generated_password: 'xK9-abc-123' } } });
    renderWithProviders(<UserForm onSaved={saved} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna'), 'Sari');
    await userEvent.type(screen.getByLabelText('Nama tampilan'), 'Sari Dewi');
    await userEvent.click(screen.getByRole('button', { name: 'Tambah sales' }));
    expect(sent[0].body).toEqual({ username: 'sari', display_name: 'Sari Dewi', role: 'sales' });
    expect(saved).toHaveBeenCalledWith(user, 'xK9-abc-123');
  });

  it('words the server\'s refusal of a taken username', async () => {
    stubFetch({ 'POST /api/users': { status: 409, body: { error: { code: 'username_taken', params: { username: 'sari' }, message: "the username 'sari' is taken", kind: 'conflict' } } } });
    renderWithProviders(<UserForm onSaved={() => {}} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna'), 'sari');
    await userEvent.type(screen.getByLabelText('Nama tampilan'), 'Sari');
    await userEvent.click(screen.getByRole('button', { name: 'Tambah sales' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nama pengguna "sari" sudah dipakai.');
  });
});
