import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { LoginForm } from './login-form';

describe('LoginForm', () => {
  it('checks the fields before sending', async () => {
    const { sent } = stubFetch({});
    renderWithProviders(<LoginForm onSuccess={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(screen.getByText('Isi nama pengguna.')).toBeInTheDocument();
    expect(screen.getByText('Isi kata sandi.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('shows the server answer for wrong credentials', async () => {
    const success = vi.fn();
    stubFetch({ 'POST /api/auth/login': { status: 401, body: { error: { code: 'wrong_credentials', params: {}, message: 'wrong username or password', kind: 'unauthenticated' } } } });
    renderWithProviders(<LoginForm onSuccess={success} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna'), 'budi');
    await userEvent.type(screen.getByLabelText('Kata sandi'), 'salah-sekali');
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Nama pengguna atau kata sandi salah.');
    expect(success).not.toHaveBeenCalled();
  });

  it('hands the signed-in user on', async () => {
    const success = vi.fn();
    const user = { id: 2, username: 'budi', display_name: 'Budi', role: 'sales', active: true, created_at: '', last_login_at: null };
    const { sent } = stubFetch({ 'POST /api/auth/login': { body: { user } } });
    renderWithProviders(<LoginForm onSuccess={success} />);
    await userEvent.type(screen.getByLabelText('Nama pengguna'), ' budi ');
    await userEvent.type(screen.getByLabelText('Kata sandi'), 'rahasia-123');
    await userEvent.click(screen.getByRole('button', { name: 'Masuk' }));
    expect(success).toHaveBeenCalledWith(user);
    expect(sent[0].body).toEqual({ username: 'budi', password: 'rahasia-123' });
  });
});
