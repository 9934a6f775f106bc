import { randomUUID } from 'node:crypto';
import { translate } from '@/lib/i18n/translate';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { countriesMessage, parseMobileNumber } from '@/lib/phone';
import { ensureUtility, makeUtility, uniqueIp, uniquePhone } from '@/test/factories';
import { setSmsCountries } from './countries';

const UK_MOBILE = '+447400123456';
const CANADA_MOBILE = '+14165550123';

describe('the countries a utility texts', () => {
  it('refuses a number from any other country before any text, with a clear message', async () => {
    await ensureUtility();
    const refused = parseMobileNumber('07400 123456', 'GB', { countries: ['US'] });
    expect(refused.ok).toBe(false);
    const message = !refused.ok ? refused.message : null;
    expect(translate(message!)).toBe(
      'We text only mobile numbers in the United States. Enter one of those, or call us to pay another way.',
    );
    expect(translate(message!, 'es-US')).toBe(
      'Solo enviamos mensajes a celulares de Estados Unidos. Escriba uno de esos, o llámenos para pagar de otra forma.',
    );
    expect(parseMobileNumber('(201) 555-0123', 'US', { countries: ['US'] })).toMatchObject({ ok: true });
    expect(translate(countriesMessage(['US', 'CA']))).toContain('in the United States or Canada');
    expect(translate(countriesMessage(['US', 'CA']), 'es-US')).toContain('de Estados Unidos o Canadá');

    const utility = await db().utility.findFirstOrThrow({ orderBy: { createdAt: 'asc' } });
    expect(utility.smsCountries).toEqual(['US']);
    await expect(
      sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: UK_MOBILE, clientIp: uniqueIp() }),
    ).rejects.toMatchObject({ code: 'country_not_texted', field: 'phone' });
    expect(await db().otpChallenge.count({ where: { phoneE164: UK_MOBILE } })).toBe(0);
    expect(await db().smsMessage.count({ where: { toE164: UK_MOBILE } })).toBe(0);
    await expect(
      sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: uniquePhone(), clientIp: uniqueIp() }),
    ).resolves.toHaveProperty('challengeId');
  });

  it('are set by an ADMIN from known country codes, audited', async () => {
    const utility = await makeUtility();
    const staffId = randomUUID();
    await expect(setSmsCountries(staffId, utility.id, ['US', 'ZZ'], null)).rejects.toMatchObject({
      code: 'unknown_country',
      field: 'countries',
    });
    await setSmsCountries(staffId, utility.id, ['US', 'CA', 'US'], null);
    expect((await db().utility.findUniqueOrThrow({ where: { id: utility.id } })).smsCountries).toEqual(['US', 'CA']);
    expect(parseMobileNumber(CANADA_MOBILE, 'US', { countries: ['US', 'CA'] })).toMatchObject({ ok: true });
    expect(await db().auditLog.count({ where: { action: 'staff.changed_sms_countries', subjectId: utility.id } })).toBe(
      1,
    );
  });
});
