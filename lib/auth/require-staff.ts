import 'server-only';
import { notFound } from 'next/navigation';
import { getStaffSession, type StaffSession } from './staff-auth';

/**
 * For staff pages, routes and actions. Anyone who is not signed in as staff (anonymous visitors,
 * customers) and STAFF on ADMIN-only pages get a 404: the staff area does not admit it exists.
 */
export async function requireStaff(role: 'STAFF' | 'ADMIN' = 'STAFF'): Promise<StaffSession> {
  const session = await getStaffSession();
  if (!session || (role === 'ADMIN' && session.role !== 'ADMIN')) notFound();
  return session;
}
