// A work-around for a memory leak in React's server renderer and Next.js (react/react#37288,
// vercel/next.js#97434; the fix, react/react#37289, is not released). Every render aborts a few
// AbortControllers, most of them from inside a setImmediate callback, with an Error as the reason
// (`abort()` with no reason makes a DOMException, also an error). V8 keeps an error's stack as
// call-site records until something reads `.stack`; each record keeps its frame's receiver, here
// the Immediate the abort ran on. A finished Immediate keeps its links to the Immediates queued with
// it and the async context (the request's whole store) it was scheduled in, and the signal keeps
// its reason for as long as the request's store lives: so each render keeps the next ones, and the
// server's live heap grew with every request served (282 MB after 2,000 verifications and their
// receipts, docs/OPERATIONS.md).
//
// Reading `.stack` once makes V8 format the stack into a string and drop the records, and with
// them the receivers; the reason keeps its message and its stack text. Installed once, by
// scripts/server.mjs, before Next loads.

const installed = Symbol.for('utilitypay.abortReasonStacks');

/** Make every AbortController drop its reason's call-site records as soon as it aborts. */
export function releaseAbortReasonStacks() {
  const proto = AbortController.prototype;
  if (proto[installed]) return;
  const abort = proto.abort;
  Object.defineProperty(proto, installed, { value: true });
  Object.defineProperty(proto, 'abort', {
    configurable: true,
    writable: true,
    value: function abortReleasingStack(reason) {
      abort.call(this, reason);
      const stored = this.signal.reason;
      try {
        if (typeof stored === 'object' && stored !== null && 'stack' in stored) void stored.stack;
      } catch {
        // A reason whose `stack` getter throws keeps its own stack: the abort itself is done.
      }
    },
  });
}
