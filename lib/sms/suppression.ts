import 'server-only';
import type { Tx } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { formatPhone } from '@/lib/phone';
import type { SmsKind } from '@/generated/prisma/enums';

/** Texts that may go to a number that replied STOP: the one confirmation of it, and help. */
const ALLOWED_WHEN_OPTED_OUT: readonly SmsKind[] = ['OPT_OUT_CONFIRMATION', 'HELP_REPLY'];

export function allowedWhenOptedOut(kind: SmsKind): boolean {
  return ALLOWED_WHEN_OPTED_OUT.includes(kind);
}

/** A customer tried to get a text at a number that replied STOP: how to turn texts back on. */
export class OptedOutError extends AppError {
  constructor(utility: { name: string; supportPhone: string }) {
    super(
      'opted_out',
      `You replied STOP to our texts, so we cannot text you a code. To get texts again, reply START to our last text, or call ${utility.name} at ${formatPhone(utility.supportPhone)}.`,
    );
  }
}

/**
 * Whether the number replied STOP. Read in the transaction that queues a text (lib/sms/queue.ts),
 * under a share lock on the opt-out row, so a STOP committing meanwhile is seen or waits.
 */
export async function isOptedOut(tx: Tx, phoneE164: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ one: number }>>`
    SELECT 1 AS one FROM "SmsOptOut" WHERE "phoneE164" = ${phoneE164} FOR SHARE`;
  return rows.length > 0;
}
