import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import { renderWithProviders } from '@/test/render';
import type { LeadDetail, LeadField } from '@/types/api';
import { LeadData } from './lead-data';

const specs: LeadField[] = [
  { name: 'age', label_en: 'Age', label_id: 'Usia', kind: 'numeric' },
  { name: 'job', label_en: 'Job', label_id: 'Pekerjaan', kind: 'categorical' },
  { name: 'education', label_en: 'Education', label_id: 'Pendidikan', kind: 'categorical' },
  { name: 'month', label_en: 'Month of last contact', label_id: 'Bulan kontak terakhir', kind: 'categorical' },
  { name: 'poutcome', label_en: 'Previous outcome', label_id: 'Hasil kampanye sebelumnya', kind: 'categorical' },
  { name: 'nr.employed', label_en: 'Number employed', label_id: 'Jumlah pekerja', kind: 'numeric' },
  { name: 'balance', label_en: 'Average yearly balance', label_id: 'Saldo rata-rata tahunan', kind: 'numeric' },
];

const lead = {
  id: 1, name: 'Siti', phone: '', outcome: false,
  fields: { age: 41, job: 'blue-collar', education: 'basic.4y', month: 'may', poutcome: 'nonexistent', 'nr.employed': 5191, balance: -1234.5 },
  extra: { branch: 'JKT-01', tenure_months: 14000 },
} as unknown as LeadDetail;

function rows() {
  return screen.getAllByRole('term').map((dt) => `${dt.textContent} = ${dt.nextElementSibling?.textContent}`);
}

describe('LeadData', () => {
  it('shows categories in Indonesian words and numbers with Indonesian separators', () => {
    renderWithProviders(<LeadData lead={lead} specs={specs} />);
    expect(rows()).toEqual([
      'Usia = 41',
      'Pekerjaan = Pekerja kerah biru',
      'Pendidikan = Sekolah dasar 4 tahun',
      'Bulan kontak terakhir = Mei',
      'Hasil kampanye sebelumnya = Tidak ikut kampanye sebelumnya',
      'Jumlah pekerja = 5.191',
      'Saldo rata-rata tahunan = -1.234,5',
      'branch = JKT-01',
      'tenure_months = 14.000',
      'Hasil kampanye lalu (y) = Tidak',
    ]);
  });

  it('in English', () => {
    renderWithProviders(<LeadData lead={lead} specs={specs} />, { lang: 'en' });
    expect(rows()).toContain('Job = Blue-collar worker');
    expect(rows()).toContain('Number employed = 5,191');
    expect(rows()).toContain('Month of last contact = May');
  });
});
