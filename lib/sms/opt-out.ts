import 'server-only';
import { db, type Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { clock } from '@/lib/clock';
import { formatPhone } from '@/lib/phone';
import { requireUtility } from '@/lib/utility';
import type { SmsKind } from '@/generated/prisma/enums';
import { queueSms } from './queue';
import { isOptedOut } from './suppression';
import { languageOfNumber } from '@/lib/customers/language';
import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translate } from '@/lib/i18n/translate';
import { smsTemplatesFor } from './templates';

/** The words that end texts, start them again, or ask for help (CTIA; Spanish too). Any case, spaces around. */
export const KEYWORDS = {
  stop: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'ALTO', 'PARAR'],
  start: ['START', 'UNSTOP', 'YES', 'COMENZAR'],
  help: ['HELP', 'INFO', 'AYUDA'],
} as const;

/** The Spanish keywords: a reply to one is in Spanish, whatever the number's customer chose. */
const SPANISH_KEYWORDS: readonly string[] = ['ALTO', 'PARAR', 'COMENZAR', 'AYUDA'];

export type Keyword = keyof typeof KEYWORDS;

/** Which keyword a text is, if it is one: the whole message, trimmed, any case. */
export function keywordOf(body: string): { keyword: Keyword; word: string } | null {
  const word = body.trim().toUpperCase();
  for (const keyword of Object.keys(KEYWORDS) as Keyword[])
    if ((KEYWORDS[keyword] as readonly string[]).includes(word)) return { keyword, word };
  return null;
}

/** The words the register page shows above its button, in its language; stored with each registration's consent. */
export function consentWording(locale: Locale = DEFAULT_LOCALE): string {
  return translate({ key: 'register.consent' }, locale);
}

/** Records the moment a number agreed to texts (registration, or START), with the words shown. */
export async function recordConsent(
  tx: Tx,
  phoneE164: string,
  source: 'registration' | 'keyword',
  wording: string,
): Promise<void> {
  const consentedAt = clock.now();
  await tx.smsConsent.upsert({
    where: { phoneE164 },
    create: { phoneE164, consentedAt, source, wording },
    update: { consentedAt, source, wording },
  });
}

export type InboundText = {
  from: string;
  body: string;
  transport: string;
  /** The provider's id for it: a webhook delivered twice is handled once. */
  providerMessageId: string | null;
};

/**
 * A text a customer sent us. STOP (and its synonyms) puts the number on the opt-out list and sends
 * the one confirmation the rules allow; START lifts it (and records consent); HELP answers with the
 * utility's name, support number and how to stop. Anything else is recorded and not answered.
 */
export async function receiveInboundText(
  text: InboundText,
): Promise<'opted_out' | 'opted_in' | 'help' | 'ignored' | 'duplicate'> {
  const utility = await requireUtility();
  const match = keywordOf(text.body);
  const action = match ? ({ stop: 'opted_out', start: 'opted_in', help: 'help' } as const)[match.keyword] : 'ignored';
  return transaction(async (tx) => {
    const inserted = await tx.smsInbound.createMany({
      data: [
        {
          fromE164: text.from,
          body: text.body.slice(0, 160),
          transport: text.transport,
          providerMessageId: text.providerMessageId,
          action,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return 'duplicate';
    if (!match) return 'ignored';
    const sms = { shortName: utility.shortName, currency: utility.currency, timeZone: utility.timeZone };
    const smsTemplates = smsTemplatesFor(
      SPANISH_KEYWORDS.includes(match.word) ? 'es-US' : await languageOfNumber(tx, text.from),
    );
    const reply = (kind: SmsKind, body: string) =>
      queueSms(tx, { kind, toE164: text.from, text: body, carriesCode: false });
    const record = (what: 'customer.opted_out' | 'customer.opted_in') =>
      audit(
        {
          actorType: 'ANONYMOUS',
          action: what,
          subjectType: 'phone',
          subjectId: text.from,
          details: { word: match.word },
        },
        tx,
      );

    if (match.keyword === 'stop') {
      const already = await isOptedOut(tx, text.from);
      await tx.smsOptOut.upsert({
        where: { phoneE164: text.from },
        create: { phoneE164: text.from, keyword: match.word, optedOutAt: clock.now() },
        update: {},
      });
      await record('customer.opted_out');
      // One confirmation; a second STOP is not answered again.
      if (!already)
        await reply(
          'OPT_OUT_CONFIRMATION',
          smsTemplates.optedOut({ utility: sms, supportPhone: formatPhone(utility.supportPhone) }),
        );
      return 'opted_out';
    }
    if (match.keyword === 'start') {
      await tx.smsOptOut.deleteMany({ where: { phoneE164: text.from } });
      await recordConsent(tx, text.from, 'keyword', `Replied ${match.word} to ${utility.shortName}`);
      await record('customer.opted_in');
      await reply('OPT_IN_CONFIRMATION', smsTemplates.optedIn({ utility: sms }));
      return 'opted_in';
    }
    await reply('HELP_REPLY', smsTemplates.help({ utility: sms, supportPhone: formatPhone(utility.supportPhone) }));
    return 'help';
  });
}

/** Whether a number is opted out and since when, and its consent: for staff. */
export async function textingStatusOf(phoneE164: string) {
  const [optOut, consent] = await Promise.all([
    db().smsOptOut.findUnique({ where: { phoneE164 } }),
    db().smsConsent.findUnique({ where: { phoneE164 } }),
  ]);
  return { optOut, consent };
}
