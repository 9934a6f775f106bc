import { formatDateIn } from '@/lib/clock/format';
import { centsToDecimalString, formatMoney } from '@/lib/money';
import { DEFAULT_LOCALE, isLocale, type Locale } from '@/lib/i18n/locales';
import { OTP_POLICY } from '@/lib/otp/policy';

/** One SMS segment of GSM-7 text. */
export const SMS_SEGMENT_LENGTH = 160;
/** Longest SMS name a utility may have (Utility.shortName). */
export const MAX_SMS_UTILITY_NAME = 20;
/** Longest public host the origin-bound line may carry (checked in lib/env). */
export const MAX_SMS_HOST_LENGTH = 30;
/** Said in every code text: the OTP policy's lifetime, in minutes. */
export const OTP_TTL_MINUTES = OTP_POLICY.ttlMs / 60_000;

// The GSM 03.38 basic character set. Extension characters (€ [ ] { } ~ ^ | \) cost two septets and
// some handsets mangle them, so they are never produced.
const GSM7_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);

export function isGsm7(text: string): boolean {
  return [...text].every((ch) => GSM7_BASIC.has(ch));
}

const LOOKALIKES: Record<string, string> = {
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '–': '-',
  '—': '-',
  '…': '...',
  '•': '-',
  ' ': ' ',
  Ł: 'L',
  ł: 'l',
  Đ: 'D',
  đ: 'd',
};

/** Makes any text GSM-7: typographic look-alikes to ASCII, accents dropped where GSM-7 lacks them. */
export function toGsm7(text: string): string {
  return [...text]
    .map((ch) => {
      if (GSM7_BASIC.has(ch)) return ch;
      if (LOOKALIKES[ch]) return LOOKALIKES[ch];
      const base = ch.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return [...base].every((c) => GSM7_BASIC.has(c)) ? base : '';
    })
    .join('');
}

/** Amounts in texts: "$1,042.50" for dollars, "EUR 1042.50" otherwise (no € or other non-GSM symbols). */
export function smsAmount(cents: number, currency: string): string {
  return currency === 'USD' ? formatMoney(cents, 'USD') : `${currency} ${centsToDecimalString(cents)}`;
}

function lastFour(accountNumber: string): string {
  return accountNumber.slice(-4);
}

// The last line lets phones offer the code only on the real site (WebOTP / origin-bound codes).
function originBound(host: string, code: string) {
  return `\n@${host} #${code}`;
}

export type UtilityForSms = { shortName: string; currency: string; timeZone: string };

