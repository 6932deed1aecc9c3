import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import type { User } from '@/types/api';
import { UserTable } from './user-table';

function user(id: number, overrides: Partial<User> = {}): User {
  return { id, username: `user${id}`, display_name: `User ${id}`, role: 'sales', active: true, created_at: '2026-11-01T00:00:00Z', ...overrides };
}

const noop = () => {};
const table = (users: User[], lang: 'id' | 'en' = 'id') =>
  renderWithProviders(<UserTable users={users} team={[]} busyId={null} onOpen={noop} onEdit={noop} onToggleActive={noop} onDelete={noop} />, { lang });

const cell = (username: string) => within(document.querySelector(`[data-username="${username}"]`) as HTMLElement).getByTestId('last-login');

describe('UserTable last sign-in', () => {
  it('shows when each account last signed in, and "never" for one that has not', () => {
    table([user(1, { last_login_at: '2026-11-21T02:30:00Z' }), user(2, { last_login_at: null })], 'en');
    expect(screen.getByRole('columnheader', { name: 'Last sign-in' })).toBeInTheDocument();
    expect(cell('user1')).toHaveTextContent('21 Nov 2026');
    expect(cell('user2')).toHaveTextContent('Never signed in');
  });

  it('writes "–" while no account has a time (a server that records no sign-ins)', () => {
    table([user(1, { last_login_at: null }), user(2, { last_login_at: null })]);
    expect(cell('user1')).toHaveTextContent(/^–$/);
  });

  it('has no such column when the server sends no time at all', () => {
    table([user(1), user(2)]);
    expect(screen.queryByRole('columnheader', { name: 'Terakhir masuk' })).toBeNull();
    expect(screen.queryByTestId('last-login')).toBeNull();
  });
});
