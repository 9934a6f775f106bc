import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS } from '@/lib/money';
import {
  finalizeSms,
  isGsm7,
  MAX_SMS_HOST_LENGTH,
  MAX_SMS_UTILITY_NAME,
  SMS_SEGMENT_LENGTH,
  SMS_TEMPLATES,
  toGsm7,
} from './templates';

const smsTemplates = SMS_TEMPLATES['en-US'];

const longestUtility = {
  shortName: 'Riverside Water & P.'.slice(0, MAX_SMS_UTILITY_NAME),
  currency: 'USD',
  timeZone: 'America/Chicago',
};
const longestHost = `pay.${'r'.repeat(MAX_SMS_HOST_LENGTH - 8)}.com`;
const code = '012345';

function renderEvery(smsTemplates: (typeof SMS_TEMPLATES)['en-US']) {
  return {
    paymentCode: smsTemplates.paymentCode({
      utility: longestUtility,
      code,
      amountCents: MAX_AMOUNT_CENTS,
      accountNumber: '4100012345678901',
      // The longest label methodSmsLabel makes (16 characters).
      method: 'Mastercard x4444',
      host: longestHost,
    }),
    registrationCode: smsTemplates.registrationCode({ utility: longestUtility, code, host: longestHost }),
    signInCode: smsTemplates.signInCode({ utility: longestUtility, code, host: longestHost }),
    paymentConfirmation: smsTemplates.paymentConfirmation({
      utility: longestUtility,
      amountCents: MAX_AMOUNT_CENTS,
      accountNumber: '4100012345678901',
      confirmationNumber: 'RWP-7K4M-9Q2X',
      completedAt: new Date('2026-09-30T23:59:00Z'),
    }),
    paymentReturned: smsTemplates.paymentReturned({
      utility: longestUtility,
      amountCents: MAX_AMOUNT_CENTS,
      accountNumber: '4100012345678901',
      confirmationNumber: 'RWP-7K4M-9Q2X',
      supportPhone: '+1 (555) 010-0199',
    }),
    paymentDeclined: smsTemplates.paymentDeclined({
      utility: longestUtility,
      amountCents: MAX_AMOUNT_CENTS,
      accountNumber: '4100012345678901',
      supportPhone: '+1 (555) 010-0199',
    }),
    paymentExpired: smsTemplates.paymentExpired({
      utility: longestUtility,
      amountCents: MAX_AMOUNT_CENTS,
      accountNumber: '4100012345678901',
      host: longestHost,
    }),
    optedOut: smsTemplates.optedOut({ utility: longestUtility, supportPhone: '+1 (555) 010-0199' }),
    optedIn: smsTemplates.optedIn({ utility: longestUtility }),
    phoneUnlocked: smsTemplates.phoneUnlocked({ utility: longestUtility, supportPhone: '+1 (555) 010-0199' }),
    help: smsTemplates.help({ utility: longestUtility, supportPhone: '+1 (555) 010-0199' }),
    linkAccountCode: smsTemplates.linkAccountCode({
      utility: longestUtility,
      code,
      accountNumber: '4100012345678901',
      host: longestHost,
    }),
    guessingAlert: smsTemplates.guessingAlert({ utility: longestUtility, supportPhone: '+1 (555) 010-0199' }),
    phoneChangeCode: smsTemplates.phoneChangeCode({ utility: longestUtility, code, host: longestHost }),
    closeAccountCode: smsTemplates.closeAccountCode({ utility: longestUtility, code, host: longestHost }),
    accountLinked: smsTemplates.accountLinked({
      utility: longestUtility,
      accountNumber: '4100012345678901',
      supportPhone: '+1 (555) 010-0199',
    }),
    phoneReplaced: smsTemplates.phoneReplaced({
      utility: longestUtility,
      newNumberLastFour: '0123',
      supportPhone: '+1 (555) 010-0199',
    }),
    phoneChangePending: smsTemplates.phoneChangePending({ utility: longestUtility, supportPhone: '+1 (555) 010-0199' }),
    phoneChangeApproved: smsTemplates.phoneChangeApproved({ utility: longestUtility, host: longestHost }),
    phoneChangeRejected: smsTemplates.phoneChangeRejected({
      utility: longestUtility,
      supportPhone: '+1 (555) 010-0199',
    }),
    accountClosed: smsTemplates.accountClosed({ utility: longestUtility, supportPhone: '+1 (555) 010-0199' }),
    refundIssued: smsTemplates.refundIssued({
      utility: longestUtility,
      amountCents: MAX_AMOUNT_CENTS,
      accountNumber: '4100012345678901',
      confirmationNumber: 'RWP-7K4M-9Q2X',
    }),
  };
}

const rendered = renderEvery(smsTemplates);
const renderedSpanish = renderEvery(SMS_TEMPLATES['es-US']);

