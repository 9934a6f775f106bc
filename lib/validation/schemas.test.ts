import { describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/i18n/translate';
import { CONTROL_CHARACTERS_MESSAGE, NameSchema } from './schemas';

describe('a name', () => {
  // Audit finding 7: these were accepted and shown to staff and in the CSV export.
  it.each([
    ['a right-to-left override', 'Smith\u202Eevil'],
    ['a C1 control (next line)', 'Jo\u0085Ann'],
    ['a line separator', 'Jo\u2028Ann'],
    ['a paragraph separator', 'Jo\u2029Ann'],
    ['a left-to-right isolate', '\u2066Jo'],
    ['a zero-width space', 'Jo\u200BAnn'],
    ['a soft hyphen', 'Jo\u00ADAnn'],
    ['a tab', 'Jo\tAnn'],
    ['NUL', 'Jo\u0000Ann'],
  ])('refuses %s', (_, name) => {
    const result = NameSchema.safeParse(name);
    expect(result.success).toBe(false);
    expect(localizeText(result.error!.issues[0]!.message, 'en-US')).toBe(CONTROL_CHARACTERS_MESSAGE);
    expect(localizeText(result.error!.issues[0]!.message, 'es-US')).toMatch(/^Quite los caracteres especiales/);
  });

  it('is stored composed (NFC), so one name typed two ways is one name', () => {
    expect(NameSchema.parse('Jose\u0301 Nu\u0301n\u0303ez')).toBe('Jos\u00e9 N\u00fa\u00f1ez');
    expect(NameSchema.parse('Jos\u00e9 N\u00fa\u00f1ez')).toBe('Jos\u00e9 N\u00fa\u00f1ez');
  });

  it('keeps what real names need: accents, other scripts, joiners', () => {
    for (const name of ['Zoë Ólafsdóttir', '李小龍', 'Nguyễn Thị Minh Khai', 'می\u200Cخواهم', 'O’Brien-Smith'])
      expect(NameSchema.parse(name)).toBe(name);
  });
});
