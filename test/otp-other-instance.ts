// Plays a second app instance for lib/otp/challenge.test.ts: sends a sign-in code to the phone in
// argv[2], makes two wrong guesses, and prints the challenge id.
import { db } from '@/lib/db';
import { verifyChallenge } from '@/lib/otp/verify-challenge';
import { codeFor, send, wrong } from './otp-helpers';

const phone = process.argv[2]!;
const { challengeId } = await send('SIGN_IN', phone);
const code = await codeFor(challengeId);
for (let i = 0; i < 2; i++) {
  await verifyChallenge({
    challengeId,
    purpose: 'SIGN_IN',
    code: wrong(code),
    clientIp: null,
    onVerified: async () => null,
  }).catch(() => undefined);
}
await db().$disconnect();
console.log(challengeId);
