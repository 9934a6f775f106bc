import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { db } from '@/lib/db';
import { TEST_DATABASE_TIME_ZONE } from '@/test/database';

// The test database's sessions start in Asia/Kolkata (test/database.ts), like a server whose
// zone is not UTC.
describe('instants in PostgreSQL', () => {
  it('are stored as the instant the app meant, read by any client in any session zone', async () => {
    const at = new Date('2030-06-15T00:00:00.123Z');
    const hit = await db().rateLimitHit.create({
      data: { bucket: 'instants-test', key: crypto.randomUUID(), createdAt: at },
    });
    const client = new pg.Client({ connectionString: inject('databaseUrl') });
    await client.connect();
    try {
      const { rows } = await client.query<{ zone: string; epoch: string; columnType: string }>(
        `SELECT current_setting('TimeZone') AS zone, (extract(epoch FROM "createdAt") * 1000)::bigint::text AS epoch, pg_typeof("createdAt")::text AS "columnType" FROM "RateLimitHit" WHERE id = $1`,
        [hit.id],
      );
      expect(rows[0]).toEqual({
        zone: TEST_DATABASE_TIME_ZONE,
        epoch: String(at.getTime()),
        columnType: 'timestamp with time zone',
      });
    } finally {
      await client.end();
    }
    expect((await db().rateLimitHit.findUniqueOrThrow({ where: { id: hit.id } })).createdAt).toEqual(at);
  });

  it('are timestamptz in every column that holds one', async () => {
    const rows = await db().$queryRaw<{ table: string; column: string }[]>`
      SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
       WHERE table_schema = 'public' AND data_type = 'timestamp without time zone'`;
    expect(rows).toEqual([]);
  });
});
