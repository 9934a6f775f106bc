import 'server-only';
import { redirect } from 'next/navigation';
import { getCustomerSession, type CustomerSession } from './customer-auth';

/** For consumer pages and actions: the signed-in customer, or off to sign in (then back to `next`). */
export async function requireCustomer(next: string): Promise<CustomerSession> {
  const session = await getCustomerSession();
  if (!session) redirect(`/sign-in?next=${encodeURIComponent(next.startsWith('/') ? next : '/bills')}`);
  return session;
}
