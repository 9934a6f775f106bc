import { describe, expect, it } from 'vitest';
import { targetRows } from '@/bench/targets';

// The bench's closing table: each target judged on its own figures, at its boundary.
const date = '2026-11-29T01:00:00.000Z';
const sections = (over: { ratio8?: number; ofReplay32?: number; cpu?: number; rss?: number; pay?: number } = {}) => ({
  peer: {
    date,
    statementsPerCycle: { ours: 4 },
    points: [
      { clients: 1, ratio: 1 },
      { clients: 8, ratio: over.ratio8 ?? 1.5 },
      { clients: 32, ratio: 1.5 },
    ],
  },
  payment: {
    date,
    statementsPerCycle: 10,
    points: [1, 8, 32].map((clients) => ({
      clients,
      ofReplay: clients === 32 ? (over.ofReplay32 ?? 0.7) : 0.7,
      ofFloor: 0.15,
    })),
  },
  http: {
    date,
    verification: { perSecond: 150, cpuMsPerRequest: over.cpu ?? 10 },
    verificationAtRate: { rate: 50, p99: 49 },
    serverPeakRssMiB: over.rss ?? 350,
  },
  lighthouse: {
    date,
    pages: ['home', 'bills', 'pay', 'code'].map((page) => ({
      page,
      performance: page === 'pay' ? (over.pay ?? 95) : 99,
    })),
  },
});
const missed = (rows: ReturnType<typeof targetRows>) => rows.filter((r) => r.met === 'no').map((r) => r.what);

describe('the bench target table', () => {
  it('meets every target exactly at its boundary', () => {
    const rows = targetRows(sections());
    expect(rows).toHaveLength(10);
    expect(missed(rows)).toEqual([]);
    expect(rows.every((r) => r.measured === '2026-11-29T01:00')).toBe(true);
  });

  it('misses each target just past it, and only that one', () => {
    expect(missed(targetRows(sections({ ratio8: 1.49 })))).toEqual(['sign-up vs better-auth, 1 / 8 / 32 clients']);
    expect(missed(targetRows(sections({ ofReplay32: 0.69 })))).toEqual([
      'payment cycle as a share of its replay, 8 / 32',
    ]);
    expect(missed(targetRows(sections({ cpu: 10.1 })))).toEqual(['server CPU a verification, 32 connections']);
    expect(missed(targetRows(sections({ rss: 351 })))).toEqual(['server peak memory under the HTTP load']);
    expect(missed(targetRows(sections({ pay: 94 })))).toEqual(['Lighthouse performance, home / bills / pay / code']);
  });

  it('leaves out what has never been measured', () => {
    expect(targetRows({ http: sections().http }).map((r) => r.what)).toHaveLength(4);
  });
});
