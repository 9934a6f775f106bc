import { createHmac, randomUUID } from 'node:crypto';
import twilio from 'twilio';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { verifyCustomerCode } from '@/lib/customers/verify-customer-code';
import { ensureUtility, uniqueIp, uniquePhone } from '@/test/factories';
import { codeFor, controlClock } from '@/test/otp-helpers';
import { deliverMessage } from './deliver';
import { receiveHttpInbound, receiveTwilioInbound } from './inbound';
import { consentWording, KEYWORDS, keywordOf, receiveInboundText } from './opt-out';
import { queueSms } from './queue';
import { outboxTransport } from './transports/outbox';

afterEach(() => vi.restoreAllMocks());

const reply = (from: string, body: string, id: string | null = null) =>
  receiveInboundText({ from, body, transport: 'outbox', providerMessageId: id });
const textsTo = (phone: string, kind: 'OPT_OUT_CONFIRMATION' | 'OPT_IN_CONFIRMATION' | 'HELP_REPLY') =>
  db().smsMessage.findMany({ where: { toE164: phone, kind } });

describe('keywords', () => {
  it('every STOP, START and HELP word, in any case with spaces around, and nothing else', () => {
    for (const [keyword, words] of Object.entries(KEYWORDS))
      for (const word of words)
        for (const typed of [word, word.toLowerCase(), `  ${word[0]}${word.slice(1).toLowerCase()} \n`])
          expect(keywordOf(typed), typed).toEqual({ keyword, word });
    for (const other of ['STOP!', 'please stop', 'STOP IT', 'yes please', '', 'STAHP', '123456'])
      expect(keywordOf(other), other).toBeNull();
    expect(KEYWORDS.stop).toEqual(['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ALTO', 'PARAR']);
    expect(KEYWORDS.start).toEqual(['START', 'UNSTOP', 'YES', 'COMENZAR']);
    expect(KEYWORDS.help).toEqual(['HELP', 'INFO', 'AYUDA']);
  });
});

describe('a number that replies STOP', () => {
  it('gets one confirmation, no codes (a clear refusal), no other texts, until START', async () => {
    await ensureUtility();
    const time = controlClock(new Date());
    const phone = uniquePhone();
    await expect(reply(phone, ' stop ')).resolves.toBe('opted_out');
    await expect(reply(phone, 'QUIT')).resolves.toBe('opted_out');
    const confirmations = await textsTo(phone, 'OPT_OUT_CONFIRMATION');
    expect(confirmations).toHaveLength(1);
    expect(confirmations[0]!.body).toContain('Reply START');
    expect(await db().auditLog.count({ where: { action: 'customer.opted_out', subjectId: phone } })).toBe(2);

    await expect(
      sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() }),
    ).rejects.toMatchObject({ code: 'opted_out', userMessage: expect.stringMatching(/reply START .* or call/) });
    // A refused code leaves nothing behind: no challenge, no text.
    expect(await db().otpChallenge.count({ where: { phoneE164: phone } })).toBe(0);
    const notQueued = await db().$transaction((tx) =>
      queueSms(tx, {
        kind: 'PAYMENT_CONFIRMATION',
        toE164: phone,
        text: 'We received your payment',
        carriesCode: false,
      }),
    );
    expect(notQueued).toBeNull();
    expect(await db().smsMessage.count({ where: { toE164: phone, kind: 'PAYMENT_CONFIRMATION' } })).toBe(0);

    await expect(reply(phone, 'Help')).resolves.toBe('help');
    const [help] = await textsTo(phone, 'HELP_REPLY');
    expect(help!.body).toMatch(/Help: \(201\) 555-0199\. Msg&data rates may apply\. Reply STOP to end\./);

    time.advance(61_000);
    await expect(reply(phone, 'start')).resolves.toBe('opted_in');
    expect(await textsTo(phone, 'OPT_IN_CONFIRMATION')).toHaveLength(1);
    expect(await db().smsConsent.findUniqueOrThrow({ where: { phoneE164: phone } })).toMatchObject({
      source: 'keyword',
    });
    await expect(
      sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() }),
    ).resolves.toHaveProperty('challengeId');
  });

  it('while a code is queued: the code is not sent, and is dropped', async () => {
    await ensureUtility();
    const phone = uniquePhone();
    const { challengeId } = await sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() });
    await reply(phone, 'STOP');
    const message = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
    const send = vi.spyOn(outboxTransport, 'send');
    await expect(deliverMessage(message.id, { attempt: 1, maxAttempts: 5 }, outboxTransport)).resolves.toBe('skipped');
    expect(send).not.toHaveBeenCalled();
    expect(await db().smsMessage.findUniqueOrThrow({ where: { id: message.id } })).toMatchObject({
      status: 'SUPPRESSED',
      sealedBody: null,
      redacted: true,
    });
    // The STOP confirmation itself still goes out.
    const confirmation = (await textsTo(phone, 'OPT_OUT_CONFIRMATION'))[0]!;
    await expect(deliverMessage(confirmation.id, { attempt: 1, maxAttempts: 5 }, outboxTransport)).resolves.toBe(
      'handed-off',
    );
  });

  it('a STOP racing a code request: the code is refused or never sent, never delivered', async () => {
    await ensureUtility();
    for (let i = 0; i < 10; i++) {
      const phone = uniquePhone();
      const [asked] = await Promise.allSettled([
        sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() }),
        reply(phone, 'STOP'),
      ]);
      if (asked.status === 'rejected') expect(asked.reason).toMatchObject({ code: 'opted_out' });
      for (const message of await db().smsMessage.findMany({ where: { toE164: phone, kind: 'OTP_REGISTRATION' } }))
        expect(await deliverMessage(message.id, { attempt: 1, maxAttempts: 5 }, outboxTransport)).toBe('skipped');
    }
  });
});

