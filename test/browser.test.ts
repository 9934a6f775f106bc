import { describe, expect, it } from 'vitest';
import { ensureChromium, findChromium, NoBrowserError, type Machine } from '@/scripts/browser';

/** A machine with these files, these commands on PATH, and installers that add files when run. */
function machine(
  options: {
    files?: string[];
    onPath?: Record<string, string>;
    env?: Record<string, string>;
    isRoot?: boolean;
    installs?: Record<string, string[]>;
  } = {},
) {
  const files = new Set(options.files ?? []);
  const onPath = { ...(options.onPath ?? {}) };
  const ran: string[] = [];
  const m: Machine = {
    env: options.env ?? {},
    isFile: (f) => files.has(f),
    which: (name) => onPath[name] ?? null,
    playwrightChromium: () => '/root/.cache/ms-playwright/chromium-1255/chrome-linux/chrome',
    isRoot: options.isRoot ?? false,
    run: (command, args) => {
      const line = [command, ...args].join(' ');
      ran.push(line);
      const added = Object.entries(options.installs ?? {}).find(([pattern]) => line.includes(pattern))?.[1];
      if (!added) return false;
      for (const f of added) files.add(f);
      return true;
    },
    log: () => {},
  };
  return { m, ran };
}

const PLAYWRIGHT = '/root/.cache/ms-playwright/chromium-1255/chrome-linux/chrome';

describe('finding Chromium for the end-to-end tests', () => {
  it('takes CHROMIUM_PATH first, and refuses one that points nowhere', () => {
    const { m } = machine({
      env: { CHROMIUM_PATH: '/opt/my/chrome' },
      files: ['/opt/my/chrome', '/usr/bin/chromium'],
      onPath: { chromium: '/usr/bin/chromium' },
    });
    expect(findChromium(m)).toEqual({ path: '/opt/my/chrome', how: 'CHROMIUM_PATH' });
    const { m: wrong } = machine({ env: { CHROMIUM_PATH: '/nowhere/chrome' }, files: ['/usr/bin/chromium'] });
    expect(() => findChromium(wrong)).toThrow(/CHROMIUM_PATH is \/nowhere\/chrome, and there is no file there/);
  });

  it('then a system Chromium or Chrome, on PATH or where packages put it', () => {
    expect(
      findChromium(machine({ onPath: { 'google-chrome': '/usr/local/bin/google-chrome' }, files: [PLAYWRIGHT] }).m),
    ).toEqual({ path: '/usr/local/bin/google-chrome', how: 'system google-chrome on PATH' });
    expect(findChromium(machine({ files: ['/snap/bin/chromium', PLAYWRIGHT] }).m)).toEqual({
      path: '/snap/bin/chromium',
      how: 'system Chromium',
    });
  });

  it("then Playwright's own browser cache", () => {
    expect(findChromium(machine({ files: [PLAYWRIGHT] }).m)).toEqual({
      path: PLAYWRIGHT,
      how: "Playwright's browser cache",
    });
    expect(findChromium(machine().m)).toBeNull();
  });

  it('downloads with Playwright where downloads work, without apt-get', () => {
    const { m, ran } = machine({
      isRoot: true,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { 'playwright install chromium': [PLAYWRIGHT] },
    });
    expect(ensureChromium(m)).toEqual({ path: PLAYWRIGHT, how: 'downloaded by `playwright install chromium`' });
    expect(ran).toEqual(['npx playwright install chromium']);
  });

  it("installs Debian's chromium and fonts-liberation as root when the download fails", () => {
    const { m, ran } = machine({
      isRoot: true,
      onPath: { 'apt-get': '/usr/bin/apt-get' },
      installs: { 'apt-get update': [], 'apt-get install': ['/usr/bin/chromium'] },
    });
    expect(ensureChromium(m)).toEqual({
      path: '/usr/bin/chromium',
      how: 'installed with apt-get (chromium, fonts-liberation)',
    });
    expect(ran).toEqual([
      'npx playwright install chromium',
      'env DEBIAN_FRONTEND=noninteractive apt-get update -qq',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation',
    ]);
  });

  it('stops, naming every way out, when nothing works (not root, or no apt-get)', () => {
    for (const { m, ran } of [
      machine({ isRoot: false, onPath: { 'apt-get': '/usr/bin/apt-get' } }),
      machine({ isRoot: true }),
    ]) {
      expect(() => ensureChromium(m)).toThrow(NoBrowserError);
      expect(() => ensureChromium(m)).toThrow(
        /CHROMIUM_PATH[\s\S]*apt-get install -y chromium fonts-liberation[\s\S]*npx playwright install chromium[\s\S]*as root/,
      );
      expect(ran.every((line) => !line.includes('apt-get'))).toBe(true);
    }
  });
});
