import 'server-only';
import { loadEnv } from './load';
import type { Env } from './schema';

export type { Env } from './schema';

let cached: Env | undefined;

/** The validated configuration. Read lazily, so `next build` needs no secrets. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** Tests only: forget the cached configuration so a changed process.env takes effect. */
export function resetEnvForTests(): void {
  cached = undefined;
}
