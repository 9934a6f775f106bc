import type { Locale } from './locales';
import type { Messages } from './messages';

// next-intl's keys and locales, typed from the English catalogue: a missing key fails the type check.
declare module 'next-intl' {
  interface AppConfig {
    Locale: Locale;
    Messages: Messages;
  }
}
