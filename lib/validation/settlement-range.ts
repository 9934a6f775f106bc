import { z } from 'zod';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-11-01.');

/** The settlement report's range: whole days in the utility's time zone, at most a year, oldest first. */
export const SettlementRangeSchema = z
  .object({ from: Day, to: Day })
  .refine((r) => r.from <= r.to, { message: 'The first day must not be after the last.', path: ['to'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 366 * 86_400_000, {
    message: 'Choose at most a year.',
    path: ['to'],
  })
  .refine((r) => !Number.isNaN(Date.parse(r.from)) && !Number.isNaN(Date.parse(r.to)), {
    message: 'Use real dates.',
    path: ['from'],
  });
