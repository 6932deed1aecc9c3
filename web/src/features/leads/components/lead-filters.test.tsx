import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import type { LeadQuery } from '@/types/api';
import { LeadFilters } from './lead-filters';

const segments = { segmentationId: 9, clusters: [{ id: 0, persona: 'Standard' }, { id: 3, persona: 'Target' }] };

describe('LeadFilters segment filter', () => {
  it('offers the personas of the segmentation and filters on cluster and segmentation', async () => {
    const onChange = vi.fn();
    const query: LeadQuery = { page: 3, size: 50, sort: 'rank', status: 'pending' };
    renderWithProviders(<LeadFilters query={query} onChange={onChange} segments={segments} />);
    const select = screen.getByRole('combobox', { name: 'Segmen' });
    expect([...(select as HTMLSelectElement).options].map((o) => o.text)).toEqual(['Semua segmen', 'Klaster 0: Standard', 'Klaster 3: Target']);
    await userEvent.selectOptions(select, 'Klaster 3: Target');
    expect(onChange).toHaveBeenLastCalledWith({ ...query, segment: 3, segmentation_id: 9, page: 1 });
  });

  it('clears both parameters on "all segments"', async () => {
    const onChange = vi.fn();
    renderWithProviders(<LeadFilters query={{ page: 2, segment: 3, segmentation_id: 9 }} onChange={onChange} segments={segments} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Segmen' }), 'Semua segmen');
    const next = onChange.mock.lastCall?.[0] as LeadQuery;
    expect(next.segment).toBeUndefined();
    expect(next.segmentation_id).toBeUndefined();
    expect(next.page).toBe(1);
  });

  it('has no segment filter without a segmentation of the leads', () => {
    renderWithProviders(<LeadFilters query={{}} onChange={() => {}} segments={null} />);
    expect(screen.queryByRole('combobox', { name: 'Segmen' })).toBeNull();
    expect(screen.getAllByRole('combobox')).toHaveLength(3);
  });
});
