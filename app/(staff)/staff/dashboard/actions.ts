'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/require-staff';
import { clientIp } from '@/lib/request/client-ip';
import { retryDeadMessage } from '@/lib/staff/dashboard';

export async function retryDeadMessageAction(messageId: string): Promise<void> {
  const admin = await requireStaff('ADMIN');
  await retryDeadMessage({ messageId, staffId: admin.staffId, clientIp: await clientIp() });
  revalidatePath('/staff/dashboard');
}
