import 'server-only';
import { db, type Tx } from '@/lib/db';
import { transaction } from '@/lib/db/transaction';
import { audit } from '@/lib/audit';
import { NotFoundError } from '@/lib/errors';
import { paymentProcessor, ProcessorError, type MethodDetails, type PaymentProcessor } from '@/lib/processor';
import { sandboxTokenizeBankAccount, sandboxTokenizeCard } from '@/lib/processor/sandbox';
import { isUuid } from '@/lib/validation/ids';

/** How the customer chose to pay, as the pay form sends it. */
export type MethodChoice =
  | { kind: 'saved'; methodId: string }
  /** The sandbox's own test-card form (PAYMENT_PROCESSOR=sandbox). */
  | { kind: 'card'; number: string; expiry: string; cvc: string; save: boolean }
  /** The sandbox's own test bank-account form. */
  | { kind: 'bank'; routingNumber: string; accountNumber: string; save: boolean }
  /** A method the processor's own form made in the browser (Stripe's Payment Element: pm_...). */
  | { kind: 'token'; token: string; save: boolean };

/** The pay form's fields (lib/validation/schemas.ts PaySchema) as a choice. */
export function methodChoiceFrom(form: {
  method: string;
  cardNumber: string;
  expiry: string;
  cvc: string;
  routingNumber: string;
  accountNumber: string;
  token: string;
  save?: string;
}): MethodChoice {
  const save = Boolean(form.save);
  switch (form.method) {
    case 'card':
      return { kind: 'card', number: form.cardNumber, expiry: form.expiry, cvc: form.cvc, save };
    case 'bank':
      return { kind: 'bank', routingNumber: form.routingNumber, accountNumber: form.accountNumber, save };
    case 'token':
      return { kind: 'token', token: form.token, save };
    default:
      return { kind: 'saved', methodId: form.method };
  }
}

export type MethodView = {
  id: string;
  type: 'CARD' | 'US_BANK_ACCOUNT';
  brand: string;
  last4: string;
  expMonth: number | null;
  expYear: number | null;
  isDefault: boolean;
};

const VIEW = {
  id: true,
  type: true,
  brand: true,
  last4: true,
  expMonth: true,
  expYear: true,
  isDefault: true,
} as const;

/** "Visa ••4242", "Sandbox Bank ••6789": how a method reads on the pages. */
export function methodLabel(method: { brand: string; last4: string }): string {
  return `${method.brand} ••${method.last4}`;
}

/** The same in a text, GSM-7 and short: "Visa x4242", "bank x6789" (one segment, test in templates). */
export function methodSmsLabel(method: { type: string; brand: string; last4: string }): string {
  const label = method.type === 'CARD' ? `${method.brand} x${method.last4}` : `bank x${method.last4}`;
  return label.length <= 16 ? label : `card x${method.last4}`;
}

/** The customer's saved cards and bank accounts, the default first. */
export async function listSavedMethods(customerId: string): Promise<MethodView[]> {
  return db().paymentMethod.findMany({
    where: { customerId, saved: true, removedAt: null },
    orderBy: [{ isDefault: 'desc' }, { createdAt: 'desc' }],
    select: VIEW,
  });
}

/**
 * The method a payment will use: a saved one of the customer's, or a new one (tokenised by the
 * sandbox's form, or made by the processor's form in the browser), stored as a token with its brand
 * and last four. Saved for next time on request; the first saved method becomes the default.
 */
export async function chooseMethod(
  customerId: string,
  choice: MethodChoice,
  processor: PaymentProcessor = paymentProcessor(),
): Promise<string> {
  if (choice.kind === 'saved') {
    const method = isUuid(choice.methodId)
      ? await db().paymentMethod.findFirst({
          where: { id: choice.methodId, customerId, saved: true, removedAt: null },
          select: { id: true },
        })
      : null;
    if (!method) throw new ProcessorError('method_gone', { key: 'payErrors.methodGone' }, 'method');
    return method.id;
  }
  let details: MethodDetails;
  if (choice.kind === 'token') {
    const customer = await db().customer.findUniqueOrThrow({
      where: { id: customerId },
      select: { processorCustomerId: true },
    });
    details = await processor.describeMethod(choice.token, customer.processorCustomerId);
  } else {
    if (processor.name !== 'sandbox')
      throw new ProcessorError('use_processor_form', { key: 'payErrors.useProcessorForm' }, 'method');
    details =
      choice.kind === 'card' ? sandboxTokenizeCard(choice, customerId) : sandboxTokenizeBankAccount(choice, customerId);
  }
  return transaction(async (tx) => {
    await lockMethods(tx, customerId);
    const existing = await tx.paymentMethod.findUnique({
      where: { processor_token: { processor: processor.name, token: details.token } },
    });
    if (existing && existing.customerId !== customerId) throw new NotFoundError('That payment method');
    const anyDefault = choice.save
      ? await tx.paymentMethod.count({ where: { customerId, isDefault: true, removedAt: null } })
      : 1;
    const data = {
      type: details.type,
      brand: details.brand,
      last4: details.last4,
      expMonth: details.expMonth,
      expYear: details.expYear,
      saved: choice.save || (existing?.saved ?? false),
      isDefault: anyDefault === 0 || (existing?.isDefault ?? false),
      removedAt: null,
    };
    const method = existing
      ? await tx.paymentMethod.update({ where: { id: existing.id }, data })
      : await tx.paymentMethod.create({
          data: { customerId, processor: processor.name, token: details.token, ...data },
        });
    if (choice.save && !existing?.saved) {
      await audit(
        {
          actorType: 'CUSTOMER',
          actorId: customerId,
          action: 'method.saved',
          subjectType: 'payment_method',
          subjectId: method.id,
          details: { brand: method.brand, last4: method.last4 },
        },
        tx,
      );
    }
    return method.id;
  });
}

