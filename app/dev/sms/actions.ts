'use server';

import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { formAction } from '@/lib/actions';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { parseMobileNumber } from '@/lib/phone';
import { isLocalRequest } from '@/lib/request/client-ip';
import { devInboxEnabled } from '@/lib/sms/inbox';
import { receiveInboundText } from '@/lib/sms/opt-out';

/** The development inbox's "reply as the customer": what a phone would send back (STOP, START, HELP). */
export const replyAsCustomerAction = formAction({
  who: { anyone: true },
  schema: z.object({
    from: z.string().trim().min(1, 'Enter the number that replies.').max(32),
    text: z.string().trim().min(1, 'Enter the reply, e.g. STOP.').max(160),
  }),
  run: async ({ from, text }) => {
    if (!devInboxEnabled() || !isLocalRequest(await headers())) notFound();
    const phone = parseMobileNumber(from, env().DEFAULT_COUNTRY, { anyType: true });
    if (!phone.ok) throw new AppError('invalid_phone', phone.message, 'from');
    const result = await receiveInboundText({
      from: phone.e164,
      body: text,
      transport: 'outbox',
      providerMessageId: null,
    });
    revalidatePath('/dev/sms');
    const said = {
      opted_out: 'Opted out: no more texts to this number until it replies START.',
      opted_in: 'Opted in again: texts go to this number.',
      help: 'Answered with the help text.',
      ignored: 'Not a keyword: recorded, not answered.',
      duplicate: 'Already received.',
    }[result];
    return { status: 'success' as const, message: said };
  },
});
