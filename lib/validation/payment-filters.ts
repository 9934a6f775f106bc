import { z } from 'zod';
import { CONTROL_CHARACTERS_MESSAGE, NO_CONTROL_CHARACTERS } from './schemas';
import { PAYMENT_STATUSES } from '@/lib/payments/states';

// The staff payments filters, as they appear in the URL (shared by the page, the CSV route and tests).

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .regex(NO_CONTROL_CHARACTERS, CONTROL_CHARACTERS_MESSAGE)
    .optional()
    .transform((v) => (v ? v : undefined));

const day = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined))
  .refine((v) => v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(v), 'Use a date like 2026-11-27.');

export const PAYMENT_SORTS = ['newest', 'oldest', 'amount_desc', 'amount_asc'] as const;

export const PaymentFiltersSchema = z.object({
  status: z.enum(PAYMENT_STATUSES).optional().catch(undefined),
  from: day,
  to: day,
  min: optionalText(20),
  max: optionalText(20),
  account: optionalText(32),
  phone: optionalText(32),
  confirmation: optionalText(20),
  sort: z.enum(PAYMENT_SORTS).catch('newest').default('newest'),
  cursor: optionalText(200),
});

export type PaymentFilters = Omit<Partial<z.infer<typeof PaymentFiltersSchema>>, 'sort'> & {
  sort: (typeof PAYMENT_SORTS)[number];
};

/** URL search params (Next's object or URLSearchParams) to filters; unknown keys are ignored. */
export function parsePaymentFilters(params: Record<string, string | string[] | undefined> | URLSearchParams) {
  const flat: Record<string, string | undefined> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params);
  for (const [key, value] of entries) flat[key] = Array.isArray(value) ? value[0] : value;
  return PaymentFiltersSchema.safeParse(flat);
}
