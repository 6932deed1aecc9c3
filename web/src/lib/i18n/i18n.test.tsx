import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nProvider, translate } from './i18n';
import { id } from './id';
import { en } from './en';
import { LanguageSwitch } from '@/components/language-switch';
import { StatusBadge } from '@/components/status-badge';

describe('dictionaries', () => {
  it('have the same keys and no empty message', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(id).sort());
    for (const [key, text] of [...Object.entries(id), ...Object.entries(en)]) expect(text, key).not.toBe('');
  });

  it('use the same placeholders in both languages', () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join(',');
    for (const key of Object.keys(id) as (keyof typeof id)[]) expect(names(en[key]), key).toBe(names(id[key]));
  });

  it('name the statuses as the sales teams do', () => {
    expect(['pending', 'contacted', 'converted', 'rejected'].map((s) => translate('id', `status.${s}` as 'status.pending'))).toEqual([
      'Pending', 'Sudah Dihubungi', 'Terkonversi', 'Ditolak',
    ]);
  });

  it('spell the sales person\'s own page "Performa Saya"', () => {
    expect(translate('id', 'nav.performance')).toBe('Performa Saya');
    expect(translate('en', 'nav.performance')).toBe('My Performance');
    for (const text of [...Object.values(id), ...Object.values(en)]) expect(text).not.toMatch(/peforma/i);
  });
});

describe('translate', () => {
  it('fills placeholders and leaves unknown ones', () => {
    expect(translate('id', 'lead.followedUpBy', { name: 'Budi' })).toBe('Sedang ditindaklanjuti oleh Budi');
    expect(translate('en', 'lead.followedUpBy', {})).toBe('Being followed up by {name}');
  });
});

describe('I18nProvider', () => {
  it('speaks Indonesian by default and remembers the English switch', async () => {
    const { unmount } = render(
      <I18nProvider>
        <LanguageSwitch />
        <StatusBadge status="contacted" />
      </I18nProvider>,
    );
    expect(screen.getByText('Sudah Dihubungi')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'en' }));
    expect(screen.getByText('Contacted')).toBeInTheDocument();
    unmount();
    render(
      <I18nProvider>
        <StatusBadge status="contacted" />
      </I18nProvider>,
    );
    expect(screen.getByText('Contacted')).toBeInTheDocument();
  });
});
