import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { ChangePasswordForm, validatePasswordChange } from './change-password-form';

async function fill(current: string, next: string, repeat: string) {
  if (current) await userEvent.type(screen.getByLabelText('Kata sandi saat ini'), current);
  if (next) await userEvent.type(screen.getByLabelText('Kata sandi baru'), next);
  if (repeat) await userEvent.type(screen.getByLabelText('Ulangi kata sandi baru'), repeat);
  await userEvent.click(screen.getByRole('button', { name: 'Ganti kata sandi' }));
}

describe('validatePasswordChange', () => {
  it('follows the server: 10 to 256 bytes, and both new passwords the same', () => {
    expect(validatePasswordChange({ current: 'old-password', next: 'new-pass-10', repeat: 'new-pass-10' })).toEqual({});
    expect(validatePasswordChange({ current: '', next: '123456789', repeat: '123456789' })).toEqual({ current: 'password.currentRequired', next: 'password.length' });
    expect(validatePasswordChange({ current: 'x', next: 'a'.repeat(257), repeat: 'a'.repeat(257) })).toEqual({ next: 'password.length' });
    expect(validatePasswordChange({ current: 'x', next: 'new-pass-10', repeat: 'new-pass-11' })).toEqual({ repeat: 'password.mismatch' });
    // five letters of two bytes each are ten bytes, as the server counts
    expect(validatePasswordChange({ current: 'x', next: 'ééééé', repeat: 'ééééé' })).toEqual({});
  });
});

describe('ChangePasswordForm', () => {
  it('checks the fields before sending', async () => {
    const { sent } = stubFetch({});
    renderWithProviders(<ChangePasswordForm />);
    await fill('', 'pendek', 'pendek');
    expect(screen.getByText('Isi kata sandi Anda saat ini.')).toBeInTheDocument();
    expect(screen.getByText('Kata sandi baru harus 10 sampai 256 karakter.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('refuses two different new passwords', async () => {
    const { sent } = stubFetch({});
    renderWithProviders(<ChangePasswordForm />, { lang: 'en' });
    await userEvent.type(screen.getByLabelText('Current password'), 'old-password-1');
    await userEvent.type(screen.getByLabelText('New password'), 'new-password-1');
    await userEvent.type(screen.getByLabelText('Repeat the new password'), 'new-password-2');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(screen.getByText('The two new passwords differ.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('shows the server\'s answer to a wrong current password', async () => {
    stubFetch({ 'POST /api/me/password': { status: 400, body: { error: { code: 'current_password_wrong', params: {}, message: 'the current password is wrong', kind: 'invalid_argument' } } } });
    renderWithProviders(<ChangePasswordForm />);
    await fill('salah-sekali', 'kata-sandi-baru', 'kata-sandi-baru');
    expect(await screen.findByRole('alert')).toHaveTextContent('Kata sandi saat ini salah.');
    expect(screen.queryByTestId('password-changed')).toBeNull();
  });

  it('sends the current and the new password, then says it is done and empties the form', async () => {
    const { sent } = stubFetch({ 'POST /api/me/password': { status: 204 } });
    renderWithProviders(<ChangePasswordForm />);
    await fill('kata-sandi-lama', 'kata-sandi-baru', 'kata-sandi-baru');
    expect(await screen.findByTestId('password-changed')).toHaveTextContent('Kata sandi sudah diganti.');
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ current_password: 'kata-sandi-lama', new_password: 'kata-sandi-baru' });
    expect(screen.getByLabelText('Kata sandi saat ini')).toHaveValue('');
    expect(screen.getByLabelText('Kata sandi baru')).toHaveValue('');
  });
});
