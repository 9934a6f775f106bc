import { expect, it } from 'vitest';
import { db } from '@/lib/db';

it('reads the test database', async () => {
  expect(await db().utility.count()).toBeGreaterThanOrEqual(0);
});
