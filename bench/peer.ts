// A peer, side by side: the same sign-up-by-phone work (send a code, verify it, start a session)
// through our code and through better-auth's phone-number plugin, in this process, on the same
// PostgreSQL server (better-auth in its own database, created by its own migrations), same clients.
//
// Ours does more per cycle: the code is stored as a keyed hash bound to its purpose, per-phone and
// per-IP limits are counted in PostgreSQL (shared by every app instance), every step is an event,
// the text is sealed and queued for the worker in the same transaction, the customer is created and
// audited; the session is next-auth's encrypted JWT. better-auth keeps the code in its verification
// table, hands the text to a callback, creates the user and a session row.
import fs from 'node:fs';
import pg from 'pg';
import { betterAuth } from 'better-auth';
import { getMigrations } from 'better-auth/db/migration';
import { phoneNumber } from 'better-auth/plugins';
import { recreateDatabase } from '@/test/database';
import { sessionCookie } from './http';
import { codeInText, measure, profileCycles, statementsPerCycle } from './setup';

const LEVELS = [1, 8, 32];

export async function peerBench(serverUrl: string, seconds: number) {
  const { sendCustomerCode } = await import('@/lib/customers/send-customer-code');
  const { verifyCustomerCode } = await import('@/lib/customers/verify-customer-code');

  // Ours: what the register and verify pages do, minus HTTP.
  let ourSequence = 0;
  const ours = async () => {
    const n = ourSequence++;
    const phoneE164 = `+1207${2_000_000 + n}`;
    const clientIp = `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`; // each customer their own device
    const { challengeId } = await sendCustomerCode({ purpose: 'REGISTRATION', phoneE164, clientIp });
    const customer = await verifyCustomerCode({
      purpose: 'REGISTRATION',
      challengeId,
      code: await codeInText(challengeId),
      clientIp,
      name: 'Peer Bench',
    });
    if (!customer) throw new Error('not signed in');
    await sessionCookie('customer', { customerId: customer.customerId });
  };

  // better-auth: the documented phone-number sign-up, its API called in-process.
  const peerUrl = await recreateDatabase(serverUrl, 'utilitypay_peer');
  const pool = new pg.Pool({ connectionString: peerUrl, max: 40 });
  const sent = new Map<string, string>();
  const auth = betterAuth({
    database: pool,
    secret: 'peer-bench-secret-'.padEnd(48, 'x'),
    baseURL: 'http://localhost:3000',
    telemetry: { enabled: false },
    plugins: [
      phoneNumber({
        sendOTP: ({ phoneNumber: to, code }) => {
          sent.set(to, code);
        },
        signUpOnVerification: { getTempEmail: (p) => `${p.slice(1)}@peer.example`, getTempName: (p) => p },
      }),
    ],
  });
  const { runMigrations } = await getMigrations(auth.options);
  await runMigrations();
  let peerSequence = 0;
  const peer = async () => {
    const to = `+1208${2_000_000 + peerSequence++}`;
    await auth.api.sendPhoneNumberOTP({ body: { phoneNumber: to } });
    const result = await auth.api.verifyPhoneNumber({ body: { phoneNumber: to, code: sent.get(to)! } });
    if (!result?.token) throw new Error('better-auth started no session');
  };

  // Round trips explain most of the difference on this machine: count the statements each sends.
  const statements = { ours: await statementsPerCycle(ours), betterAuth: await statementsPerCycle(peer) };

  const points = [];
  for (const clients of LEVELS) {
    await measure(clients, 1, ours);
    await measure(clients, 1, peer);
    const a = await measure(clients, seconds, ours);
    const b = await measure(clients, seconds, peer);
    points.push({
      clients,
      oursPerSecond: Math.round(a.perSecond),
      oursP99: +a.p99.toFixed(1),
      oursErrors: a.errors,
      betterAuthPerSecond: Math.round(b.perSecond),
      betterAuthP99: +b.p99.toFixed(1),
      betterAuthErrors: b.errors,
      ratio: +(a.perSecond / b.perSecond).toFixed(2),
    });
  }
  // Where each one's time goes at 8 clients: CPU milliseconds of this process per sign-up, and the
  // profile of ours by package (the README quotes it for the target still missed).
  const profile = { ours: await profileCycles(8, seconds, ours), betterAuth: await profileCycles(8, seconds, peer) };
  await pool.end();
  const version = (JSON.parse(fs.readFileSync('node_modules/better-auth/package.json', 'utf8')) as { version: string })
    .version;
  return {
    peer: `better-auth ${version} phone-number plugin`,
    target: 1.5,
    statementsPerCycle: statements,
    points,
    profile,
  };
}
