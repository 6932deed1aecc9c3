import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import type { LeadField } from '@/types/api';
import { LeadFieldInputs } from './lead-field-inputs';

const specs: LeadField[] = [
  { name: 'age', label_en: 'Age', label_id: 'Usia', kind: 'numeric' },
  { name: 'job', label_en: 'Job', label_id: 'Pekerjaan', kind: 'categorical', values: ['admin.', 'blue-collar', 'technician'] },
  { name: 'marital', label_en: 'Marital status', label_id: 'Status perkawinan', kind: 'categorical' },
  { name: 'education', label_en: 'Education', label_id: 'Pendidikan', kind: 'categorical', values: [] },
];

describe('LeadFieldInputs', () => {
  it('offers a select where the server lists the values, a text box otherwise', () => {
    renderWithProviders(<LeadFieldInputs specs={specs} texts={{}} errors={{}} onChange={() => {}} />, { lang: 'en' });
    const job = screen.getByLabelText('Job');
    expect(job.tagName).toBe('SELECT');
    expect([...(job as HTMLSelectElement).options].map((o) => o.value)).toEqual(['', 'admin.', 'blue-collar', 'technician']);
    expect([...(job as HTMLSelectElement).options].map((o) => o.text)).toEqual(['(unknown)', 'Administrative staff', 'Blue-collar worker', 'Technician']);
    expect(screen.getByLabelText('Marital status').tagName).toBe('INPUT');
    expect(screen.getByLabelText('Education').tagName).toBe('INPUT');
    expect(screen.getByLabelText('Age')).toHaveAttribute('inputmode', 'decimal');
  });

  it('hands the chosen value to the form', async () => {
    const onChange = vi.fn();
    renderWithProviders(<LeadFieldInputs specs={specs} texts={{ job: '' }} errors={{}} onChange={onChange} />);
    await userEvent.selectOptions(screen.getByLabelText('Pekerjaan'), 'blue-collar');
    expect(onChange).toHaveBeenCalledWith('job', 'blue-collar');
  });

  it('keeps a value the list lacks, so editing a lead from another bank loses nothing', () => {
    renderWithProviders(<LeadFieldInputs specs={specs} texts={{ job: 'wiraswasta' }} errors={{}} onChange={() => {}} />);
    const job = screen.getByLabelText('Pekerjaan') as HTMLSelectElement;
    expect(job.value).toBe('wiraswasta');
    expect(job.selectedOptions[0].text).toBe('Wiraswasta (dari data)');
  });

  it('leaves out the hidden fields and shows a field\'s problem', () => {
    renderWithProviders(<LeadFieldInputs specs={specs} texts={{}} errors={{ job: { code: 'field_unknown_value', params: { field: 'job', value: 'x' } } }} hide={['age']} onChange={() => {}} />);
    expect(screen.queryByLabelText('Usia')).toBeNull();
    expect(screen.getByText('Pilih salah satu nilai dari daftar.')).toBeInTheDocument();
  });
});
