import en from './messages/en-US.json' with { type: 'json' };
import es from './messages/es-US.json' with { type: 'json' };
import type { Locale } from './locales';

export type Messages = typeof en;

const CATALOGUES: Record<Locale, Messages> = { 'en-US': en, 'es-US': es };

export function messagesFor(locale: Locale): Messages {
  return CATALOGUES[locale];
}
