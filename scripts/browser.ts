// The Chromium the end-to-end tests drive, found or fetched with nothing installed by hand.
// `npm run test:e2e` runs this file first (it prints one line: which browser, found how);
// playwright.config.ts then calls findChromium() to launch the same one.
//
// In order: CHROMIUM_PATH; a system Chromium or Chrome; Playwright's own browser cache;
// `playwright install chromium` where downloads work; as root with apt-get (CI machines here),
// Debian's chromium and fonts-liberation. Only when all of these fail does it stop, naming each
// way out.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';

export type Chromium = { path: string; how: string };

/** What finding and fetching a browser may touch: the real machine, or a test's stand-ins. */
export type Machine = {
  env: Record<string, string | undefined>;
  isFile: (file: string) => boolean;
  /** The first executable called `name` on PATH. */
  which: (name: string) => string | null;
  /** Where Playwright keeps (or would keep) its Chromium. */
  playwrightChromium: () => string | null;
  isRoot: boolean;
  /** Runs a command; true when it exited 0. */
  run: (command: string, args: string[]) => boolean;
  log: (line: string) => void;
};

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome', 'chrome'];
const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/opt/google/chrome/chrome',
];

export class NoBrowserError extends Error {}

/** A Chromium already on this machine, or null. A CHROMIUM_PATH that points nowhere is an error. */
export function findChromium(machine: Machine): Chromium | null {
  const configured = machine.env.CHROMIUM_PATH;
  if (configured) {
    if (!machine.isFile(configured))
      throw new NoBrowserError(
        `CHROMIUM_PATH is ${configured}, and there is no file there. Point it at a Chromium or Chrome binary, or unset it.`,
      );
    return { path: configured, how: 'CHROMIUM_PATH' };
  }
  for (const name of SYSTEM_NAMES) {
    const found = machine.which(name);
    if (found) return { path: found, how: `system ${name} on PATH` };
  }
  for (const file of SYSTEM_PATHS) if (machine.isFile(file)) return { path: file, how: 'system Chromium' };
  const cached = machine.playwrightChromium();
  if (cached && machine.isFile(cached)) return { path: cached, how: "Playwright's browser cache" };
  return null;
}

/** findChromium, and when there is none, fetch one: Playwright's download, then apt-get as root. */
export function ensureChromium(machine: Machine): Chromium {
  const found = findChromium(machine);
  if (found) return found;

  machine.log('No Chromium here: trying `playwright install chromium`…');
  if (machine.run('npx', ['playwright', 'install', 'chromium'])) {
    const downloaded = findChromium(machine);
    if (downloaded) return { ...downloaded, how: 'downloaded by `playwright install chromium`' };
  }

  const aptGet = machine.which('apt-get');
  if (machine.isRoot && aptGet) {
    machine.log("Playwright's download failed: installing Debian's chromium and fonts-liberation with apt-get…");
    const env = ['DEBIAN_FRONTEND=noninteractive'];
    if (
      machine.run('env', [...env, 'apt-get', 'update', '-qq']) &&
      machine.run('env', [...env, 'apt-get', 'install', '-y', '-qq', 'chromium', 'fonts-liberation'])
    ) {
      const installed = findChromium(machine);
      if (installed) return { ...installed, how: 'installed with apt-get (chromium, fonts-liberation)' };
    }
  }

  throw new NoBrowserError(
    [
      'The end-to-end tests need Chromium, and none was found or could be fetched. Any one of these works:',
      '  - set CHROMIUM_PATH to a Chromium or Chrome binary;',
      '  - install one: Debian/Ubuntu `sudo apt-get install -y chromium fonts-liberation`, macOS `brew install --cask chromium`;',
      '  - allow downloads from playwright.azureedge.net and run `npx playwright install chromium`;',
      "  - run the tests as root on a machine with apt-get, which installs Debian's chromium itself.",
    ].join('\n'),
  );
}

function which(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // Not here.
    }
  }
  return null;
}

/** This machine. */
export function realMachine(): Machine {
  return {
    env: process.env,
    isFile: (file) => fs.existsSync(file) && fs.statSync(file).isFile(),
    which,
    playwrightChromium: () => {
      try {
        return chromium.executablePath();
      } catch {
        return null;
      }
    },
    isRoot: process.getuid?.() === 0,
    run: (command, args) => {
      // Quiet unless it fails: then the last lines say why.
      const result = spawnSync(command, args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
      if (result.status === 0) return true;
      const tail = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-3).join('\n    ');
      console.log(`[e2e]   ${[command, ...args].join(' ')} failed:\n    ${tail}`);
      return false;
    },
    log: (line) => console.log(`[e2e] ${line}`),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const machine = realMachine();
  try {
    const browser = ensureChromium(machine);
    const version = spawnSync(browser.path, ['--version'], { encoding: 'utf8' }).stdout.trim();
    machine.log(`Chromium: ${browser.path} (${version || 'version unknown'}), ${browser.how}`);
  } catch (error) {
    if (!(error instanceof NoBrowserError)) throw error;
    console.error(`\n${error.message}\n`);
    process.exitCode = 1;
  }
}
