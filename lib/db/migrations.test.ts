import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { dropDatabase, recreateDatabase } from '@/test/database';
import { migrateDeploy } from './migrate';

const serverUrl = inject('serverUrl');
const name = `utilitypay_migrations_${process.pid}`;

afterAll(() => dropDatabase(serverUrl, name));

describe('migrations', () => {
  it('apply to an empty database and make the audit log append-only', async () => {
    const url = await recreateDatabase(serverUrl, name);
    await migrateDeploy(url);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ table_name: string }>(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(rows.map((r) => r.table_name)).toEqual(
        expect.arrayContaining([
          'AuditLog',
          'Bill',
          'Customer',
          'CustomerAccount',
          'OtpChallenge',
          'OtpEvent',
          'Payment',
          'RateLimitHit',
          'ServiceAccount',
          'SmsMessage',
          'StaffUser',
          'Utility',
        ]),
      );
      await client.query(`INSERT INTO "AuditLog" ("actorType", action) VALUES ('SYSTEM', 'test.entry')`);
      await expect(client.query(`UPDATE "AuditLog" SET action = 'changed'`)).rejects.toThrow(/append-only/);
      await expect(client.query(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
      await expect(client.query(`TRUNCATE "AuditLog"`)).rejects.toThrow(/append-only/);
      // Applying again is a no-op.
      await migrateDeploy(url);
    } finally {
      await client.end();
    }
  });
});
