import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { CodeForm, type CodeFormProps } from '@/components/otp/code-form';
import { clock } from '@/lib/clock';
import type { ChallengeStatus } from '@/lib/otp/get-challenge-status';

/** The server half of a code page: the challenge's state, or a way back when it is gone. */
export async function CodePage({
  status,
  startOverHref,
  ...form
}: { status: ChallengeStatus | null; startOverHref: string } & Pick<
  CodeFormProps,
  'verifyAction' | 'resendAction' | 'submitLabel' | 'pendingText' | 'hiddenFields'
>) {
  const t = await getTranslations('code');
  if (!status) {
    return (
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-5">
        <p>{t('pageExpired')}</p>
        <Link href={startOverHref} className="font-semibold text-brand-800 underline">
          {t('startAgain')}
        </Link>
      </div>
    );
  }
  const now = clock.now().getTime();
  return (
    <CodeForm
      {...form}
      challengeId={status.challengeId}
      phoneMasked={status.phoneMasked}
      attemptsLeft={status.attemptsLeft}
      expiresAt={status.expiresAt.toISOString()}
      expiresInSeconds={Math.max(0, Math.ceil((status.expiresAt.getTime() - now) / 1000))}
      resendAvailableAt={status.resendAvailableAt.toISOString()}
      resendInSeconds={Math.max(0, Math.ceil((status.resendAvailableAt.getTime() - now) / 1000))}
      closed={status.state !== 'open'}
    />
  );
}
