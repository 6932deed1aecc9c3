import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import type { LeadSummary } from '@/types/api';
import { LeadTable } from './lead-table';

function summary(id: number, overrides: Partial<LeadSummary> = {}): LeadSummary {
  return {
    id, name: `Nasabah ${id}`, phone: '08123', rank: id, score: 0.5, previous_score: null, trend: 'new', grade: 'B',
    status: 'pending', owner: null, followed_up_by: null, is_mine: false, callback_at: null, callback_due: false, attempts: 0, last_attempt_at: null,
    status_changed_at: null, age: 40, job: 'technician', do_not_call: false, segment: null, ...overrides,
  };
}

describe('LeadTable', () => {
  it('marks leads followed up by someone else and due call-backs', () => {
    renderWithProviders(
      <LeadTable
        leads={[
          summary(1, { status: 'contacted', is_mine: true, callback_due: true, callback_at: '2026-11-22T09:00:00.000Z' }),
          summary(2, { status: 'contacted', followed_up_by: 'Budi' }),
          summary(3),
        ]}
      />,
    );
    const rows = screen.getAllByTestId('lead-row');
    expect(within(rows[0]).getByTestId('callback-due')).toHaveTextContent('Waktunya telepon ulang');
    expect(within(rows[1]).getByTestId('followed-up-by')).toHaveTextContent('Sedang ditindaklanjuti oleh Budi');
    expect(within(rows[2]).queryByTestId('followed-up-by')).toBeNull();
  });

  it('offers the quick "Sudah Dihubungi" on pending leads only', async () => {
    const quick = vi.fn();
    renderWithProviders(<LeadTable leads={[summary(1), summary(2, { status: 'contacted', followed_up_by: 'Budi' })]} onQuickContact={quick} />);
    const rows = screen.getAllByTestId('lead-row');
    expect(within(rows[1]).queryByRole('button')).toBeNull();
    // named even on a phone, where only its icon shows
    await userEvent.click(within(rows[0]).getByRole('button', { name: 'Sudah Dihubungi' }));
    expect(quick).toHaveBeenCalledWith(expect.objectContaining({ id: 1 }));
  });

  it('repeats the rank in the customer\'s line for a phone, where the rank column is hidden', () => {
    renderWithProviders(<LeadTable leads={[summary(1204)]} />);
    expect(screen.getByTestId('lead-rank-inline')).toHaveTextContent('#1.204 ·');
    expect(screen.getByTestId('lead-rank-inline')).toHaveClass('sm:hidden');
  });

  it('names the job in words of the chosen language', () => {
    renderWithProviders(<LeadTable leads={[summary(1, { job: 'blue-collar' }), summary(2, { job: 'admin.' })]} />);
    const rows = screen.getAllByTestId('lead-row');
    expect(rows[0]).toHaveTextContent('Pekerja kerah biru · 40 th · 08123');
    expect(rows[1]).toHaveTextContent('Staf administrasi');
    expect(rows[1]).not.toHaveTextContent('admin.');
  });

  it('writes the rank with the thousands separator of the chosen language', () => {
    const { unmount } = renderWithProviders(<LeadTable leads={[summary(31631)]} />);
    expect(screen.getByTestId('lead-row')).toHaveTextContent(/^31\.631/);
    unmount();
    renderWithProviders(<LeadTable leads={[summary(31631)]} />, { lang: 'en' });
    expect(screen.getByTestId('lead-row')).toHaveTextContent(/^31,631/);
  });

  it('shows score as a percentage with grade', () => {
    renderWithProviders(<LeadTable leads={[summary(1, { score: 0.734, grade: 'A' })]} />, { lang: 'en' });
    expect(screen.getByText('73.4%')).toBeInTheDocument();
    expect(screen.getByLabelText('Grade A')).toBeInTheDocument();
  });

  it("shows each lead's persona in the Segment column, and none for a lead without a cluster", () => {
    renderWithProviders(
      <LeadTable leads={[summary(1, { segment: { segmentation_id: 4, cluster: 2, persona: 'Target' } }), summary(2, { segment: null })]} />,
    );
    expect(screen.getByRole('columnheader', { name: 'Segmen' })).toBeInTheDocument();
    const rows = screen.getAllByTestId('lead-row');
    const badge = within(rows[0]).getAllByTestId('persona-badge')[0];
    expect(badge).toHaveTextContent('Target');
    expect(badge).toHaveAttribute('title', 'Klaster 2 dari segmentasi #4');
    expect(within(rows[1]).queryByTestId('persona-badge')).toBeNull();
  });
});