describe('SMS templates', () => {
  it('every template is rendered here with its longest values', () => {
    expect(Object.keys(rendered).sort()).toEqual(Object.keys(smsTemplates).sort());
  });

  it('account codes say what they are for and end origin-bound', () => {
    expect(rendered.linkAccountCode).toMatch(/code to add acct \.\.8901 to an online account/);
    expect(rendered.phoneChangeCode).toMatch(/code to change your bill pay mobile number/);
    expect(rendered.closeAccountCode).toMatch(/code to CLOSE your online/);
    for (const text of [rendered.linkAccountCode, rendered.phoneChangeCode, rendered.closeAccountCode])
      expect(text.endsWith(`\n@${longestHost} #${code}`)).toBe(true);
  });

  it.each([
    ...Object.entries(rendered).map(([name, text]) => [`${name} (English)`, text]),
    ...Object.entries(renderedSpanish).map(([name, text]) => [`${name} (Spanish)`, text]),
  ])('%s fits one GSM-7 segment with the longest name, host and amount, as written', (_name, text) => {
    expect(longestHost).toHaveLength(MAX_SMS_HOST_LENGTH);
    expect(text.length).toBeLessThanOrEqual(SMS_SEGMENT_LENGTH);
    expect(isGsm7(text)).toBe(true);
    expect(finalizeSms(text)).toBe(text);
  });

  it('the payment code names the utility, amount, method and masked account, the expiry and the warning, and ends origin-bound', () => {
    const text = rendered.paymentCode;
    expect(text).toContain(longestUtility.shortName);
    expect(text).toContain('$999,999.99 from Mastercard x4444');
    expect(text).toContain('acct ..8901');
    expect(text).not.toContain('4100012345678901');
    expect(text).toContain('Valid 5 min');
    expect(text).toContain('Never share it');
    expect(text.split('\n').at(-1)).toBe(`@${longestHost} #${code}`);
  });

  it('registration and sign-in codes say what they are for', () => {
    expect(rendered.registrationCode).toMatch(/code to register this phone/);
    expect(rendered.signInCode).toMatch(/code to sign in/);
    for (const text of [rendered.registrationCode, rendered.signInCode]) {
      expect(text).toContain('Never share it');
      expect(text.endsWith(`\n@${longestHost} #${code}`)).toBe(true);
    }
  });

  it('the confirmation names the amount, account, confirmation number and the date in the utility time zone', () => {
    expect(rendered.paymentConfirmation).toContain('Confirmation RWP-7K4M-9Q2X');
    expect(rendered.paymentConfirmation).toContain('acct ending 8901');
    // 23:59 UTC on Sep 30 is still Sep 30 in Chicago.
    expect(rendered.paymentConfirmation).toContain('Sep 30, 2026');
  });

  it('a returned debit names the amount, the payment, the account and where to call', () => {
    expect(rendered.paymentReturned).toContain('returned your $999,999.99 payment RWP-7K4M-9Q2X for acct ..8901');
    expect(rendered.paymentReturned).toContain('+1 (555) 010-0199');
  });

  it('in Spanish say the same things: the amount, method, account and the code origin-bound', () => {
    expect(Object.keys(SMS_TEMPLATES['es-US']).sort()).toEqual(Object.keys(smsTemplates).sort());
    const text = renderedSpanish.paymentCode;
    expect(text).toContain('Clave 012345 para pagar $999,999.99 con Mastercard x4444, cta ..8901');
    expect(text).toContain('Vale 5 min. No la comparta.');
    expect(text.split('\n').at(-1)).toBe(`@${longestHost} #${code}`);
    for (const codeText of [
      renderedSpanish.registrationCode,
      renderedSpanish.signInCode,
      renderedSpanish.linkAccountCode,
      renderedSpanish.phoneChangeCode,
      renderedSpanish.closeAccountCode,
    ])
      expect(codeText.endsWith(`\n@${longestHost} #${code}`)).toBe(true);
    // 23:59 UTC on Sep 30 is still Sep 30 in Chicago, in Spanish.
    expect(renderedSpanish.paymentConfirmation).toContain('el 30 sept 2026. Confirmacion RWP-7K4M-9Q2X');
    // The Spanish replies name the Spanish keywords the opt-out handler knows.
    expect(renderedSpanish.optedOut).toContain('COMENZAR');
    expect(renderedSpanish.help).toContain('PARAR');
    // Written in GSM-7 on purpose: nothing is folded on the way out.
    for (const text of Object.values(renderedSpanish)) expect(toGsm7(text)).toBe(text);
  });

  it('never produces characters outside GSM-7', () => {
    expect(toGsm7('“Caf\u00e9” – it’s • ok… 😀 Łódź {x}')).toBe('"Café" - it\'s - ok...  Lodz x');
    expect(isGsm7(toGsm7('€ [ ] ~ ^ | \\'))).toBe(true);
    expect(() => finalizeSms('x'.repeat(161))).toThrow(/one segment/);
  });
});
