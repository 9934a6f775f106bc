import path from 'node:path';
import { defineConfig } from 'vitest/config';

// The test processes' own clock zone is neither UTC nor a test utility's (and 45 minutes off the
// hour): code that formats or computes a day in the machine's zone instead of the utility's fails.
process.env.TZ = 'Pacific/Chatham';

export default defineConfig({
  resolve: {
    alias: {
      '@': import.meta.dirname,
      // Tests run outside React's server condition; the guard module itself is covered by the build.
      'server-only': path.join(import.meta.dirname, 'test', 'server-only-stub.ts'),
    },
  },
  test: {
    environment: 'node',
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'test/**/*.test.ts', 'prisma/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
