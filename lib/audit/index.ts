import 'server-only';
import type { Tx } from '@/lib/db';
import { db } from '@/lib/db';
import type { ActorType } from '@/generated/prisma/enums';
import type { Prisma } from '@/generated/prisma/client';
import type { AuditAction } from './actions';

export type AuditEntry = {
  actorType: ActorType;
  actorId?: string | null;
  action: AuditAction;
  subjectType?: string;
  subjectId?: string;
  clientIp?: string | null;
  details?: Prisma.InputJsonValue;
  at?: Date;
};

// PostgreSQL stores no NUL in text or jsonb; what a visitor sent is recorded with U+FFFD instead.
const storable = (text: string) => text.replaceAll('\u0000', '\uFFFD');

function storableDetails(details: Prisma.InputJsonValue | undefined): Prisma.InputJsonValue | undefined {
  if (details === undefined) return undefined;
  // JSON writes a NUL as the escape \u0000: only then are the strings rewritten.
  if (!JSON.stringify(details).includes('\\u0000')) return details;
  return JSON.parse(
    JSON.stringify(details, (_key, value: unknown) => (typeof value === 'string' ? storable(value) : value)),
  ) as Prisma.InputJsonValue;
}

/** Appends to the audit log (append-only in the database: UPDATE and DELETE are refused). */
export async function audit(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db()).auditLog.create({
    data: {
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId === undefined ? undefined : storable(entry.subjectId),
      clientIp: entry.clientIp ? storable(entry.clientIp) : null,
      details: storableDetails(entry.details),
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}
