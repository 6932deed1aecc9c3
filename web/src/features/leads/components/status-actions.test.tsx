import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { LeadDetail } from '@/types/api';
import { StatusActions } from './status-actions';

function lead(overrides: Partial<LeadDetail> = {}): LeadDetail {
  return {
    id: 12, name: 'Siti Rahma', phone: '0812', rank: 3, score: 0.42, previous_score: 0.3, trend: 'up', grade: 'A',
    status: 'pending', owner: null, followed_up_by: null, is_mine: false, callback_at: null, callback_due: false, attempts: 0, last_attempt_at: null,
    status_changed_at: null, age: 35, job: 'admin.', fields: {}, extra: {}, outcome: null, reasons: [], history: [],
    allowed_statuses: ['contacted', 'converted', 'rejected'], undo_until: null, may_revert: false, model_id: 1, scored_at: null,
    created_at: '2026-11-20T00:00:00.000Z', updated_at: '2026-11-20T00:00:00.000Z', do_not_call: false, segment: null, ...overrides,
  };
}

describe('StatusActions', () => {
  it('offers only the moves the server allows', () => {
    renderWithProviders(<StatusActions lead={lead({ status: 'contacted', allowed_statuses: ['converted', 'rejected'] })} onChanged={() => {}} />);
    expect(screen.queryByRole('button', { name: 'Sudah Dihubungi' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Terkonversi' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Ditolak' })).toBeEnabled();
  });

  it('says who handles a lead it cannot change', () => {
    renderWithProviders(<StatusActions lead={lead({ status: 'contacted', followed_up_by: 'Budi', allowed_statuses: [] })} onChanged={() => {}} />);
    expect(screen.getByTestId('no-status-actions')).toHaveTextContent('Sedang ditindaklanjuti oleh Budi');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('sends the status with the note and a future call-back time', async () => {
    const changed = vi.fn();
    const { sent } = stubFetch({ 'POST /api/leads/12/status': { body: { lead: lead({ status: 'contacted' }) } } });
    renderWithProviders(<StatusActions lead={lead()} onChanged={changed} now={() => new Date('2026-11-22T08:00:00')} />);
    await userEvent.type(screen.getByLabelText('Catatan (opsional)'), 'minta telepon sore');
    await userEvent.type(screen.getByLabelText('Jadwal telepon ulang'), '2026-11-23T15:30');
    await userEvent.click(screen.getByRole('button', { name: 'Sudah Dihubungi' }));
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ status: 'contacted', note: 'minta telepon sore', callback_at: new Date('2026-11-23T15:30').toISOString() });
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ status: 'contacted' }));
  });

  it('refuses a call-back in the past without sending anything', async () => {
    const { sent } = stubFetch({});
    renderWithProviders(<StatusActions lead={lead()} onChanged={() => {}} now={() => new Date('2026-11-22T08:00:00')} />);
    await userEvent.type(screen.getByLabelText('Jadwal telepon ulang'), '2026-11-21T09:00');
    await userEvent.click(screen.getByRole('button', { name: 'Sudah Dihubungi' }));
    expect(screen.getByText('Jadwal telepon ulang harus di masa depan.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('asks before Terkonversi and sends nothing on Batal', async () => {
    const { sent } = stubFetch({ 'POST /api/leads/12/status': { body: { lead: lead({ status: 'converted' }) } } });
    renderWithProviders(<StatusActions lead={lead()} onChanged={() => {}} />);
    await userEvent.click(screen.getByRole('button', { name: 'Terkonversi' }));
    expect(screen.getByTestId('confirm-close')).toHaveTextContent('Tandai lead ini Terkonversi?');
    await userEvent.click(screen.getByRole('button', { name: 'Batal' }));
    expect(sent).toHaveLength(0);
    await userEvent.click(screen.getByRole('button', { name: 'Terkonversi' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ya, tandai' }));
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ status: 'converted' });
  });

  it('shows the server sentence on 409 and asks the page to reload the lead', async () => {
    const conflict = vi.fn();
    stubFetch({ 'POST /api/leads/12/status': { status: 409, body: { error: { code: 'lead_followed_up', params: { lead: 12, name: 'Budi Santoso' }, message: 'lead 12 is being followed up by Budi Santoso', kind: 'conflict' } } } });
    renderWithProviders(<StatusActions lead={lead()} onChanged={() => {}} onConflict={conflict} />);
    await userEvent.click(screen.getByRole('button', { name: 'Ditolak' }));
    await userEvent.click(screen.getByRole('button', { name: 'Ya, tandai' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Lead 12 sedang ditindaklanjuti oleh Budi Santoso.');
    expect(conflict).toHaveBeenCalledTimes(1);
  });
});
