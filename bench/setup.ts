import os from 'node:os';
import pg from 'pg';
import { migrateDeploy } from '@/lib/db/migrate';
import { migrateJobQueue } from '@/lib/sms/job-queue';
import { databaseServer, recreateDatabase } from '@/test/database';

export type BenchDatabase = { url: string; serverVersion: string; stop: () => Promise<void> };

/** A fresh, migrated `utilitypay_bench` database on DATABASE_URL's server, or on an embedded PostgreSQL. */
export async function benchDatabase(): Promise<BenchDatabase> {
  const { serverUrl, stop } = await databaseServer('bench-postgres', Number(process.env.BENCH_EMBEDDED_PG_PORT ?? 25435));
  const url = await recreateDatabase(serverUrl, 'utilitypay_bench');
  await migrateDeploy(url);
  await migrateJobQueue(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const serverVersion = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]!.v;
  await client.end();
  return { url, serverVersion, stop };
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Runs `cycle` from `clients` concurrent loops for `seconds`; returns throughput and latencies (ms). */
export async function measure(clients: number, seconds: number, cycle: (client: number, i: number) => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + seconds * 1000;
  let errors = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let i = 0; performance.now() < end; i++) {
        const t = performance.now();
        try {
          await cycle(client, i);
          latencies.push(performance.now() - t);
        } catch (error) {
          errors++;
          if (errors < 3) console.error(error);
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { clients, cycles: latencies.length, perSecond: latencies.length / elapsed, p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors };
}
