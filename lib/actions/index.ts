import 'server-only';
import { notFound } from 'next/navigation';
import type { z } from 'zod';
import type { CustomerSession } from '@/lib/auth/customer-auth';
import { requireCustomer } from '@/lib/auth/require-customer';
import { requirePayer, type Payer } from '@/lib/auth/require-payer';
import { requireStaff } from '@/lib/auth/require-staff';
import type { StaffSession } from '@/lib/auth/staff-auth';
import type { Locale } from '@/lib/i18n/locales';
import { localizeText } from '@/lib/i18n/translate';
import { requestLocale } from '@/lib/i18n/server';
import { clientIp } from '@/lib/request/client-ip';
import type { FormState } from '@/lib/validation/form-state';
import { fieldErrorsOf } from '@/lib/validation/schemas';
import { errorState } from './error-state';

/**
 * Every server action runs through here: who may call it, its arguments checked, its form parsed
 * with its zod schema, then one domain call. A typed domain error (AppError) becomes form state with
 * every detail it carries (field, tries left, how long to wait) and the form's typed values, so
 * nothing is retyped; NotFoundError is a 404; anything else is a bug and reaches error.tsx.
 * An action is reachable by a direct POST whatever page it sits on, so none skips this
 * (test/actions.test.ts checks every action file).
 */

/** Who may call an action: anyone; a payer; a signed-in customer (others are sent to sign in, then back to `next`); staff; ADMIN. */
export type Who =
  | { anyone: true }
  | { customer: { next: string | ((...bound: string[]) => string) } }
  /** The payer of the payment bound first: the signed-in customer, or the one-time payer who started it. */
  | { payer: { next: (paymentId: string) => string } }
  | { staff: 'STAFF' | 'ADMIN' };

export type CallerOf<W extends Who> = W extends { customer: unknown }
  ? CustomerSession
  : W extends { payer: unknown }
    ? Payer
    : W extends { staff: unknown }
      ? StaffSession
      : null;

/** Who called, from where, and the language of the page they used (codes they ask for are texted in it). */
export type ActionContext<W extends Who> = { caller: CallerOf<W>; clientIp: string; locale: Locale };

async function callerFor<W extends Who>(who: W, bound: string[]): Promise<CallerOf<W>> {
  if ('customer' in who) {
    const next = who.customer.next;
    return (await requireCustomer(typeof next === 'function' ? next(...bound) : next)) as CallerOf<W>;
  }
  if ('payer' in who) return (await requirePayer(bound[0]!, who.payer.next(bound[0]!))) as CallerOf<W>;
  if ('staff' in who) return (await requireStaff(who.staff)) as CallerOf<W>;
  return null as CallerOf<W>;
}

/** The arguments the page bound into the action (ids): exactly `count` strings, or a 404. */
function boundArgs(args: unknown[], count: number): string[] {
  const bound = args.slice(0, count);
  if (bound.length !== count || !bound.every((a) => typeof a === 'string')) notFound();
  return bound as string[];
}

export type FormActionOptions<W extends Who, S extends z.ZodType, T> = {
  who: W;
  /** How many ids the page binds in front of (state, formData). */
  bound?: number;
  schema: S;
  /** Fields never sent back to the form (passwords, codes). */
  secret?: readonly string[];
  /** Fields the person does not see (a form's idempotency key): their errors show as the form's message. */
  hidden?: readonly string[];
  run: (input: z.infer<S>, context: ActionContext<W>, ...bound: string[]) => Promise<T | void>;
};

/**
 * A form's action: `(…bound ids, state, formData) => FormState`. `run` returns the state to show (a
 * FormState, or a form's own success shape), or redirects; returning nothing shows the form as it was.
 */
export function formAction<W extends Who, S extends z.ZodType, T = FormState>(options: FormActionOptions<W, S, T>) {
  return async (...args: unknown[]): Promise<T | FormState> => {
    const count = options.bound ?? 0;
    const formData = args[count + 1];
    if (!(formData instanceof FormData)) notFound();
    const bound = boundArgs(args, count);
    const context: ActionContext<W> = {
      caller: await callerFor(options.who, bound),
      clientIp: await clientIp(),
      locale: await requestLocale(),
    };
    const raw: Record<string, unknown> = {};
    const values: Record<string, string> = {};
    for (const [name, value] of formData.entries()) {
      raw[name] = value;
      if (typeof value === 'string' && !options.secret?.includes(name)) values[name] = value;
    }
    const parsed = options.schema.safeParse(raw);
    if (!parsed.success) {
      const { locale } = context;
      const fieldErrors = Object.fromEntries(
        Object.entries(fieldErrorsOf(parsed.error)).map(([name, messages]) => [
          name,
          messages?.map((message) => localizeText(message, locale)),
        ]),
      );
      const hidden = options.hidden?.map((name) => fieldErrors[name]?.[0]).find(Boolean);
      return { status: 'error', fieldErrors, ...(hidden ? { message: hidden } : {}), values };
    }
    try {
      return (await options.run(parsed.data, context, ...bound)) ?? { status: 'idle' };
    } catch (error) {
      return errorState(error, values, context.locale);
    }
  };
}

/**
 * An action with no fields: a button bound to `bound` ids. What React passes after them (a form
 * state, the button's FormData) carries nothing of ours.
 */
export function boundAction<W extends Who>(options: {
  who: W;
  bound: number;
  run: (context: ActionContext<W>, ...bound: string[]) => Promise<FormState | void>;
}) {
  return async (...args: unknown[]): Promise<FormState> => {
    const bound = boundArgs(args, options.bound);
    const context: ActionContext<W> = {
      caller: await callerFor(options.who, bound),
      clientIp: await clientIp(),
      locale: await requestLocale(),
    };
    try {
      return (await options.run(context, ...bound)) ?? { status: 'idle' };
    } catch (error) {
      return errorState(error, undefined, context.locale);
    }
  };
}

/** boundAction for a plain `<form action>` button, whose answer React does not read. */
export function buttonAction<W extends Who>(options: {
  who: W;
  bound: number;
  run: (context: ActionContext<W>, ...bound: string[]) => Promise<void>;
}) {
  const action = boundAction(options);
  return async (...args: unknown[]): Promise<void> => {
    await action(...args);
  };
}
