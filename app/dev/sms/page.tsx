import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { isLocalRequest } from '@/lib/request/client-ip';
import { devInboxEnabled, listInboxMessages } from '@/lib/sms/inbox';
import { formatTimeIn } from '@/lib/clock/format';
import { formatPhone } from '@/lib/phone';
import { requireUtility } from '@/lib/utility';
import { AutoRefresh } from './auto-refresh';
import { CopyButton } from './copy-button';
import { replyAsCustomerAction } from './actions';
import { ReplyForm } from './reply-form';

export const metadata: Metadata = { title: 'Development SMS inbox', robots: { index: false } };

export default async function DevSmsInboxPage() {
  // Development only, and only to this machine: it shows every code sent.
  if (!devInboxEnabled() || !isLocalRequest(await headers())) notFound();
  const [messages, utility] = await Promise.all([listInboxMessages(), requireUtility()]);
  return (
    <div className="space-y-4">
      <AutoRefresh />
      <div>
        <h1 className="text-2xl font-bold">Development SMS inbox</h1>
        <p className="text-slate-700">
          Texts the app sent, newest first. This page exists only in development; in production texts go to Twilio or
          your gateway.
        </p>
      </div>
      <ReplyForm action={replyAsCustomerAction} defaultFrom={messages[0] ? formatPhone(messages[0].to) : ''} />
      {messages.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-700">No texts yet.</p>
      ) : (
        <ul className="space-y-3" aria-label="Texts">
          {messages.map((m) => (
            <li key={m.id} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="sms">
              <div className="flex flex-wrap items-baseline justify-between gap-2 text-sm text-slate-600">
                <span>
                  To <span className="font-medium text-slate-900">{formatPhone(m.to)}</span> ·{' '}
                  {m.kind.replaceAll('_', ' ').toLowerCase()} · {m.status.toLowerCase()}
                </span>
                <time dateTime={m.createdAt.toISOString()}>{formatTimeIn(m.createdAt, utility.timeZone)}</time>
              </div>
              <p className="mt-2 whitespace-pre-wrap font-mono text-sm" data-testid="sms-text">
                {m.text ?? '(waiting to be sent…)'}
              </p>
              {m.code ? (
                <div className="mt-2 flex items-center gap-3">
                  <span className="font-mono text-2xl font-bold tracking-widest" data-testid="sms-code">
                    {m.code}
                  </span>
                  <CopyButton value={m.code} label={`Copy code ${m.code}`} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
