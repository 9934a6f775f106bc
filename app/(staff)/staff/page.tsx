import { redirect } from 'next/navigation';
import { requireStaff } from '@/lib/auth/require-staff';

export default async function StaffHome() {
  await requireStaff();
  redirect('/staff/payments');
}
