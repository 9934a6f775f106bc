import { describe, expect, it } from 'vitest';
import { translate } from '@/lib/i18n/translate';
import { parseMobileNumber } from './index';

describe('a number we text', () => {
  it('is a mobile number of a country, in E.164', () => {
    expect(parseMobileNumber('(201) 555-0123', 'US')).toEqual({ ok: true, e164: '+12015550123' });
    expect(parseMobileNumber('+44 7400 123456', 'US')).toEqual({ ok: true, e164: '+447400123456' });
    expect(parseMobileNumber('+34 600 123 456', 'US')).toEqual({ ok: true, e164: '+34600123456' });
  });

  // Audit finding 2: satellite, international-network and premium ranges were accepted: the
  // numbers SMS pumping sends codes to.
  it.each([
    ['Iridium (satellite)', '+881 6 1234 5678'],
    ['Inmarsat (satellite)', '+870 773 111 632'],
    ['an international network', '+882 1650 1234'],
  ])('refuses %s', (_, number) => {
    expect(parseMobileNumber(number, 'US')).toEqual({ ok: false, message: { key: 'phone.noCountry' } });
    expect(translate({ key: 'phone.noCountry' })).toMatch(/satellite or international network/);
  });

  it.each([
    ['a UK personal number (+44 70)', '+44 7011 111111'],
    ['a US personal number (500)', '+1 500 555 0123'],
    ['a premium number', '+1 900 555 0123'],
    ['a toll-free number', '+1 800 555 0123'],
    ['a landline', '+44 20 7946 0958'],
  ])('refuses %s', (_, number) => {
    expect(parseMobileNumber(number, 'US')).toEqual({ ok: false, message: { key: 'phone.notMobile' } });
  });

  it('takes personal and VoIP numbers only when the utility allows them', () => {
    expect(parseMobileNumber('+44 7011 111111', 'US', { extraTypes: ['PERSONAL_NUMBER'] })).toEqual({
      ok: true,
      e164: '+447011111111',
    });
    expect(parseMobileNumber('+1 900 555 0123', 'US', { extraTypes: ['PERSONAL_NUMBER', 'VOIP'] }).ok).toBe(false);
  });

  it('finds any valid number for a staff search', () => {
    expect(parseMobileNumber('+881 6 1234 5678', 'US', { anyType: true }).ok).toBe(true);
  });
});
