import { createTranslator, type MessageKeys, type NestedKeyOf, type TranslationValues } from 'use-intl/core';
import { DEFAULT_LOCALE, type Locale } from './locales';
import { messagesFor, type Messages } from './messages';

/** Any message of the catalogue, by its dotted key ("otp.wrongCode"). */
export type MessageKey = MessageKeys<Messages, NestedKeyOf<Messages>>;

/**
 * A message to show someone, in whatever language their page is: a key and its values. A value may
 * be a message itself ("try again in {wait}", the wait being "5 minutes" or "5 minutos").
 */
export type Message = { key: MessageKey; values?: Record<string, MessageValue> };

/** A value of a message: plain, a message itself, or text that depends on the language (a list of countries). */
export type MessageValue = string | number | Date | Message | ((locale: Locale) => string);

const translators = new Map<Locale, ReturnType<typeof translatorFor>>();

function translatorFor(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale) });
}

/** A message in a language, outside React (errors, texts, server actions). */
export function translate(message: Message, locale: Locale = DEFAULT_LOCALE): string {
  let t = translators.get(locale);
  if (!t) {
    t = translatorFor(locale);
    translators.set(locale, t);
  }
  const values = message.values
    ? Object.fromEntries(
        Object.entries(message.values).map(([name, value]) => [
          name,
          typeof value === 'function'
            ? value(locale)
            : typeof value === 'object' && !(value instanceof Date)
              ? translate(value, locale)
              : value,
        ]),
      )
    : undefined;
  // The key is typed; the cast only widens the values for the translator's overloads.
  return (t as (key: string, values?: TranslationValues) => string)(message.key, values);
}

/** Whether `text` is a catalogue key (a zod message written as one), so it can be translated. */
export function isMessageKey(text: string): text is MessageKey {
  let node: unknown = messagesFor(DEFAULT_LOCALE);
  for (const part of text.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string';
}

/** A zod or domain message as the person reads it: a key translated, anything else (staff text) as is. */
export function localizeText(text: string, locale: Locale): string {
  return isMessageKey(text) ? translate({ key: text }, locale) : text;
}
