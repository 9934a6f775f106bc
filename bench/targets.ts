// Issue #15's targets, each against the newest figure `npm run bench` has for it (this run's, or
// the newest earlier run's kept in bench/results/latest.json, with its date): the table the bench
// ends with.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Sections = Record<string, any>;

export type TargetRow = { what: string; result: string; target: string; met: 'yes' | 'no'; measured: string };

const percent = (share: number) => `${Math.round(share * 100)}%`;
const at = (points: any[], clients: number) => points.find((p) => p.clients === clients);

export function targetRows(s: Sections): TargetRow[] {
  const rows: TargetRow[] = [];
  const add = (section: string, what: string, result: string, target: string, met: boolean) =>
    rows.push({ what, result, target, met: met ? 'yes' : 'no', measured: String(s[section].date).slice(0, 16) });

  if (s.peer) {
    const ratio = (c: number) => at(s.peer.points, c)?.ratio ?? 0;
    add(
      'peer',
      'sign-up vs better-auth, 1 / 8 / 32 clients',
      [1, 8, 32].map(ratio).join(' / '),
      '>= 1x at 1, >= 1.5x at 8 and 32',
      ratio(1) >= 1 && ratio(8) >= 1.5 && ratio(32) >= 1.5,
    );
    add(
      'peer',
      'sign-up statements a cycle',
      String(s.peer.statementsPerCycle.ours),
      '<= 4',
      s.peer.statementsPerCycle.ours <= 4,
    );
  }
  if (s.payment) {
    const p = s.payment.points;
    add(
      'payment',
      'payment statements a cycle',
      String(s.payment.statementsPerCycle),
      '<= 10',
      s.payment.statementsPerCycle <= 10,
    );
    add(
      'payment',
      'payment cycle as a share of its replay, 8 / 32',
      [8, 32].map((c) => percent(at(p, c)?.ofReplay ?? 0)).join(' / '),
      '>= 70% at 8 and 32',
      [8, 32].every((c) => (at(p, c)?.ofReplay ?? 0) >= 0.7),
    );
    add(
      'payment',
      'payment cycle as a share of the floor, 1 / 8 / 32',
      [1, 8, 32].map((c) => percent(at(p, c)?.ofFloor ?? 0)).join(' / '),
      '>= 15%',
      [1, 8, 32].every((c) => (at(p, c)?.ofFloor ?? 0) >= 0.15),
    );
  }
  if (s.http) {
    const { verification: v, verificationAtRate: r } = s.http;
    add('http', 'HTTP verifications a second, 32 connections', String(v.perSecond), '>= 150', v.perSecond >= 150);
    add('http', `HTTP verification p99 at an open-loop ${r.rate}/s`, `${r.p99} ms`, '< 50 ms', r.p99 < 50);
    add(
      'http',
      'server CPU a verification, 32 connections',
      `${v.cpuMsPerRequest} ms`,
      '<= 10 ms',
      v.cpuMsPerRequest <= 10,
    );
    add(
      'http',
      'server peak memory under the HTTP load',
      `${s.http.serverPeakRssMiB} MiB`,
      '<= 350 MiB',
      s.http.serverPeakRssMiB <= 350,
    );
  }
  if (s.lighthouse) {
    const pages = s.lighthouse.pages as { page: string; performance: number }[];
    add(
      'lighthouse',
      `Lighthouse performance, ${pages.map((p) => p.page).join(' / ')}`,
      pages.map((p) => p.performance).join(' / '),
      '>= 95 each',
      pages.every((p) => p.performance >= 95),
    );
  }
  return rows;
}