/** The processor's customer for ours, made the first time it is needed and kept. */
export async function processorCustomerFor(
  customerId: string,
  processor: PaymentProcessor = paymentProcessor(),
): Promise<string> {
  const customer = await db().customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { id: true, name: true, processorCustomerId: true },
  });
  if (customer.processorCustomerId) return customer.processorCustomerId;
  const id = await processor.ensureCustomer({ id: customer.id, name: customer.name, existing: null });
  await db().customer.updateMany({
    where: { id: customerId, processorCustomerId: null },
    data: { processorCustomerId: id },
  });
  return id;
}

/**
 * Removes a saved method: detached at the processor, hidden here (payments made with it keep
 * naming it). A code already sent for an open payment with it dies (the method is in its binding).
 * If it was the default, the newest other saved method becomes the default.
 */
export async function removeMethod(
  customerId: string,
  methodId: string,
  processor: PaymentProcessor = paymentProcessor(),
): Promise<void> {
  if (!isUuid(methodId)) throw new NotFoundError('That payment method');
  const method = await db().paymentMethod.findFirst({
    where: { id: methodId, customerId, saved: true, removedAt: null },
    select: { id: true, token: true, brand: true, last4: true },
  });
  if (!method) throw new NotFoundError('That payment method');
  await processor.detachMethod(method.token);
  await transaction(async (tx) => {
    await lockMethods(tx, customerId);
    await tx.paymentMethod.update({
      where: { id: method.id },
      data: { removedAt: new Date(), isDefault: false, saved: false },
    });
    await ensureDefault(tx, customerId);
    await audit(
      {
        actorType: 'CUSTOMER',
        actorId: customerId,
        action: 'method.removed',
        subjectType: 'payment_method',
        subjectId: method.id,
        details: { brand: method.brand, last4: method.last4 },
      },
      tx,
    );
  });
}

/** Makes a saved method the one the pay form chooses first. */
export async function setDefaultMethod(customerId: string, methodId: string): Promise<void> {
  if (!isUuid(methodId)) throw new NotFoundError('That payment method');
  await transaction(async (tx) => {
    await lockMethods(tx, customerId);
    const method = await tx.paymentMethod.findFirst({
      where: { id: methodId, customerId, saved: true, removedAt: null },
      select: { id: true },
    });
    if (!method) throw new NotFoundError('That payment method');
    await tx.paymentMethod.updateMany({ where: { customerId, isDefault: true }, data: { isDefault: false } });
    await tx.paymentMethod.update({ where: { id: method.id }, data: { isDefault: true } });
  });
}

/** One change at a time to a customer's methods, so there is always at most one default. */
async function lockMethods(tx: Tx, customerId: string): Promise<void> {
  await tx.$executeRaw`SELECT 1 FROM "Customer" WHERE id = ${customerId}::uuid FOR UPDATE`;
}

async function ensureDefault(tx: Tx, customerId: string): Promise<void> {
  const hasDefault = await tx.paymentMethod.count({ where: { customerId, isDefault: true, removedAt: null } });
  if (hasDefault > 0) return;
  const newest = await tx.paymentMethod.findFirst({
    where: { customerId, saved: true, removedAt: null },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  if (newest) await tx.paymentMethod.update({ where: { id: newest.id }, data: { isDefault: true } });
}

/**
 * Stripe: the client secret of a SetupIntent for the customer's Stripe Customer, with which the
 * browser's Payment Element saves a new card or bank account at Stripe (the numbers never reach
 * this server). The pay form then sends the new PaymentMethod's id (MethodChoice 'token').
 */
export async function startAddingMethod(customerId: string): Promise<string> {
  const { createSetupIntent } = await import('@/lib/processor/stripe');
  const processor = paymentProcessor();
  if (processor.name !== 'stripe') throw new ProcessorError('not_stripe', 'Add your card or account on this page.');
  const { clientSecret } = await createSetupIntent(await processorCustomerFor(customerId, processor));
  return clientSecret;
}

export const DETACH_METHOD_TASK = 'detach_method';

/**
 * Removes every saved method of a customer who is leaving (in their closing transaction) and queues
 * each token's detachment at the processor: a job, retried until the processor answers.
 */
export async function removeAllMethods(tx: Tx, customerId: string): Promise<number> {
  const methods = await tx.paymentMethod.findMany({
    where: { customerId, removedAt: null },
    select: { id: true, token: true, processor: true, saved: true },
  });
  if (methods.length === 0) return 0;
  await tx.paymentMethod.updateMany({
    where: { id: { in: methods.map((m) => m.id) } },
    data: { removedAt: new Date(), isDefault: false, saved: false },
  });
  for (const method of methods.filter((m) => m.saved))
    await tx.$executeRaw`SELECT graphile_worker.add_job(${DETACH_METHOD_TASK}::text, json_build_object('token', ${method.token}::text, 'processor', ${method.processor}::text), max_attempts := 25)`;
  return methods.filter((m) => m.saved).length;
}

/** The job: detaches one token at the processor that issued it (a token of another processor is left alone). */
export async function detachQueuedMethod(
  payload: { token: string; processor: string },
  processor: PaymentProcessor = paymentProcessor(),
): Promise<void> {
  if (payload.processor !== processor.name) return;
  await processor.detachMethod(payload.token);
}
