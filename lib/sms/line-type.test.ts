import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { resetEnvForTests } from '@/lib/env';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { ensureUtility, uniqueIp, uniquePhone } from '@/test/factories';
import { startFakeTwilio } from '@/test/fakes/sms-providers';
import { checkLineType, twilioLineTypeLookup } from './line-type';

let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;
beforeAll(async () => {
  twilio = await startFakeTwilio();
});
afterAll(() => twilio.close());
afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

function lookupOn() {
  vi.stubEnv('SMS_LINE_TYPE_LOOKUP', 'twilio');
  vi.stubEnv('TWILIO_ACCOUNT_SID', 'AC00000000000000000000000000000000');
  vi.stubEnv('TWILIO_AUTH_TOKEN', 'fake-auth-token');
  vi.stubEnv('TWILIO_API_BASE_URL', twilio.url);
  resetEnvForTests();
}

describe('the line-type lookup (Twilio Lookup v2, through the real SDK against a fake)', () => {
  it('refuses a landline or VoIP number before any code, lets a mobile through, and keeps answers', async () => {
    await ensureUtility();
    lookupOn();
    const landline = uniquePhone();
    const voip = uniquePhone();
    const mobile = uniquePhone();
    twilio.lineTypes.set(landline, 'landline');
    twilio.lineTypes.set(voip, 'nonFixedVoip');
    for (const phone of [landline, voip])
      await expect(
        sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() }),
      ).rejects.toMatchObject({ code: 'line_type_refused', field: 'phone' });
    expect(await db().smsMessage.count({ where: { toE164: { in: [landline, voip] } } })).toBe(0);
    await expect(
      sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: mobile, clientIp: uniqueIp() }),
    ).resolves.toHaveProperty('challengeId');
    expect(await db().phoneLineType.findUniqueOrThrow({ where: { phoneE164: landline } })).toMatchObject({
      lineType: 'landline',
      carrier: 'Fake Wireless',
    });
    // Kept: asking again does not look it up again.
    const asked = twilio.lookups.length;
    await expect(checkLineType(landline, twilioLineTypeLookup())).rejects.toMatchObject({ code: 'line_type_refused' });
    expect(twilio.lookups.length).toBe(asked);
  });

  it('lets the number through when the lookup fails, and is off unless configured', async () => {
    await ensureUtility();
    const phone = uniquePhone();
    await expect(
      checkLineType(phone, async () => Promise.reject(new Error('Twilio is down'))),
    ).resolves.toBeUndefined();
    expect(await db().phoneLineType.count({ where: { phoneE164: phone } })).toBe(0);
    twilio.lineTypes.set(phone, 'landline');
    await expect(checkLineType(phone)).resolves.toBeUndefined(); // SMS_LINE_TYPE_LOOKUP=off
  });
});
