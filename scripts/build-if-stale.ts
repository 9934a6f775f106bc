// `next build` when there is no build or a source file changed since the last one (npm start, the
// load and fault scripts).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = process.cwd();
export const nextBin = path.join(root, 'node_modules', '.bin', 'next');
/**
 * The app's server as `npm run serve` runs it (scripts/server.mjs with package.json's Node flags: a
 * heap limit that keeps the server's memory down, see docs/OPERATIONS.md): `[command, ...args]`.
 */
export const serverCommand: readonly [string, ...string[]] = [
  process.execPath,
  ...(
    JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: { serve: string } }
  ).scripts.serve
    .split(/\s+/)
    .slice(1)
    .map((arg) => (arg.startsWith('-') ? arg : path.join(root, arg))),
];

function newestSourceChange(): number {
  let newest = 0;
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    if (!fs.existsSync(full)) return;
    const stat = fs.statSync(full);
    if (stat.isDirectory()) for (const child of fs.readdirSync(full)) walk(path.join(entry, child));
    else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of [
    'app',
    'components',
    'lib',
    'public',
    'generated',
    'next.config.ts',
    'proxy.ts',
    'instrumentation.ts',
    'package-lock.json',
  ])
    walk(entry);
  return newest;
}

export async function buildIfStale(env: NodeJS.ProcessEnv, announce: () => void): Promise<void> {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (fs.existsSync(buildId) && fs.statSync(buildId).mtimeMs >= newestSourceChange()) return;
  announce();
  await new Promise<void>((resolve, reject) => {
    const child = spawn(nextBin, ['build'], {
      cwd: root,
      // Types are checked by `npm run typecheck` (in npm test) and `npm run build`, not here (next.config.ts).
      env: { ...env, NODE_ENV: 'production', UTILITYPAY_BUILD_TYPES: 'unchecked' },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`next build exited with ${code}`))));
  });
}
