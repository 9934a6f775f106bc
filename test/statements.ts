import pg from 'pg';

/**
 * SQL statements (BEGIN and COMMIT included) that one `cycle` sends through `pg` (Prisma's adapter
 * and raw pools alike), averaged over `runs` cycles. The bench reports it; the budget test holds it.
 */
export async function statementsPerCycle(cycle: () => Promise<void>, runs = 20): Promise<number> {
  const original = pg.Client.prototype.query;
  let sent = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    sent++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    for (let i = 0; i < runs; i++) await cycle();
  } finally {
    pg.Client.prototype.query = original;
  }
  return sent / runs;
}
