import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderWithProviders, stubFetch } from '@/test/render';
import { BuildForm } from './build-form';

const built = { id: 7, name: 'x', source: 'leads', features: ['age', 'campaign'], k: 3, created_at: '2026-01-05T08:00:00Z', is_default: true, n_points: 600, silhouette: null, clusters: [], elbow: [], sample: [] };
const leadFeatures = {
  leads: 600,
  items: [
    { name: 'age', label_en: 'Age', label_id: 'Usia', present: 600 },
    { name: 'campaign', label_en: 'Calls in this campaign', label_id: 'Jumlah panggilan kampanye ini', present: 600 },
    { name: 'previous', label_en: 'Contacts before this campaign', label_id: 'Kontak sebelum kampanye ini', present: 600 },
  ],
  default: ['age', 'campaign'],
};

describe('BuildForm', () => {
  it('offers the lead columns the server lists, by label, and starts from its default pair', async () => {
    const { sent } = stubFetch({ 'GET /api/segments/features': { body: leadFeatures }, 'POST /api/segments': { status: 201, body: { segmentation: built } } });
    renderWithProviders(<BuildForm onBuilt={() => {}} />);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sumber data' }), 'leads');
    const age = await screen.findByRole('checkbox', { name: 'Usia' });
    expect(age).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Jumlah panggilan kampanye ini' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Kontak sebelum kampanye ini' })).not.toBeChecked();
    expect(screen.queryByRole('checkbox', { name: /balance|Saldo/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Bangun' }));
    const post = sent.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({ source: 'leads', features: ['age', 'campaign'] });
  });

  it('does not offer CustomerID of the Mall Customers file, and says why', async () => {
    stubFetch({});
    renderWithProviders(<BuildForm onBuilt={() => {}} />, { lang: 'en' });
    const text = readFileSync(resolve(__dirname, '../../../../../data/Mall_Customers.csv'), 'utf8');
    await userEvent.upload(screen.getByLabelText('Customer CSV file'), new File([text], 'Mall_Customers.csv', { type: 'text/csv' }));
    expect(await screen.findByRole('checkbox', { name: 'Annual Income (k$)' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Age' })).not.toBeChecked();
    expect(screen.queryByRole('checkbox', { name: 'CustomerID' })).toBeNull();
    expect(screen.getByTestId('id-columns')).toHaveTextContent('CustomerID');
  });
});
