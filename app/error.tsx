'use client';

import { ErrorPanel } from '@/components/ui/error-panel';

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <ErrorPanel
      title="Something went wrong on our side"
      text="Nothing you entered was lost and no payment was made twice. Please try again in a moment."
      digest={error.digest}
      reset={reset}
    />
  );
}
