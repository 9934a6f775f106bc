/** What a server action answers a form with. Never carries a secret (code, password). */
export type FormState =
  | { status: 'idle' }
  | {
      status: 'error';
      message?: string;
      fieldErrors?: Partial<Record<string, string[]>>;
      /** Non-secret values as typed, so the form shows them again (React resets forms after an action). */
      values?: Record<string, string>;
      /** Seconds until the person may try again, when a limit was hit. */
      retryAfterSeconds?: number;
      /** Code forms: tries left on this code, or the code can no longer be used at all. */
      attemptsLeft?: number;
      closed?: boolean;
    }
  | { status: 'success'; message: string }
  /**
   * The page moves on to `next` (a path here, or the bank's page for its extra step). The
   * browser navigates itself, so the action's answer carries no page; without JavaScript the message
   * and a link to `next` show instead.
   */
  | { status: 'moveOn'; message: string; next: string; linkText: string };

export const idle: FormState = { status: 'idle' };
