'use client';

import { useState } from 'react';

export function CopyButton({ value, label }: { value: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      onClick={async () => {
        await navigator.clipboard.writeText(value).catch(() => undefined);
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      }}
      className="rounded border border-slate-300 bg-white px-2 py-1 text-sm font-medium text-brand-800 hover:bg-brand-50"
      aria-label={label}
    >
      {copied ? 'Copied' : 'Copy'}
    </button>
  );
}
