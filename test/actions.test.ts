// Every server action goes through lib/actions (who may call it, its arguments and form checked,
// one mapping of domain errors to form state). An action is reachable by a direct POST whatever
// page it sits on, so an action written by hand is refused here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function actionFiles(dir = 'app'): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return actionFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && /^\s*['"]use server['"]/.test(fs.readFileSync(full, 'utf8')) ? [full] : [];
  });
}

const HELPERS = /^(formAction|boundAction|buttonAction)\(/;

describe('server actions', () => {
  const files = actionFiles();

  it('are all found', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  it.each(files)('in %s are all built with the action helper', (file) => {
    const source = fs.readFileSync(file, 'utf8');
    expect(source, 'an action written as a function of its own').not.toMatch(/^export (async )?function /m);
    // Local factories (a function returning formAction(...)) count as the helper.
    const factories = [
      ...source.matchAll(/^function (\w+)\([^)]*\)[^{]*\{\s*return (formAction|boundAction|buttonAction)\(/gm),
    ].map((m) => m[1]);
    const exported = [...source.matchAll(/^export const (\w+) = ([^;\n]*)/gm)];
    expect(exported.length).toBeGreaterThan(0);
    for (const [, name, value] of exported) {
      const callee = /^(\w+)\(/.exec(value!)?.[1];
      expect(HELPERS.test(value!) || factories.includes(callee), `${name} = ${value}`).toBe(true);
    }
  });
});
