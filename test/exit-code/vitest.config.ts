// The project's own vitest configuration (global setup and all) over the two fixture files here,
// so test/exit-codes.test.ts can check what a passing and a failing run exit with.
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import project from '../../vitest.config';

export default defineConfig({
  ...project,
  root: path.resolve(import.meta.dirname, '..', '..'),
  test: { ...project.test, include: ['test/exit-code/*.fixture.ts'] },
});