const english = {
  paymentCode: (p: {
    utility: UtilityForSms;
    code: string;
    amountCents: number;
    accountNumber: string;
    /** The card or bank account, short: "Visa x4242" (lib/payments/methods.ts methodSmsLabel). */
    method: string;
    host: string;
  }) =>
    `${p.utility.shortName}: Code ${p.code} to pay ${smsAmount(p.amountCents, p.utility.currency)} from ${p.method}, acct ..${lastFour(p.accountNumber)}. Valid ${OTP_TTL_MINUTES} min. Never share it.${originBound(p.host, p.code)}`,

  registrationCode: (p: { utility: UtilityForSms; code: string; host: string }) =>
    `${p.utility.shortName}: ${p.code} is your code to register this phone for online bill pay. Expires in ${OTP_TTL_MINUTES} min. Never share it.${originBound(p.host, p.code)}`,

  signInCode: (p: { utility: UtilityForSms; code: string; host: string }) =>
    `${p.utility.shortName}: ${p.code} is your code to sign in to pay your bill online. Expires in ${OTP_TTL_MINUTES} min. Never share it.${originBound(p.host, p.code)}`,

  /** To a registered number strangers are entering wrong sign-in codes for: at most once a day. */
  guessingAlert: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName}: Someone entered wrong sign-in codes for your number. Your account is safe. Trouble signing in? Call ${p.supportPhone}.`,

  paymentConfirmation: (p: {
    utility: UtilityForSms;
    amountCents: number;
    accountNumber: string;
    confirmationNumber: string;
    completedAt: Date;
  }) => {
    const date = formatDateIn(p.completedAt, p.utility.timeZone);
    return `${p.utility.shortName}: We received your payment of ${smsAmount(p.amountCents, p.utility.currency)} for acct ending ${lastFour(p.accountNumber)} on ${date}. Confirmation ${p.confirmationNumber}. Thank you.`;
  },

  /** A bank debit returned after it settled: the bill owes the amount again. */
  paymentReturned: (p: {
    utility: UtilityForSms;
    amountCents: number;
    accountNumber: string;
    confirmationNumber: string;
    supportPhone: string;
  }) =>
    `${p.utility.shortName}: Your bank returned your ${smsAmount(p.amountCents, p.utility.currency)} payment ${p.confirmationNumber} for acct ..${lastFour(p.accountNumber)}. It is due again. Help: ${p.supportPhone}`,

  /** An ADMIN refunded part or all of a payment. */
  refundIssued: (p: {
    utility: UtilityForSms;
    amountCents: number;
    accountNumber: string;
    confirmationNumber: string;
  }) =>
    `${p.utility.shortName}: We refunded ${smsAmount(p.amountCents, p.utility.currency)} of your payment ${p.confirmationNumber} for acct ..${lastFour(p.accountNumber)}. Allow 5-10 business days for it to arrive.`,

  /** The processor declined the payment, or a bank debit failed before it settled. */
  paymentDeclined: (p: { utility: UtilityForSms; amountCents: number; accountNumber: string; supportPhone: string }) =>
    `${p.utility.shortName}: Your ${smsAmount(p.amountCents, p.utility.currency)} payment for acct ..${lastFour(p.accountNumber)} did not go through. Nothing was charged. Questions? ${p.supportPhone}`,

  /** A payment's code expired unused: nothing was charged (at most one such text per payment). */
  paymentExpired: (p: { utility: UtilityForSms; amountCents: number; accountNumber: string; host: string }) =>
    `${p.utility.shortName}: Your ${smsAmount(p.amountCents, p.utility.currency)} payment for acct ..${lastFour(p.accountNumber)} was not finished and nothing was charged. Pay anytime at ${p.host}`,

  /** Staff cleared the wrong-code lock on the number (the customer asked, or should hear of it). */
  phoneUnlocked: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName}: Our staff cleared the wrong-code lock on your number, so you can sign in again. Not you asking? Call ${p.supportPhone}.`,

  /** A code to link an account whose bill carries this number (someone asked to add it to their online account). */
  linkAccountCode: (p: { utility: UtilityForSms; code: string; accountNumber: string; host: string }) =>
    `${p.utility.shortName}: ${p.code} is the code to add acct ..${lastFour(p.accountNumber)} to an online account. Only share it with someone you trust.${originBound(p.host, p.code)}`,

  /** A code to change the number on an online account (sent to the old number and the new one). */
  phoneChangeCode: (p: { utility: UtilityForSms; code: string; host: string }) =>
    `${p.utility.shortName}: ${p.code} is your code to change your bill pay mobile number. Expires in ${OTP_TTL_MINUTES} min. Never share it.${originBound(p.host, p.code)}`,

  /** A code to close an online account. */
  closeAccountCode: (p: { utility: UtilityForSms; code: string; host: string }) =>
    `${p.utility.shortName}: ${p.code} is your code to CLOSE your online bill pay account. Expires in ${OTP_TTL_MINUTES} min. Never share it.${originBound(p.host, p.code)}`,

  /** To the account's other online holders and its number on file: someone linked it. */
  accountLinked: (p: { utility: UtilityForSms; accountNumber: string; supportPhone: string }) =>
    `${p.utility.shortName}: Acct ..${lastFour(p.accountNumber)} was added to another online bill pay account. Not someone you know? Remove it when signed in or call ${p.supportPhone}`,

  /** To the number that was replaced. */
  phoneReplaced: (p: { utility: UtilityForSms; newNumberLastFour: string; supportPhone: string }) =>
    `${p.utility.shortName}: Your online bill pay account now uses the number ending ${p.newNumberLastFour}, not this one. Not you? Call ${p.supportPhone} now.`,

  /** To the new number of a lost phone's change, once it waits for staff. */
  phoneChangePending: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName}: We got your request to move your bill pay account to this number. Staff review it within 1 business day. Questions? ${p.supportPhone}`,

  /** To the new number once staff approved (or the number on file matched). */
  phoneChangeApproved: (p: { utility: UtilityForSms; host: string }) =>
    `${p.utility.shortName}: Your online bill pay account now uses this number. Sign in at ${p.host}`,

  /** To the new number when staff refused the change. */
  phoneChangeRejected: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName}: We could not approve moving your bill pay account to this number. Please call ${p.supportPhone}.`,

  /** To the number of a closed account. */
  accountClosed: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName}: Your online bill pay account is closed. Records of your payments are kept. Questions? ${p.supportPhone}`,

  /** The one reply a STOP gets (CTIA): what stopped, and how to come back. */
  optedOut: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName}: You are unsubscribed and will get no more texts from us. Reply START to get them again. Help: ${p.supportPhone}`,

  /** The reply to START: subscribed again, with the HELP and STOP words. */
  optedIn: (p: { utility: UtilityForSms }) =>
    `${p.utility.shortName}: You will get texts again for bill payment codes and receipts. Msg&data rates may apply. Reply HELP for help, STOP to end.`,

  /** The reply to HELP: who we are, how to reach a person, how to stop. */
  help: (p: { utility: UtilityForSms; supportPhone: string }) =>
    `${p.utility.shortName} bill pay: codes and receipts for payments you make. Help: ${p.supportPhone}. Msg&data rates may apply. Reply STOP to end.`,
};

