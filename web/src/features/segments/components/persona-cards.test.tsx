import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import { PersonaBadge } from '@/components/persona-badge';
import type { SegmentationDetail } from '@/types/api';
import { PersonaCards } from './persona-cards';

const segmentation: SegmentationDetail = {
  id: 4, name: 'leads', source: 'leads', features: ['age', 'campaign'], k: 2, created_at: '2026-01-05T08:00:00Z', is_default: true, n_points: 1200, silhouette: 0.41,
  clusters: [
    { id: 0, size: 900, centroid: [31.6, 2.1], persona: 'Few calls, younger', persona_id: 'Sedikit panggilan, lebih muda', description: 'Cluster average: Age 31.6, Calls in this campaign 2.1.', description_id: 'Rata-rata kelompok: Usia 31,6, Jumlah panggilan kampanye ini 2,1.', levels: ['low', 'low'] },
    { id: 1, size: 300, centroid: [1040.5, 8], persona: 'Many calls, older', persona_id: 'Banyak panggilan, lebih tua', description: 'Cluster average: Age 1,040.5.', description_id: 'Rata-rata kelompok: Usia 1.040,5.', levels: ['high', 'high'] },
  ],
  elbow: [], sample: [],
};
const labels: Record<string, Record<'id' | 'en', string>> = { age: { id: 'Usia', en: 'Age' }, campaign: { id: 'Jumlah panggilan kampanye ini', en: 'Calls in this campaign' } };

describe('PersonaCards', () => {
  it('names and describes each cluster in Indonesian, with Indonesian numbers and column labels', () => {
    renderWithProviders(<PersonaCards segmentation={segmentation} featureLabel={(n) => labels[n].id} />);
    const cards = screen.getAllByRole('article');
    expect(within(cards[0]).getByRole('heading')).toHaveTextContent('Sedikit panggilan, lebih muda');
    expect(cards[0]).toHaveTextContent('Rata-rata kelompok: Usia 31,6');
    expect(cards[0]).toHaveTextContent('Jumlah panggilan kampanye ini');
    expect(cards[1]).toHaveTextContent('1.040,5');
    expect(screen.queryByText('Few calls, younger')).toBeNull();
  });

  it('in English', () => {
    renderWithProviders(<PersonaCards segmentation={segmentation} featureLabel={(n) => labels[n].en} />, { lang: 'en' });
    const cards = screen.getAllByRole('article');
    expect(within(cards[1]).getByRole('heading')).toHaveTextContent('Many calls, older');
    expect(cards[1]).toHaveTextContent('1,040.5');
    expect(cards[0]).toHaveTextContent('Calls in this campaign');
  });

  it('falls back to the English name from a server that sends no Indonesian one', () => {
    const old = { ...segmentation, clusters: [{ ...segmentation.clusters[0], persona_id: undefined, description_id: undefined }] };
    renderWithProviders(<PersonaCards segmentation={old} />);
    expect(screen.getByRole('heading')).toHaveTextContent('Few calls, younger');
    expect(screen.getByRole('article')).toHaveTextContent('age');
  });
});

describe('PersonaBadge', () => {
  it("shows the lead's persona in the reader's language", () => {
    const segment = { segmentation_id: 4, cluster: 1, persona: 'Many calls, older', persona_id: 'Banyak panggilan, lebih tua' };
    const { unmount } = renderWithProviders(<PersonaBadge segment={segment} />);
    expect(screen.getByTestId('persona-badge')).toHaveTextContent('Banyak panggilan, lebih tua');
    unmount();
    renderWithProviders(<PersonaBadge segment={segment} />, { lang: 'en' });
    expect(screen.getByTestId('persona-badge')).toHaveTextContent('Many calls, older');
  });
});
