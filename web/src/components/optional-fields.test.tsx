import { describe, expect, it, vi } from 'vitest';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderWithProviders } from '@/test/render';
import { OptionalFields } from './optional-fields';

function screenWidth(width: number) {
  vi.stubGlobal('matchMedia', (query: string) => ({
    matches: Number(/min-width: (\d+)px/.exec(query)?.[1] ?? 0) <= width,
    media: query,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

const fields = (
  <OptionalFields label="Catatan (opsional)">
    <label>Catatan<input /></label>
  </OptionalFields>
);

describe('OptionalFields', () => {
  it('shows the fields on a wide screen, with no fold', () => {
    screenWidth(1366);
    renderWithProviders(fields);
    expect(screen.getByLabelText('Catatan')).toBeInTheDocument();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('folds them on a phone until asked', async () => {
    screenWidth(390);
    renderWithProviders(fields);
    expect(screen.queryByLabelText('Catatan')).toBeNull();
    const toggle = screen.getByRole('button', { name: 'Catatan (opsional)' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(toggle);
    expect(screen.getByLabelText('Catatan')).toBeInTheDocument();
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
  });

  it('unfolds on a phone when told to (a field has an error)', () => {
    screenWidth(390);
    renderWithProviders(
      <OptionalFields label="Catatan (opsional)" open>
        <label>Catatan<input /></label>
      </OptionalFields>,
    );
    expect(screen.getByLabelText('Catatan')).toBeInTheDocument();
  });
});
