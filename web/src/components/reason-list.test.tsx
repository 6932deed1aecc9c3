import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import type { Reason } from '@/types/api';
import { ReasonList } from './reason-list';

const reasons: Reason[] = [
  { feature: 'age', label_en: 'Age', label_id: 'Usia', value: '62', contribution: 0.1, direction: 'up' },
  { feature: 'euribor3m', label_en: 'Euribor 3-month rate', label_id: 'Suku bunga Euribor 3 bulan', value: '0.7', contribution: 0.9, direction: 'up' },
  { feature: 'contact', label_en: 'Contact type', label_id: 'Jenis kontak', value: 'telephone', contribution: -0.5, direction: 'down' },
];

describe('ReasonList', () => {
  it('puts the strongest reason first, in plain words of the chosen language', () => {
    renderWithProviders(<ReasonList reasons={reasons} />);
    const items = screen.getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Suku bunga Euribor 3 bulan = 0,7 menaikkan peluang (kuat).',
      'Jenis kontak = Telepon rumah menurunkan peluang (sedang).',
      'Usia = 62 menaikkan peluang (sedikit).',
    ]);
  });

  it('shows values in words and numbers in the reader\'s format, in English too', () => {
    const compact: Reason[] = [
      { feature: 'nr.employed', label_en: 'Employees', label_id: 'Jumlah pekerja', value: '5.191e+03', contribution: 0.9, direction: 'up' },
      { feature: 'job=blue-collar', label_en: 'Job', label_id: 'Pekerjaan', value: 'blue-collar', contribution: -0.5, direction: 'down' },
      { feature: 'poutcome', label_en: 'Previous outcome', label_id: 'Hasil sebelumnya', value: 'nonexistent', contribution: -0.2, direction: 'down' },
    ];
    renderWithProviders(<ReasonList reasons={compact} />, { lang: 'en' });
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Employees = 5,191 raises the chance (strongly).',
      'Job = Blue-collar worker lowers the chance (moderately).',
      'Previous outcome = Not in a previous campaign lowers the chance (slightly).',
    ]);
  });

  it('reads the sentence about the customer when the server sends one', () => {
    const sentences: Reason[] = [
      { feature: 'age', label_en: 'Age', label_id: 'Usia', value: '67', text_en: 'Age 67', text_id: 'Usia 67 tahun', contribution: 0.8, direction: 'up' },
      { feature: 'pdays', label_en: 'Days since previous campaign', label_id: 'Hari sejak kampanye sebelumnya', value: 'missing', text_en: 'Never contacted before', text_id: 'Belum pernah dihubungi sebelumnya', contribution: -0.2, direction: 'down' },
    ];
    renderWithProviders(<ReasonList reasons={sentences} />);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Usia 67 tahun: menaikkan peluang (kuat).',
      'Belum pernah dihubungi sebelumnya: menurunkan peluang (sedikit).',
    ]);
  });

  it('says so when there are none', () => {
    renderWithProviders(<ReasonList reasons={[]} />, { lang: 'en' });
    expect(screen.getByText('No reasons recorded for this score.')).toBeInTheDocument();
  });
});
