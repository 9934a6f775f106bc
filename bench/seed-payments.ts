import pg from 'pg';

/**
 * The bench's staff volume: `count` payments (with their audit events) over the last 90 days on
 * 1,000 accounts and 1,000 customers, in plain SQL so it takes seconds. Needs the demo utility.
 */
export async function seedBenchPayments(url: string, count = 100_000): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Utility" ORDER BY "createdAt" LIMIT 1`);
    const utilityId = rows[0]!.id;
    await client.query(
      `INSERT INTO "ServiceAccount" (id, "utilityId", "accountNumber", "holderName", "serviceAddress", "postalCode", "updatedAt")
       SELECT gen_random_uuid(), $1, (7000000000 + i)::text, 'Bench Holder ' || i, i || ' Bench St', '62701', now() FROM generate_series(1, 1000) i`,
      [utilityId],
    );
    await client.query(
      `INSERT INTO "Bill" (id, "accountId", "statementDate", "periodStart", "periodEnd", "dueDate", "amountDueCents", "updatedAt")
       SELECT gen_random_uuid(), a.id, date '2026-09-01', date '2026-08-01', date '2026-08-31', date '2026-09-25', 99999999, now()
         FROM "ServiceAccount" a WHERE a."accountNumber" LIKE '7%'`,
    );
    await client.query(
      `INSERT INTO "Customer" (id, name, "phoneE164", "phoneVerifiedAt") SELECT gen_random_uuid(), 'Bench Customer ' || i, '+1202555' || lpad(i::text, 4, '0'), now() FROM generate_series(1, 1000) i`,
    );
    await client.query(
      `WITH a AS (SELECT a.id AS account_id, b.id AS bill_id, row_number() OVER (ORDER BY a."accountNumber") AS n
                    FROM "ServiceAccount" a JOIN "Bill" b ON b."accountId" = a.id WHERE a."accountNumber" LIKE '7%'),
            c AS (SELECT id, row_number() OVER (ORDER BY "phoneE164") AS n FROM "Customer" WHERE "phoneE164" LIKE '+1202555%')
       INSERT INTO "Payment" (id, "confirmationNumber", "utilityId", "accountId", "billId", "customerId", "amountCents", currency, status, "idempotencyKey", "createdAt", "completedAt", "updatedAt")
       SELECT gen_random_uuid(), 'BENCH-' || lpad(i::text, 7, '0'), $1, a.account_id, a.bill_id, c.id, 100 + (i * 7919) % 50000, 'USD',
              (ARRAY['COMPLETED','COMPLETED','COMPLETED','COMPLETED','FAILED','EXPIRED','CANCELLED'])[1 + i % 7]::"PaymentStatus",
              'bench-' || i, now() - (i % 90) * interval '1 day' - (i % 86400) * interval '1 second',
              CASE WHEN i % 7 < 4 THEN now() - (i % 90) * interval '1 day' - (i % 86400) * interval '1 second' END, now()
         FROM generate_series(1, $2::int) i JOIN a ON a.n = 1 + i % 1000 JOIN c ON c.n = 1 + (i * 31) % 1000`,
      [utilityId, count],
    );
    await client.query(
      `INSERT INTO "AuditLog" ("actorType", "actorId", action, "subjectType", "subjectId", "createdAt")
       SELECT 'CUSTOMER', p."customerId"::text, e.action, 'payment', p.id::text, p."createdAt"
         FROM "Payment" p CROSS JOIN (VALUES ('payment.created'), ('payment.code_sent')) e(action) WHERE p."idempotencyKey" LIKE 'bench-%'`,
    );
    await client.query('COMMIT');
    await client.query('ANALYZE');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}
