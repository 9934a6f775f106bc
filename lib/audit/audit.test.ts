import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { audit } from './index';

describe('audit', () => {
  it('records what a visitor sent even with NUL characters in it (PostgreSQL stores none), as U+FFFD', async () => {
    const marker = randomUUID();
    await audit({ actorType: 'ANONYMOUS', action: 'test.nul', subjectId: `bill\u0000${marker}`, clientIp: '10.0.0.1\u0000', details: { email: `a\u0000b`, nested: [{ v: '\u0000' }], marker } });
    const entry = await db().auditLog.findFirstOrThrow({ where: { subjectId: `bill\uFFFD${marker}` } });
    expect(entry.clientIp).toBe('10.0.0.1\uFFFD');
    expect(entry.details).toEqual({ email: 'a\uFFFDb', nested: [{ v: '\uFFFD' }], marker });
  });

  it('stores ordinary details as they are', async () => {
    const marker = randomUUID();
    await audit({ actorType: 'ANONYMOUS', action: 'test.plain', subjectId: marker, details: { text: 'back\\u0000slash', n: 1 } });
    expect((await db().auditLog.findFirstOrThrow({ where: { subjectId: marker } })).details).toEqual({ text: 'back\\u0000slash', n: 1 });
  });
});
