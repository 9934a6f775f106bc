import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { uniquePhone } from '@/test/factories';
import { recordTwilioStatus } from './status-callback';

const authToken = 'twilio-auth-token-for-tests';
const url = 'https://pay.example.com/api/sms/twilio/status';

async function sentMessage() {
  const sid = `SM${crypto.randomUUID().replaceAll('-', '')}`;
  const message = await db().smsMessage.create({
    data: { kind: 'PAYMENT_CONFIRMATION', toE164: uniquePhone(), body: 'x', status: 'SENT', providerMessageId: sid },
  });
  return { sid, message };
}

describe('the Twilio status callback', () => {
  it('records delivery when Twilio signed it', async () => {
    const { sid, message } = await sentMessage();
    const params = { MessageSid: sid, MessageStatus: 'delivered', AccountSid: 'AC1' };
    const signature = twilio.getExpectedTwilioSignature(authToken, url, params);
    expect(await recordTwilioStatus({ authToken, url, signature, params })).toBe('recorded');
    const after = await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(after.status).toBe('DELIVERED');
    expect(after.deliveredAt).not.toBeNull();
    // A late "sent" callback does not move it back.
    const late = { MessageSid: sid, MessageStatus: 'sent' };
    expect(
      await recordTwilioStatus({
        authToken,
        url,
        signature: twilio.getExpectedTwilioSignature(authToken, url, late),
        params: late,
      }),
    ).toBe('ignored');
    expect((await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe('DELIVERED');
  });

  it('refuses a forged or missing signature and changes nothing', async () => {
    const { sid, message } = await sentMessage();
    const params = { MessageSid: sid, MessageStatus: 'failed' };
    const forged = twilio.getExpectedTwilioSignature('not-our-token', url, params);
    expect(await recordTwilioStatus({ authToken, url, signature: forged, params })).toBe('forbidden');
    expect(await recordTwilioStatus({ authToken, url, signature: null, params })).toBe('forbidden');
    // Signed for other parameters.
    const signedOther = twilio.getExpectedTwilioSignature(authToken, url, {
      MessageSid: sid,
      MessageStatus: 'delivered',
    });
    expect(await recordTwilioStatus({ authToken, url, signature: signedOther, params })).toBe('forbidden');
    expect((await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe('SENT');
  });

  it('records undelivered with the carrier error', async () => {
    const { sid, message } = await sentMessage();
    const params = { MessageSid: sid, MessageStatus: 'undelivered', ErrorCode: '30003' };
    expect(
      await recordTwilioStatus({
        authToken,
        url,
        signature: twilio.getExpectedTwilioSignature(authToken, url, params),
        params,
      }),
    ).toBe('recorded');
    expect(await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: 'UNDELIVERED',
      lastError: 'Carrier error 30003',
    });
  });
});
