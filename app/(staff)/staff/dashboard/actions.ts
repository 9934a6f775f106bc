'use server';

import { revalidatePath } from 'next/cache';
import { buttonAction } from '@/lib/actions';
import { retryDeadMessage } from '@/lib/reports/dashboard';

export const retryDeadMessageAction = buttonAction({
  who: { staff: 'ADMIN' },
  bound: 1,
  run: async ({ caller, clientIp }, messageId) => {
    await retryDeadMessage({ messageId: messageId!, staffId: caller.staffId, clientIp });
    revalidatePath('/staff/dashboard');
  },
});
