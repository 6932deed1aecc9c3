import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { User } from '@/types/api';
import { AuthProvider, useAuth } from './auth-provider';
import { RequireRole } from './require-role';
import { hasSessionHint, rememberSession } from '../session-hint';

const sales: User = { id: 2, username: 'budi', display_name: 'Budi', role: 'sales', active: true, created_at: '', last_login_at: null };
const noSession = { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } };

function Who() {
  const { user, checking, signedIn, signOut } = useAuth();
  if (checking) return <p>checking</p>;
  return (
    <div>
      <p>{user ? `signed in as ${user.username}` : 'signed out'}</p>
      <button type="button" onClick={() => signedIn(sales)}>sign in</button>
      <button type="button" onClick={() => void signOut()}>sign out</button>
    </div>
  );
}

function tree() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="/" element={<Who />} />
        <Route path="/login" element={<Who />} />
        <Route element={<RequireRole roles={['sales']} />}>
          <Route path="/sales" element={<p>sales home</p>} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}

function watchConsole() {
  return { error: vi.spyOn(console, 'error'), warn: vi.spyOn(console, 'warn') };
}

describe('AuthProvider session probe', () => {
  it('does not ask /api/me before this browser ever signed in, and logs nothing', async () => {
    const console_ = watchConsole();
    const { sent } = stubFetch({ 'GET /api/me': noSession });
    renderWithProviders(tree(), { path: '/' });
    expect(screen.getByText('signed out')).toBeInTheDocument();
    renderWithProviders(tree(), { path: '/sales' });
    expect(await screen.findAllByText('signed out')).toHaveLength(2);
    expect(sent).toEqual([]);
    expect(console_.error).not.toHaveBeenCalled();
    expect(console_.warn).not.toHaveBeenCalled();
  });

  it('asks /api/me after a sign-in and restores the user', async () => {
    rememberSession();
    const { sent } = stubFetch({ 'GET /api/me': { body: { user: sales } } });
    renderWithProviders(tree(), { path: '/sales' });
    expect(await screen.findByText('sales home')).toBeInTheDocument();
    expect(sent.map((r) => `${r.method} ${r.path}`)).toContain('GET /api/me');
    expect(hasSessionHint()).toBe(true);
  });

  it('takes a 401 from /api/me as "not signed in": no console error, and no probe next time', async () => {
    const console_ = watchConsole();
    rememberSession();
    const { sent } = stubFetch({ 'GET /api/me': noSession });
    const first = renderWithProviders(tree(), { path: '/sales' });
    expect(await screen.findByText('signed out')).toBeInTheDocument();
    expect(sent).toHaveLength(1);
    expect(hasSessionHint()).toBe(false);
    expect(console_.error).not.toHaveBeenCalled();
    expect(console_.warn).not.toHaveBeenCalled();
    first.unmount();
    renderWithProviders(tree(), { path: '/' });
    expect(screen.getByText('signed out')).toBeInTheDocument();
    expect(sent).toHaveLength(1);
  });

  it('remembers a sign-in and forgets it on sign-out', async () => {
    stubFetch({ 'POST /api/auth/logout': { status: 204 } });
    renderWithProviders(tree(), { path: '/' });
    await userEvent.click(screen.getByRole('button', { name: 'sign in' }));
    expect(screen.getByText('signed in as budi')).toBeInTheDocument();
    expect(hasSessionHint()).toBe(true);
    await userEvent.click(screen.getByRole('button', { name: 'sign out' }));
    await waitFor(() => expect(screen.getByText('signed out')).toBeInTheDocument());
    expect(hasSessionHint()).toBe(false);
  });

  it('still reports an /api/me failure other than 401', async () => {
    const console_ = watchConsole();
    console_.warn.mockImplementation(() => {});
    rememberSession();
    stubFetch({ 'GET /api/me': { status: 500, body: { error: 'boom' } } });
    renderWithProviders(tree(), { path: '/' });
    expect(await screen.findByText('signed out')).toBeInTheDocument();
    expect(console_.warn).toHaveBeenCalled();
    expect(hasSessionHint()).toBe(true);
  });
});