describe('consent', () => {
  it('is recorded at registration with the words the register page shows', async () => {
    await ensureUtility();
    const phone = uniquePhone();
    const { challengeId } = await sendCustomerCode({ purpose: 'REGISTRATION', phoneE164: phone, clientIp: uniqueIp() });
    await verifyCustomerCode({
      purpose: 'REGISTRATION',
      challengeId,
      code: await codeFor(challengeId),
      clientIp: uniqueIp(),
      name: 'Consenting Customer',
      deviceId: randomUUID(),
    });
    expect(await db().smsConsent.findUniqueOrThrow({ where: { phoneE164: phone } })).toMatchObject({
      source: 'registration',
      wording: consentWording(),
    });
    expect(consentWording()).toMatch(/Reply HELP for help, STOP to end\./);
    expect(consentWording('es-US')).toMatch(/Responda AYUDA para obtener ayuda o PARAR para cancelar\./);
  });
});

describe('inbound webhooks', () => {
  it("Twilio's: a forged signature is refused; a signed STOP is applied once, however often it is delivered", async () => {
    await ensureUtility();
    const phone = uniquePhone();
    const url = 'https://pay.example.com/api/sms/twilio/inbound';
    const params = { From: phone, Body: 'STOP', MessageSid: `SM${randomUUID().replaceAll('-', '')}` };
    const token = 'twilio-auth-token-for-tests';
    const signature = twilio.getExpectedTwilioSignature(token, url, params);
    await expect(receiveTwilioInbound({ authToken: token, url, signature: 'forged', params })).resolves.toBe(
      'forbidden',
    );
    await expect(receiveTwilioInbound({ authToken: 'another-token', url, signature, params })).resolves.toBe(
      'forbidden',
    );
    await expect(
      receiveTwilioInbound({ authToken: token, url, signature, params: { ...params, Body: 'START' } }),
    ).resolves.toBe('forbidden');
    await expect(receiveTwilioInbound({ authToken: token, url, signature, params })).resolves.toBe('opted_out');
    await expect(receiveTwilioInbound({ authToken: token, url, signature, params })).resolves.toBe('duplicate');
    expect(await db().smsOptOut.count({ where: { phoneE164: phone } })).toBe(1);
    expect(await textsTo(phone, 'OPT_OUT_CONFIRMATION')).toHaveLength(1);
  });

  it("the HTTP gateway's: signed JSON, refused when forged, altered or stale", async () => {
    await ensureUtility();
    const phone = uniquePhone();
    const secret = 'x'.repeat(40);
    const body = JSON.stringify({ id: randomUUID(), from: phone, text: 'HELP' });
    const now = Math.floor(Date.now() / 1000);
    const sign = (ts: number, text: string) =>
      `sha256=${createHmac('sha256', secret).update(`${ts}.${text}`).digest('hex')}`;
    const deliver = (ts: number, signature: string, text = body) =>
      receiveHttpInbound({ secret, timestamp: String(ts), signature, body: text, nowSeconds: now });
    await expect(deliver(now, 'sha256=00')).resolves.toBe('forbidden');
    await expect(deliver(now, sign(now, body), body.replace('HELP', 'STOP'))).resolves.toBe('forbidden');
    await expect(deliver(now - 301, sign(now - 301, body))).resolves.toBe('forbidden');
    await expect(deliver(now, sign(now, body))).resolves.toBe('help');
    await expect(deliver(now, sign(now, body))).resolves.toBe('duplicate');
    expect(await textsTo(phone, 'HELP_REPLY')).toHaveLength(1);
  });
});
