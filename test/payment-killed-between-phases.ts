// Plays an app process that dies between the phases of a charge, for lib/payments/charge.test.ts:
// confirms the payment in argv (customer id, payment id, code) with the sandbox, and is SIGKILLed
// the moment the processor has charged, before its answer is applied.
import { confirmPayment } from '@/lib/payments/confirm-payment';
import { sandboxProcessor } from '@/lib/processor/sandbox';

const [customerId, paymentId, code] = process.argv.slice(2) as [string, string, string];
await confirmPayment(
  { customerId, paymentId, code, clientIp: null },
  {
    ...sandboxProcessor,
    charge: async (request) => {
      await sandboxProcessor.charge(request);
      process.kill(process.pid, 'SIGKILL');
      return new Promise(() => {});
    },
  },
);
