'use client';

import { useTranslations } from 'next-intl';
import { ErrorPanel } from '@/components/ui/error-panel';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations('errorPage');
  return (
    <ErrorPanel
      title={t('title')}
      text={t('text')}
      digest={error.digest}
      reset={reset}
      labels={{
        reference: (digest) =>
          t.rich('reference', { digest, code: (chunks) => <code className="font-mono">{chunks}</code> }),
        tryAgain: t('tryAgain'),
        home: t('home'),
      }}
    />
  );
}