/**
 * The same texts in Spanish, written for one GSM-7 segment: GSM-7 has é, ñ, ü, ¿ and ¡ but not á,
 * í, ó or ú, so words carry only the accents it has ("teléfono"; "numero", "linea", "dias" folded
 * on purpose) and a code is a "clave". The keywords are the Spanish ones lib/sms/opt-out.ts knows.
 */
const spanish: typeof english = {
  paymentCode: (p) =>
    `${p.utility.shortName}: Clave ${p.code} para pagar ${smsAmount(p.amountCents, p.utility.currency)} con ${p.method}, cta ..${lastFour(p.accountNumber)}. Vale ${OTP_TTL_MINUTES} min. No la comparta.${originBound(p.host, p.code)}`,

  registrationCode: (p) =>
    `${p.utility.shortName}: ${p.code} es su clave para registrar este teléfono. Vence en ${OTP_TTL_MINUTES} min. No la comparta.${originBound(p.host, p.code)}`,

  signInCode: (p) =>
    `${p.utility.shortName}: ${p.code} es su clave para entrar a pagar su factura. Vence en ${OTP_TTL_MINUTES} min. No la comparta.${originBound(p.host, p.code)}`,

  guessingAlert: (p) =>
    `${p.utility.shortName}: Alguien puso claves equivocadas para entrar con su numero. Su cuenta esta segura. ¿Problemas para entrar? Llame al ${p.supportPhone}.`,

  paymentConfirmation: (p) => {
    const date = formatDateIn(p.completedAt, p.utility.timeZone, 'es-US');
    return `${p.utility.shortName}: Recibimos su pago de ${smsAmount(p.amountCents, p.utility.currency)} para la cta que termina en ${lastFour(p.accountNumber)} el ${date}. Confirmacion ${p.confirmationNumber}. Gracias.`;
  },

  paymentReturned: (p) =>
    `${p.utility.shortName}: Su banco devolvio su pago de ${smsAmount(p.amountCents, p.utility.currency)} ${p.confirmationNumber} de la cta ..${lastFour(p.accountNumber)}. Debe pagarlo otra vez. Ayuda: ${p.supportPhone}`,

  refundIssued: (p) =>
    `${p.utility.shortName}: Reembolsamos ${smsAmount(p.amountCents, p.utility.currency)} de su pago ${p.confirmationNumber} de la cta ..${lastFour(p.accountNumber)}. Puede tardar de 5 a 10 dias habiles.`,

  paymentDeclined: (p) =>
    `${p.utility.shortName}: Su pago de ${smsAmount(p.amountCents, p.utility.currency)} para la cta ..${lastFour(p.accountNumber)} no se hizo. No se cobro nada. ¿Preguntas? ${p.supportPhone}`,

  paymentExpired: (p) =>
    `${p.utility.shortName}: Su pago de ${smsAmount(p.amountCents, p.utility.currency)} para la cta ..${lastFour(p.accountNumber)} no se termino y no se cobro nada. Pague cuando quiera en ${p.host}`,

  phoneUnlocked: (p) =>
    `${p.utility.shortName}: Nuestro personal quito el bloqueo por claves equivocadas de su numero y ya puede entrar. ¿No lo pidio? Llame al ${p.supportPhone}.`,

  linkAccountCode: (p) =>
    `${p.utility.shortName}: ${p.code} es la clave para agregar la cta ..${lastFour(p.accountNumber)} a una cuenta de pago. Solo para gente de confianza.${originBound(p.host, p.code)}`,

  phoneChangeCode: (p) =>
    `${p.utility.shortName}: ${p.code} es su clave para cambiar el celular de su cuenta de pago. Vence en ${OTP_TTL_MINUTES} min. No la comparta.${originBound(p.host, p.code)}`,

  closeAccountCode: (p) =>
    `${p.utility.shortName}: ${p.code} es su clave para CERRAR su cuenta de pago en linea. Vence en ${OTP_TTL_MINUTES} min. No la comparta.${originBound(p.host, p.code)}`,

  accountLinked: (p) =>
    `${p.utility.shortName}: La cta ..${lastFour(p.accountNumber)} se agrego a otra cuenta de pago en linea. ¿No conoce a esa persona? Quitela al entrar o llame al ${p.supportPhone}`,

  phoneReplaced: (p) =>
    `${p.utility.shortName}: Su cuenta de pago en linea ahora usa el numero que termina en ${p.newNumberLastFour}, no este. ¿No fue usted? Llame ya al ${p.supportPhone}.`,

  phoneChangePending: (p) =>
    `${p.utility.shortName}: Recibimos su pedido de pasar su cuenta de pago a este numero. Lo revisamos en 1 dia habil. ¿Preguntas? ${p.supportPhone}`,

  phoneChangeApproved: (p) =>
    `${p.utility.shortName}: Su cuenta de pago en linea ahora usa este numero. Entre en ${p.host}`,

  phoneChangeRejected: (p) =>
    `${p.utility.shortName}: No pudimos aprobar el cambio de su cuenta de pago a este numero. Llame al ${p.supportPhone}.`,

  accountClosed: (p) =>
    `${p.utility.shortName}: Su cuenta de pago en linea esta cerrada. Guardamos el registro de sus pagos. ¿Preguntas? ${p.supportPhone}`,

  optedOut: (p) =>
    `${p.utility.shortName}: Ya no le enviaremos mensajes. Responda COMENZAR para recibirlos otra vez. Ayuda: ${p.supportPhone}`,

  optedIn: (p) =>
    `${p.utility.shortName}: Recibira otra vez claves y recibos de pago. Pueden aplicar tarifas de mensajes y datos. AYUDA para ayuda, PARAR para cancelar.`,

  help: (p) =>
    `${p.utility.shortName} pagos: claves y recibos de sus pagos. Ayuda: ${p.supportPhone}. Pueden aplicar tarifas de mensajes y datos. Responda PARAR para cancelar.`,
};

export type SmsTemplates = typeof english;

/** Every text in each language the customer may have chosen. */
export const SMS_TEMPLATES: Record<Locale, typeof english> = { 'en-US': english, 'es-US': spanish };

/** The texts in a customer's language (English when it is unknown or not one we have). */
export function smsTemplatesFor(language: string | null | undefined): typeof english {
  return SMS_TEMPLATES[isLocale(language) ? language : DEFAULT_LOCALE];
}

/** Every message goes through here: GSM-7 only, one segment. */
export function finalizeSms(text: string): string {
  const gsm = toGsm7(text);
  if (gsm.length > SMS_SEGMENT_LENGTH) throw new Error(`SMS longer than one segment (${gsm.length} characters)`);
  return gsm;
}
