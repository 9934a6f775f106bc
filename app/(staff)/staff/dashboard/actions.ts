'use server';

import { revalidatePath } from 'next/cache';
import { requireStaff } from '@/lib/auth/require-staff';
import { clientIp } from '@/lib/request/client-ip';
import { retryDeadMessage } from '@/lib/staff/dashboard';
import { assertIdArg } from '@/lib/validation/action-args';

export async function retryDeadMessageAction(messageId: string): Promise<void> {
  assertIdArg(messageId);
  const admin = await requireStaff('ADMIN');
  await retryDeadMessage({ messageId, staffId: admin.staffId, clientIp: await clientIp() });
  revalidatePath('/staff/dashboard');
}
