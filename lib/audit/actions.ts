/**
 * Every action the audit log records, with how staff read it (the payment timeline, the audit
 * page). AuditEntry.action is one of these keys, so an action without a label does not compile.
 */
export const AUDIT_ACTION_LABELS = {
  'payment.created': 'Payment started by the customer',
  'payment.amount_changed': 'Amount changed before confirming (old code killed)',
  'payment.code_sent': 'Payment code requested',
  'payment.method_changed': 'Payment method changed before confirming (old code killed)',
  'payment.authorized': 'Code verified; amount reserved on the bill; sent to the processor',
  'payment.processed': 'Processor approved the charge',
  'payment.declined': 'Processor declined the charge',
  'payment.action_required': 'Bank asked the customer for an extra step (3-D Secure)',
  'payment.completed': 'Payment completed; bill updated',
  'payment.failed': 'Payment failed; reservation released',
  'payment.returned': 'Bank debit returned after settling; bill reversed; customer texted',
  'payment.refund_requested': 'Refund requested by staff; bill credited back',
  'payment.refunded': 'Refund issued by the processor; customer texted',
  'payment.refund_failed': 'Refund refused by the processor; nothing given back',
  'payment.processor_unreachable': 'Processor did not answer; left processing for reconciliation',
  'method.saved': 'Payment method saved by the customer',
  'method.removed': 'Payment method removed by the customer',
  'payment.cancelled': 'Cancelled by the customer',
  'payment.access_refused': 'Another customer tried to open this payment (refused)',
  'bill.access_refused': 'A customer tried to open a bill that is not theirs (refused)',
  'account.linked': 'Account linked by the customer',
  'account.link_refused': 'Account link refused (details did not match)',
  'customer.registered': 'Customer registered',
  'customer.signed_in': 'Customer signed in',
  'customer.opted_out': 'Replied STOP: no more texts to this number',
  'customer.opted_in': 'Replied START: texts allowed again',
  'customer.guessing_alerted': 'Customer texted: strangers entering wrong codes for their number',
  'staff.signed_in': 'Staff signed in',
  'staff.sign_in_refused': 'Staff sign-in refused',
  'staff.sign_in_limited': 'Staff sign-in refused: too many failures',
  'staff.viewed_payment': 'Viewed by staff',
  'staff.viewed_customer': 'Customer page viewed by staff',
  'staff.exported_payments': 'Payments exported (CSV)',
  'staff.exported_settlement': 'Settlement report exported (CSV)',
  'staff.imported_bills': 'Bills imported',
  'staff.retried_sms': 'Dead text sent again',
  'staff.changed_fees': 'Convenience fees changed',
  'staff.changed_sms_countries': 'Countries whose numbers get texts changed',
  'staff.unlocked_phone': "Phone's wrong-code budgets cleared",
  'staff.user_added': 'Staff user added',
  'staff.user_disabled': 'Staff user disabled',
  'staff.user_enabled': 'Staff user enabled',
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export function auditActionLabel(action: string): string {
  return (AUDIT_ACTION_LABELS as Record<string, string>)[action] ?? action;
}
