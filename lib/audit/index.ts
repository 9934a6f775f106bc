import 'server-only';
import type { Tx } from '@/lib/db';
import { db } from '@/lib/db';
import type { ActorType } from '@/generated/prisma/enums';
import type { Prisma } from '@/generated/prisma/client';

export type AuditEntry = {
  actorType: ActorType;
  actorId?: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  clientIp?: string | null;
  details?: Prisma.InputJsonValue;
  at?: Date;
};

/** Appends to the audit log (append-only in the database: UPDATE and DELETE are refused). */
export async function audit(entry: AuditEntry, tx?: Tx): Promise<void> {
  await (tx ?? db()).auditLog.create({
    data: {
      actorType: entry.actorType,
      actorId: entry.actorId ?? null,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      clientIp: entry.clientIp ?? null,
      details: entry.details,
      ...(entry.at ? { createdAt: entry.at } : {}),
    },
  });
}
