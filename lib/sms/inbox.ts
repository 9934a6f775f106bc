import 'server-only';
import { db } from '@/lib/db';
import { env } from '@/lib/env';

/** The development inbox exists only with the outbox transport, and never in production. */
export function devInboxEnabled(): boolean {
  const config = env();
  return config.APP_ENV !== 'production' && config.SMS_TRANSPORT === 'outbox';
}

export type InboxMessage = {
  id: string;
  to: string;
  kind: string;
  status: string;
  text: string | null;
  code: string | null;
  createdAt: Date;
};

export async function listInboxMessages(limit = 50): Promise<InboxMessage[]> {
  if (!devInboxEnabled()) return [];
  const rows = await db().smsMessage.findMany({
    orderBy: { createdAt: 'desc' },
    take: limit,
    select: { id: true, toE164: true, kind: true, status: true, body: true, createdAt: true },
  });
  return rows.map((m) => ({
    id: m.id,
    to: m.toE164,
    kind: m.kind,
    status: m.status,
    text: m.body,
    code: m.body ? (/#(\d{6})$/.exec(m.body)?.[1] ?? null) : null,
    createdAt: m.createdAt,
  }));
}
