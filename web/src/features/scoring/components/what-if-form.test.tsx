import { describe, expect, it } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders, stubFetch } from '@/test/render';
import { leadFieldSpecs } from '@/lib/lead-fields';
import type { LeadField } from '@/types/api';
import { WhatIfForm } from './what-if-form';

// Every column the server can list, as GET /api/leads/fields gives them.
const specs: LeadField[] = leadFieldSpecs.map((f) => ({
  name: f.name,
  label_en: f.name,
  label_id: f.name,
  kind: f.type === 'category' ? 'categorical' : 'numeric',
  values: f.values,
}));

describe('WhatIfForm', () => {
  it('asks only about the customer: the campaign context and the call duration are not on the form', () => {
    renderWithProviders(<WhatIfForm specs={specs} layout="bank-additional" />);
    expect(screen.getByLabelText('age')).toBeInTheDocument();
    expect(screen.getByLabelText('poutcome')).toBeInTheDocument();
    for (const hidden of ['euribor3m', 'nr.employed', 'emp.var.rate', 'month', 'day_of_week', 'duration', 'balance']) {
      expect(screen.queryByLabelText(hidden)).toBeNull();
    }
    expect(screen.getByText(/skor memakai kampanye saat ini/)).toBeInTheDocument();
  });

  it('sends the customer without context values and shows the answer', async () => {
    const { sent } = stubFetch({
      'POST /api/score': { body: { score: 0.123, grade: 'B', model_id: 3, reasons: [] } },
    });
    renderWithProviders(<WhatIfForm specs={specs} layout="bank-additional" />, { lang: 'en' });
    await userEvent.click(screen.getByRole('button', { name: 'Score' }));
    expect(await screen.findByTestId('what-if-result')).toHaveTextContent('12.3');
    const fields = (sent[0].body as { fields: Record<string, unknown> }).fields;
    expect(fields.age).toBe(35);
    for (const context of ['month', 'day_of_week', 'euribor3m', 'nr.employed', 'cons.price.idx']) {
      expect(fields).not.toHaveProperty(context);
    }
  });

  it('refuses an age outside the field spec before asking the server, and clears the old answer', async () => {
    const { sent } = stubFetch({
      'POST /api/score': { body: { score: 0.2, grade: 'A', model_id: 3, reasons: [] } },
    });
    renderWithProviders(<WhatIfForm specs={specs} layout="bank-additional" />);
    await userEvent.click(screen.getByRole('button', { name: 'Hitung skor' }));
    expect(await screen.findByTestId('what-if-result')).toBeInTheDocument();
    const age = screen.getByLabelText('age');
    await userEvent.clear(age);
    await userEvent.type(age, '500');
    await userEvent.click(screen.getByRole('button', { name: 'Hitung skor' }));
    expect(screen.queryByTestId('what-if-result')).toBeNull();
    expect(sent).toHaveLength(1);
  });
});
