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
  | { status: 'success'; message: string };

export const idle: FormState = { status: 'idle' };
