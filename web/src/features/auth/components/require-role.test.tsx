import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { renderWithProviders, stubFetch } from '@/test/render';
import { AuthProvider } from './auth-provider';
import { RequireRole } from './require-role';
import { rememberSession } from '../session-hint';

const sales = { id: 2, username: 'budi', display_name: 'Budi', role: 'sales', active: true, created_at: '', last_login_at: null };

function tree() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="/login" element={<p>login page</p>} />
        <Route path="/sales" element={<p>sales home</p>} />
        <Route element={<RequireRole roles={['admin']} />}>
          <Route path="/admin/users" element={<p>users page</p>} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}

describe('RequireRole', () => {
  it('sends a visitor without a session to the login page', async () => {
    stubFetch({ 'GET /api/me': { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } } });
    renderWithProviders(tree(), { path: '/admin/users' });
    expect(await screen.findByText('login page')).toBeInTheDocument();
  });

  it('sends a sales person away from an admin page to their own home', async () => {
    rememberSession();
    stubFetch({ 'GET /api/me': { body: { user: sales } } });
    renderWithProviders(tree(), { path: '/admin/users' });
    expect(await screen.findByText('sales home')).toBeInTheDocument();
    expect(screen.queryByText('users page')).toBeNull();
  });

  it('lets an admin in', async () => {
    rememberSession();
    stubFetch({ 'GET /api/me': { body: { user: { ...sales, role: 'admin' } } } });
    renderWithProviders(tree(), { path: '/admin/users' });
    expect(await screen.findByText('users page')).toBeInTheDocument();
  });
});
