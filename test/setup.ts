import { inject } from 'vitest';

// Every module under test reads its configuration through lib/env, like the app does.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.APP_ENV = 'test';
process.env.DATA_DIR ??= '.data';
process.env.SMS_WORKER = 'off';
// The test run texts hundreds of codes a minute from one machine, to numbers in few prefixes: far
// past the SMS-pumping budgets, which lib/sms/budgets.test.ts sets and trips on purpose.
process.env.SMS_HOURLY_BUDGET ??= '1000000';
process.env.SMS_PREFIX_HOURLY_LIMIT ??= '1000000';
// Tests settle the sandbox's bank debits themselves (sandboxSettle), and the job runners some tests
// start run every domain's jobs on the shared database: a settle job due within the run could be
// run by another file's runner first (a CI run failed so). Due in an hour, none is.
process.env.SANDBOX_ACH_SETTLE_SECONDS ??= '3600';
