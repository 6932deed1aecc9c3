import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { ActivityEntry, LeadDetail } from '@/types/api';
import { UndoControl } from './undo-control';
import { RevertControl } from './revert-control';
import { StatusActions } from './status-actions';
import { StatusHistory } from './status-history';

function lead(overrides: Partial<LeadDetail> = {}): LeadDetail {
  return {
    id: 12, name: 'Siti Rahma', phone: '0812', rank: 3, score: 0.42, previous_score: 0.3, trend: 'up', grade: 'A',
    status: 'converted', owner: { id: 2, display_name: 'Ani' }, followed_up_by: null, is_mine: true, callback_at: null, callback_due: false, attempts: 0, last_attempt_at: null,
    status_changed_at: null, age: 35, job: 'admin.', fields: {}, extra: {}, outcome: null, reasons: [], history: [],
    allowed_statuses: [], undo_until: null, may_revert: false, model_id: 1, scored_at: null,
    created_at: '2026-11-20T00:00:00.000Z', updated_at: '2026-11-20T00:00:00.000Z', do_not_call: false, segment: null, ...overrides,
  };
}

const at = Date.parse('2026-11-22T08:00:00.000Z');

describe('UndoControl', () => {
  it('offers Urungkan until the server\'s time and sends the undo', async () => {
    const changed = vi.fn();
    const { sent } = stubFetch({ 'POST /api/leads/12/undo': { body: { lead: lead({ status: 'contacted' }) } } });
    renderWithProviders(<UndoControl lead={lead({ undo_until: new Date(at + 4 * 60_000).toISOString() })} onChanged={changed} now={() => at} />);
    expect(screen.getByTestId('undo-control')).toHaveTextContent('Anda dapat mengurungkannya sampai');
    await userEvent.click(screen.getByRole('button', { name: 'Urungkan' }));
    expect(sent).toHaveLength(1);
    expect(sent[0].method).toBe('POST');
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ status: 'contacted' }));
  });

  it('shows nothing once the five minutes are over, or when the server offers no undo', () => {
    const late = renderWithProviders(<UndoControl lead={lead({ undo_until: new Date(at - 1).toISOString() })} onChanged={() => {}} now={() => at} />);
    expect(late.container).toBeEmptyDOMElement();
    late.unmount();
    const none = renderWithProviders(<UndoControl lead={lead()} onChanged={() => {}} now={() => at} />);
    expect(none.container).toBeEmptyDOMElement();
  });

  it('shows the server\'s sentence when the undo is refused', async () => {
    stubFetch({ 'POST /api/leads/12/undo': { status: 409, body: { error: { code: 'undo_window_over', params: { lead: 12, minutes: 5 }, message: 'the 5 minutes to undo lead 12 are over; an admin can revert it', kind: 'conflict' } } } });
    renderWithProviders(<UndoControl lead={lead({ undo_until: new Date(at + 60_000).toISOString() })} onChanged={() => {}} now={() => at} />, { lang: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The 5 minutes to undo lead 12 are over; an admin can revert it.');
  });
});

describe('RevertControl', () => {
  it('requires a reason and sends nothing without one', async () => {
    const { sent } = stubFetch({});
    renderWithProviders(<RevertControl lead={lead({ may_revert: true })} onChanged={() => {}} />);
    await userEvent.type(screen.getByLabelText('Alasan'), '   ');
    await userEvent.click(screen.getByRole('button', { name: 'Kembalikan' }));
    expect(screen.getByText('Alasan wajib diisi.')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
  });

  it('sends the trimmed reason and hands the reopened lead back', async () => {
    const changed = vi.fn();
    const { sent } = stubFetch({ 'POST /api/leads/12/revert': { body: { lead: lead({ status: 'contacted' }) } } });
    renderWithProviders(<RevertControl lead={lead({ may_revert: true })} onChanged={changed} />, { lang: 'en' });
    await userEvent.type(screen.getByLabelText('Reason'), '  deposit cancelled ');
    await userEvent.click(screen.getByRole('button', { name: 'Revert' }));
    expect(sent[0].body).toEqual({ reason: 'deposit cancelled' });
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ status: 'contacted' }));
  });
});

describe('the confirmation of Terkonversi / Ditolak', () => {
  it('takes the focus, confirms with Enter and cancels with Escape', async () => {
    const { sent } = stubFetch({ 'POST /api/leads/12/status': { body: { lead: lead() } } });
    renderWithProviders(<StatusActions lead={lead({ status: 'pending', owner: null, is_mine: false, allowed_statuses: ['contacted', 'converted', 'rejected'] })} onChanged={() => {}} />);
    const converted = screen.getByRole('button', { name: 'Terkonversi' });
    converted.focus();
    await userEvent.keyboard('{Enter}');
    expect(screen.getByRole('alertdialog')).toHaveTextContent('Tandai lead ini Terkonversi?');
    expect(screen.getByRole('button', { name: 'Ya, tandai' })).toHaveFocus();
    await userEvent.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(converted).toHaveFocus();
    expect(sent).toHaveLength(0);
    await userEvent.keyboard('{Enter}');
    await userEvent.keyboard('{Enter}');
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ status: 'converted' });
  });
});

describe('StatusHistory', () => {
  it('shows undo and revert entries with the admin\'s reason', () => {
    const entry = (over: Partial<ActivityEntry>): ActivityEntry => ({
      id: 1, lead_id: 12, lead_name: 'Siti', user: { id: 2, display_name: 'Ani' }, from_status: 'converted', to_status: 'contacted',
      note: null, callback_at: null, at: '2026-11-22T08:00:00.000Z', kind: 'status', ...over,
    });
    renderWithProviders(<StatusHistory entries={[
      entry({ id: 1, kind: 'undo' }),
      entry({ id: 2, kind: 'revert', user: { id: 1, display_name: 'Admin' }, reason: 'deposit cancelled' }),
    ]} />);
    expect(screen.getByTestId('history-undo')).toHaveTextContent('Diurungkan');
    expect(screen.getByTestId('history-revert')).toHaveTextContent('Dikembalikan oleh admin');
    expect(screen.getByTestId('status-history')).toHaveTextContent('Alasan: deposit cancelled');
  });
});
