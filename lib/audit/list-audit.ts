import 'server-only';
import { db } from '@/lib/db';

/** The newest audit entries, optionally those whose action starts with `prefix`. */
export function listAuditEntries(prefix: string, take = 200) {
  return db().auditLog.findMany({
    where: prefix ? { action: { startsWith: prefix } } : {},
    orderBy: { createdAt: 'desc' },
    take,
  });
}
