import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BillState } from '@/lib/bills/status';
import { PAYMENT_STATUSES } from '@/lib/payments/states';
import { LOCALES } from './locales';
import { CLIENT_NAMESPACES, messagesFor } from './messages';

/** Every leaf key of a catalogue, dotted ("code.resend"). */
function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node === 'string') return [prefix];
  return Object.entries(node as Record<string, unknown>).flatMap(([name, child]) =>
    keysOf(child, prefix ? `${prefix}.${name}` : name),
  );
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** The ICU arguments a message takes ({name}, {count, plural, …}), and its rich-text tags (<code>). */
function argumentsOf(message: string): string[] {
  const names = [...message.matchAll(/\{\s*([A-Za-z]\w*)\s*[,}]/g)].map((m) => `{${m[1]}}`);
  const tags = [...message.matchAll(/<([a-z]\w*)>/g)].map((m) => `<${m[1]}>`);
  return [...new Set([...names, ...tags])].sort();
}

const english = keysOf(messagesFor('en-US')).sort();

/** Namespaces whose keys the code builds from a value (a status): each value has its key, no more. */
const BUILT_KEYS: Record<string, readonly string[]> = {
  paymentStatus: PAYMENT_STATUSES,
  billState: ['due', 'overdue', 'paid'] satisfies BillState[],
};

describe('the message catalogues', () => {
  it.each(LOCALES)('%s has exactly the English keys', (locale) => {
    expect(keysOf(messagesFor(locale)).sort()).toEqual(english);
  });

  it('each Spanish message takes the same arguments and tags as the English one', () => {
    const lookup = (locale: (typeof LOCALES)[number], key: string) =>
      key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messagesFor(locale));
    for (const key of english)
      expect({ key, args: argumentsOf(lookup('es-US', key) as string) }).toEqual({
        key,
        args: argumentsOf(lookup('en-US', key) as string),
      });
  });

  it.each(Object.entries(BUILT_KEYS))(
    '%s has a message for each value the code builds a key from',
    (namespace, values) => {
      expect(english.filter((key) => key.startsWith(`${namespace}.`)).sort()).toEqual(
        values.map((value) => `${namespace}.${value}`).sort(),
      );
    },
  );

  it('client components read only the namespaces sent to the browser', () => {
    const files = ['app', 'components'].flatMap((dir) => sourceFiles(path.resolve(dir)));
    const read = files
      .map((file) => fs.readFileSync(file, 'utf8'))
      .filter((source) => /^\s*['"]use client['"]/.test(source))
      .flatMap((source) => [...source.matchAll(/useTranslations\(\s*'([A-Za-z]+)'\s*\)/g)].map((m) => m[1]!));
    expect(read.length).toBeGreaterThan(0);
    expect([...new Set(read)].sort()).toEqual([...CLIENT_NAMESPACES].sort());
  });

  it('no key is unused: each appears in the code, whole or beside its namespace', () => {
    const files = ['app', 'components', 'lib'].flatMap((dir) => sourceFiles(path.resolve(dir)));
    const sources = files.map((file) => fs.readFileSync(file, 'utf8'));
    const unused = english.filter((key) => {
      if (key.split('.')[0]! in BUILT_KEYS) return false;
      const dot = key.lastIndexOf('.');
      const namespace = key.slice(0, dot);
      const leaf = key.slice(dot + 1);
      return !sources.some(
        (source) =>
          source.includes(`'${key}'`) ||
          (new RegExp(`Translations\\(\\s*'${namespace.replace('.', '\\.')}'\\s*\\)`).test(source) &&
            new RegExp(`(\\bt(\\.rich)?|\\))\\(\\s*'${leaf}'`).test(source)),
      );
    });
    expect(unused).toEqual([]);
  });
});
