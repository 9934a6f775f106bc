import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { audit } from './index';

describe('audit', () => {
  it('records what a visitor sent even with NUL characters in it (PostgreSQL stores none), as U+FFFD', async () => {
    const marker = randomUUID();
    await audit({
      actorType: 'ANONYMOUS',
      action: 'bill.access_refused',
      subjectId: `bill\u0000${marker}`,
      clientIp: '10.0.0.1\u0000',
      details: { email: `a\u0000b`, nested: [{ v: '\u0000' }], marker },
    });
    const entry = await db().auditLog.findFirstOrThrow({ where: { subjectId: `bill\uFFFD${marker}` } });
    expect(entry.clientIp).toBe('10.0.0.1\uFFFD');
    expect(entry.details).toEqual({ email: 'a\uFFFDb', nested: [{ v: '\uFFFD' }], marker });
  });

  it('stores ordinary details as they are', async () => {
    const marker = randomUUID();
    await audit({
      actorType: 'ANONYMOUS',
      action: 'bill.access_refused',
      subjectId: marker,
      details: { text: 'back\\u0000slash', n: 1 },
    });
    expect((await db().auditLog.findFirstOrThrow({ where: { subjectId: marker } })).details).toEqual({
      text: 'back\\u0000slash',
      n: 1,
    });
  });
});

describe('audit actions', () => {
  it('each have a label staff can read, and every action the code records is one of them', async () => {
    const { AUDIT_ACTION_LABELS } = await import('./actions');
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(action).toMatch(/^[a-z]+\.[a-z_]+$/);
      expect(label.length).toBeGreaterThan(5);
    }
    // The type makes a new action without a label fail to compile; this checks the log as well.
    const recorded = await db().auditLog.findMany({ distinct: ['action'], select: { action: true } });
    expect(recorded.map((r) => r.action).filter((a) => !(a in AUDIT_ACTION_LABELS))).toEqual([]);
  });
});
