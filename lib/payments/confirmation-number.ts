import { randomInt } from 'node:crypto';

// Crockford-style: no 0/O, 1/I/L or U, so it reads back over the phone without mistakes.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ';

/** "7K4M-9Q2X": 8 random characters (~39 bits); the unique index catches the rare collision. */
export function newConfirmationNumber(): string {
  const chars = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 4).join('')}-${chars.slice(4).join('')}`;
}
