import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { freePort } from '@/lib/net/ports';
import { EmbeddedPostgresError, startEmbeddedPostgres } from './embedded-postgres';

function tempDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'utilitypay-pg-'));
  fs.chmodSync(dir, 0o755);
  return path.join(dir, 'postgres');
}

async function query(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL', () => {
  it('starts, stops and restarts with its data', async () => {
    const dir = tempDir();
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dir, port });
    await query(first.url, 'CREATE TABLE kept (note text); INSERT INTO kept VALUES ($$still here$$)');
    await first.stop();
    await expect(query(first.url, 'SELECT 1')).rejects.toThrow();

    const second = await startEmbeddedPostgres({ dir, port });
    try {
      expect(await query(second.url, 'SELECT note FROM kept')).toEqual([{ note: 'still here' }]);
      const [{ server_version_num }] = (await query(second.url, 'SHOW server_version_num')) as [
        { server_version_num: string },
      ];
      expect(Number(server_version_num)).toBeGreaterThanOrEqual(180000);
    } finally {
      await second.stop();
    }
  }, 60_000);

  it('says clearly when its port is taken', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const { port } = blocker.address() as net.AddressInfo;
    try {
      const attempt = startEmbeddedPostgres({ dir: tempDir(), port });
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(new RegExp(`Port ${port} on 127.0.0.1 is taken.*EMBEDDED_PG_PORT`));
    } finally {
      blocker.close();
    }
  });

  it('says clearly when its folder is unusable', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'utilitypay-pg-')), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    await expect(startEmbeddedPostgres({ dir: file, port: await freePort() })).rejects.toThrow(
      /cannot use its data folder .*not a folder/,
    );
  });
});
