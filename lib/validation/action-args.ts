import 'server-only';
import { notFound } from 'next/navigation';

/**
 * A server action's form argument. The browser always sends FormData there; only a hand-made
 * request sends anything else, and it gets the same 404 as any other request for nothing.
 */
export function assertForm(value: unknown): asserts value is FormData {
  if (!(value instanceof FormData)) notFound();
}

/** A bound id (a bill, a payment, a user): always a string from the page; anything else is a 404. */
export function assertIdArg(value: unknown): asserts value is string {
  if (typeof value !== 'string') notFound();
}
