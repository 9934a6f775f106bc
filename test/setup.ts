import { inject } from 'vitest';

// Every module under test reads its configuration through lib/env, like the app does.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.APP_ENV = 'test';
process.env.DATA_DIR ??= '.data';
process.env.SMS_WORKER = 'off';
