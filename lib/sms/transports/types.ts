export type OutgoingSms = { id: string; to: string; text: string };

export type HandOff = {
  providerMessageId: string | null;
  /** DELIVERED when the transport itself is the destination (the development outbox). */
  status: 'SENT' | 'DELIVERED';
};

export interface SmsTransport {
  readonly name: 'outbox' | 'twilio' | 'http';
  /** Only the development outbox keeps a code message's text after delivery (for its inbox page). */
  readonly keepsText: boolean;
  /** Whether a repeated hand-off of the same message id is dropped by the provider. */
  readonly deduplicates: boolean;
  send(message: OutgoingSms): Promise<HandOff>;
}

/** A failure worth retrying (provider down, timeout) as opposed to a bug. */
export class TransportError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
    this.name = 'TransportError';
  }
}
