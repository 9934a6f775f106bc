/**
 * The project's own errors: a stable `code` for pages and tests, and a `userMessage` safe to show.
 * Server actions catch only these; anything else is a bug and reaches error.tsx.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    /** The form field the message belongs beside, when it is about one. */
    readonly field?: string,
  ) {
    super(userMessage);
    this.name = new.target.name;
  }
}

export class NotFoundError extends AppError {
  constructor(what = 'That page') {
    super('not_found', `${what} was not found.`);
  }
}
