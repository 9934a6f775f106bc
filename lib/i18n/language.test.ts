import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorState } from '@/lib/actions/error-state';
import { sendCustomerCode } from '@/lib/customers/send-customer-code';
import { verifyCustomerCode } from '@/lib/customers/verify-customer-code';
import { db } from '@/lib/db';
import { OtpError } from '@/lib/otp/errors';
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { receiveInboundText } from '@/lib/sms/opt-out';
import { ensureUtility, uniqueIp, uniquePhone } from '@/test/factories';
import { codeFor, controlClock } from '@/test/otp-helpers';
import { customerWithBill, paymentWithCode } from '@/test/payment-helpers';

async function register(language: 'en-US' | 'es-US') {
  await ensureUtility();
  const phoneE164 = uniquePhone();
  const clientIp = uniqueIp();
  const { challengeId } = await sendCustomerCode({ purpose: 'REGISTRATION', phoneE164, clientIp, language });
  const code = await codeFor(challengeId);
  const customer = await verifyCustomerCode({
    purpose: 'REGISTRATION',
    challengeId,
    code,
    clientIp,
    name: 'Lengua Prueba',
    language,
  });
  return { phoneE164, customerId: customer!.customerId, challengeId };
}

afterEach(() => vi.restoreAllMocks());

describe("a customer's language", () => {
  it('is the register page’s: kept on the customer, the code text and the consent in it', async () => {
    const { phoneE164, customerId, challengeId } = await register('es-US');
    expect((await db().customer.findUniqueOrThrow({ where: { id: customerId } })).language).toBe('es-US');
    const codeText = await db().smsMessage.findFirstOrThrow({ where: { challengeId } });
    expect(codeText.kind).toBe('OTP_REGISTRATION');
    // The code text is sealed until delivery; its kind and the consent say which words went out.
    const consent = await db().smsConsent.findUniqueOrThrow({ where: { phoneE164 } });
    expect(consent.wording).toMatch(/^Al registrarse, acepta recibir mensajes de texto/);

    const english = await register('en-US');
    const englishConsent = await db().smsConsent.findUniqueOrThrow({ where: { phoneE164: english.phoneE164 } });
    expect(englishConsent.wording).toMatch(/^By registering you agree/);
  });

  it('signing in from a browser that chose a language makes it theirs; without a choice theirs stays', async () => {
    const time = controlClock(new Date('2030-05-01T10:00:00Z'));
    const { phoneE164, customerId } = await register('en-US');
    const signIn = async (language?: 'es-US') => {
      time.advance(61_000); // one code a minute per phone
      const clientIp = uniqueIp();
      const { challengeId } = await sendCustomerCode({ purpose: 'SIGN_IN', phoneE164, clientIp, language });
      await verifyCustomerCode({
        purpose: 'SIGN_IN',
        challengeId,
        code: await codeFor(challengeId),
        clientIp,
        language,
      });
      return (await db().customer.findUniqueOrThrow({ where: { id: customerId } })).language;
    };
    expect(await signIn()).toBe('en-US');
    expect(await signIn('es-US')).toBe('es-US');
    expect(await signIn()).toBe('es-US');
  });

  it('texts the confirmation in Spanish to a Spanish-speaking customer, whoever sends it', async () => {
    const { customer, bill } = await customerWithBill({ amountDueCents: 20_000 });
    await db().customer.update({ where: { id: customer.id }, data: { language: 'es-US' } });
    const { paymentId, code } = await paymentWithCode(customer.id, bill.id, 7_550);
    await confirmPayment({ customerId: customer.id, paymentId, code, clientIp: null });
    const payment = await db().payment.findUniqueOrThrow({ where: { id: paymentId } });
    const confirmation = await db().smsMessage.findFirstOrThrow({ where: { paymentId, kind: 'PAYMENT_CONFIRMATION' } });
    expect(confirmation.body).toContain(`Recibimos su pago de $75.50`);
    expect(confirmation.body).toContain(`Confirmacion ${payment.confirmationNumber}`);
  });

  it('answers a Spanish keyword in Spanish, an English one in the number’s language', async () => {
    const { phoneE164 } = await register('es-US');
    await receiveInboundText({ from: phoneE164, body: 'HELP', transport: 'outbox', providerMessageId: null });
    await receiveInboundText({ from: phoneE164, body: 'ayuda', transport: 'outbox', providerMessageId: null });
    const stranger = uniquePhone();
    await receiveInboundText({ from: stranger, body: 'AYUDA', transport: 'outbox', providerMessageId: null });
    await receiveInboundText({ from: stranger, body: 'HELP', transport: 'outbox', providerMessageId: null });
    const replies = async (to: string) =>
      (
        await db().smsMessage.findMany({ where: { toE164: to, kind: 'HELP_REPLY' }, orderBy: { createdAt: 'asc' } })
      ).map((m) => m.body);
    const [first, second] = await replies(phoneE164);
    expect(first).toMatch(/pagos: claves y recibos/);
    expect(second).toMatch(/pagos: claves y recibos/);
    const [spanish, english] = await replies(stranger);
    expect(spanish).toMatch(/Responda PARAR para cancelar/);
    expect(english).toMatch(/Reply STOP to end/);
  });

  it('puts a refusal in the page’s language, its details kept', () => {
    const error = OtpError.wrongCode(2);
    expect(error.userMessage).toBe('That code is not right. You have 2 tries left.');
    expect(errorState(error, undefined, 'es-US')).toEqual({
      status: 'error',
      fieldErrors: { code: ['Ese código no es correcto. Le quedan 2 intentos.'] },
      attemptsLeft: 2,
    });
    expect(errorState(OtpError.rateLimited(120_000), undefined, 'es-US')).toMatchObject({
      message: 'Espere 2 minutos antes de pedir otro código.',
      retryAfterSeconds: 120,
    });
    expect(errorState(OtpError.wrongCode(1), undefined, 'es-US')).toMatchObject({
      fieldErrors: { code: ['Ese código no es correcto. Le queda 1 intento.'] },
    });
  });
});
