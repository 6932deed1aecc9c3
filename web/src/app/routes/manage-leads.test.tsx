import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithProviders, stubFetch } from '@/test/render';
import { ManageLeadsRoute } from './manage-leads';

describe('ManageLeadsRoute', () => {
  it('puts the history import beside the leads import, each with its own file and button', async () => {
    stubFetch({
      'GET /api/leads': { body: { items: [], total: 0, page: 1, size: 25 } },
      'GET /api/lead-fields': { body: { items: [] } },
      'GET /api/history': { body: { rows: 120, from_import: 120, positives: 14, from_portal: 3 } },
    });
    renderWithProviders(<ManageLeadsRoute />);
    expect(await screen.findByTestId('history-counts')).toHaveTextContent('120 baris riwayat (14 berlangganan); 3 hasil dari portal');
    expect(screen.getByText('Impor riwayat kampanye')).toBeInTheDocument();
    // the leads import keeps its own label and button name (the browser tests find them by those)
    expect(screen.getAllByLabelText(/Berkas CSV/)).toHaveLength(1);
    expect(screen.getAllByRole('button', { name: /Impor/ })).toHaveLength(1);
  });
});
