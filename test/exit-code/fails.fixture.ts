import { expect, it } from 'vitest';
import { db } from '@/lib/db';

it('fails on purpose, after using the test database', async () => {
  expect(await db().utility.count()).toBe(-1);
});
