import 'server-only';
import { cookies } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { getGuestPass } from '@/lib/guest/guest-pass';
import { guestPassCookie } from './cookies';
import { getCustomerSession } from './customer-auth';

/**
 * Who is paying: the signed-in customer, or a one-time payer whose pass (lib/guest) started this
 * very payment. A guest sees nothing else: not another payment, not the payer's history.
 */
export type Payer = { customerId: string; name: string; guestAccountId?: string };

/**
 * For payment pages and actions: the payer of `paymentId`; a guest's other payment is a 404; a guest
 * whose pass ended starts again; anyone else signs in.
 */
export async function requirePayer(paymentId: string, next: string): Promise<Payer> {
  const session = await getCustomerSession();
  if (session) return session;
  const pass = await getGuestPass();
  if (pass?.customerId && pass.paymentId === paymentId)
    return { customerId: pass.customerId, name: '', guestAccountId: pass.accountId };
  // A one-time payer asking for a payment their pass did not start: not theirs, like any other.
  if (pass) notFound();
  if ((await cookies()).has(guestPassCookie().name)) redirect('/pay?expired=1');
  redirect(`/sign-in?next=${encodeURIComponent(next.startsWith('/') ? next : '/bills')}`);
}
