import { DEFAULT_LOCALE, type Locale } from '@/lib/i18n/locales';
import { translate, type Message } from '@/lib/i18n/translate';

/**
 * The project's own errors: a stable `code` for pages and tests, and a message safe to show. A
 * customer's message is a catalogue message (`localized` puts it in the page's language); staff's
 * are plain English text. `userMessage` is the English, for logs, staff and tests.
 * Server actions catch only these; anything else is a bug and reaches error.tsx.
 */
export class AppError extends Error {
  readonly userMessage: string;
  readonly messageRef: Message | null;

  constructor(
    readonly code: string,
    message: string | Message,
    /** The form field the message belongs beside, when it is about one. */
    readonly field?: string,
  ) {
    const text = typeof message === 'string' ? message : translate(message, DEFAULT_LOCALE);
    super(text);
    this.name = new.target.name;
    this.userMessage = text;
    this.messageRef = typeof message === 'string' ? null : message;
  }

  /** The message in the reader's language (staff-only English text stays as it is). */
  localized(locale: Locale): string {
    return this.messageRef ? translate(this.messageRef, locale) : this.userMessage;
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'That page') {
    super('not_found', `${what} was not found.`);
  }
}
