import { describe, expect, it } from 'vitest';
import { internationalDigits, telLink, whatsAppLink } from './phone';

describe('phone links', () => {
  it('gives one international form for every spelling', () => {
    for (const spelling of ['081234567890', '0812-3456-7890', '+62 812-3456-7890', '0062 812 3456 7890']) {
      expect(internationalDigits(spelling)).toBe('6281234567890');
    }
    expect(whatsAppLink('0812-3456-7890')).toBe('https://wa.me/6281234567890');
    expect(telLink('0812 3456 7890')).toBe('tel:+6281234567890');
  });
  it('links no made-up or broken number', () => {
    expect(whatsAppLink('+62 000 0000 0123')).toBeNull();
    expect(telLink('12')).toBeNull();
    expect(telLink('call me')).toBeNull();
  });
});
