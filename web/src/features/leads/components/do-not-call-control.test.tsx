import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import type { LeadDetail } from '@/types/api';
import { DoNotCallControl } from './do-not-call-control';
import { AssignControl } from './assign-control';
import { parseStaleDays } from './follow-up-card';

function lead(overrides: Partial<LeadDetail> = {}): LeadDetail {
  return {
    id: 12, name: 'Siti Rahma', phone: '0812', rank: 3, score: 0.42, previous_score: 0.3, trend: 'up', grade: 'A',
    status: 'pending', owner: null, followed_up_by: null, is_mine: false, callback_at: null, callback_due: false, attempts: 0, last_attempt_at: null,
    status_changed_at: null, age: 35, job: 'admin.', fields: {}, extra: {}, outcome: null, reasons: [], history: [],
    allowed_statuses: ['contacted', 'converted', 'rejected'], undo_until: null, may_revert: false, model_id: 1, scored_at: null,
    created_at: '2026-11-20T00:00:00.000Z', updated_at: '2026-11-20T00:00:00.000Z', do_not_call: false, segment: null, ...overrides,
  };
}

describe('DoNotCallControl', () => {
  it('asks for confirmation and sends the mark with the consent note', async () => {
    const changed = vi.fn();
    const { sent } = stubFetch({ 'PATCH /api/leads/12': { body: { lead: lead({ do_not_call: true }) } } });
    renderWithProviders(<DoNotCallControl lead={lead()} isAdmin={false} onChanged={changed} />);
    await userEvent.click(screen.getByRole('button', { name: 'Jangan hubungi' }));
    expect(sent).toHaveLength(0);
    expect(screen.getByTestId('confirm-do-not-call')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Dasar persetujuan (opsional)'), 'minta lewat telepon');
    await userEvent.click(screen.getByRole('button', { name: 'Ya, simpan' }));
    expect(sent).toHaveLength(1);
    expect(sent[0].body).toEqual({ do_not_call: true, consent_note: 'minta lewat telepon' });
    expect(changed).toHaveBeenCalledWith(expect.objectContaining({ do_not_call: true }));
  });

  it('lets only an admin clear the mark', () => {
    renderWithProviders(<DoNotCallControl lead={lead({ do_not_call: true })} isAdmin={false} onChanged={() => {}} />);
    expect(screen.getByTestId('do-not-call-note')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });
});

describe('AssignControl', () => {
  it('offers the active sales people and releases an owned lead', async () => {
    const changed = vi.fn();
    const { sent } = stubFetch({
      'GET /api/users': { body: { items: [
        { id: 2, username: 'ani', display_name: 'Ani', role: 'sales', active: true, created_at: '2026-11-01T00:00:00.000Z' },
        { id: 3, username: 'budi', display_name: 'Budi', role: 'sales', active: false, created_at: '2026-11-01T00:00:00.000Z' },
      ] } },
      'POST /api/leads/12/assign': { body: { lead: lead() } },
    });
    renderWithProviders(<AssignControl lead={lead({ status: 'contacted', owner: { id: 2, display_name: 'Ani' } })} onChanged={changed} />);
    expect(await screen.findByRole('option', { name: 'Ani' })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Budi' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Kembalikan ke tim' }));
    expect(sent.at(-1)?.body).toEqual({ user_id: null });
    expect(changed).toHaveBeenCalled();
  });
});

describe('parseStaleDays', () => {
  it('takes whole days from 1 to 365', () => {
    expect(parseStaleDays(' 14 ')).toBe(14);
    expect(parseStaleDays('0')).toBeNull();
    expect(parseStaleDays('366')).toBeNull();
    expect(parseStaleDays('1.5')).toBeNull();
  });
});
