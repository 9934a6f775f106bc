import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The leak scripts/abort-reason-stacks.mjs works around, in miniature: an AbortController aborted
// from inside a method (as React aborts from inside a setImmediate callback) keeps that method's
// receiver alive through its reason's stack for as long as the signal lives. Run in a Node of its
// own with `--expose-gc`, once without the work-around (the leak is there: the test proves it can
// see it) and once with it.
const moduleUrl = `file://${path.join(import.meta.dirname, '..', 'scripts', 'abort-reason-stacks.mjs')}`;

function receiverSurvives(workAround: boolean, reason: 'error' | 'none'): boolean {
  const program = `
    const { releaseAbortReasonStacks } = await import(${JSON.stringify(moduleUrl)});
    if (${workAround}) releaseAbortReasonStacks();
    const signals = [];
    let receiver;
    await new Promise((resolve) => {
      const controller = new AbortController();
      signals.push(controller.signal);
      const request = {
        payload: new Array(100_000).fill(7),
        finish() { controller.abort(${reason === 'error' ? "new Error('This render completed.')" : ''}); },
      };
      receiver = new WeakRef(request);
      setImmediate(() => { request.finish(); resolve(); });
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    globalThis.gc();
    if (!signals[0].aborted) throw new Error('not aborted');
    if (${reason === 'error'} && signals[0].reason.message !== 'This render completed.') throw new Error('reason lost');
    console.log(JSON.stringify({ survives: receiver.deref() !== undefined, stack: String(signals[0].reason.stack).split('\\n').length }));
  `;
  const run = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', program], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  const { survives, stack } = JSON.parse(run.stdout) as { survives: boolean; stack: number };
  expect(stack).toBeGreaterThan(1); // the reason keeps its stack text either way
  return survives;
}

describe('an aborted signal does not keep what aborted it alive', () => {
  it.each(['error', 'none'] as const)('reason: %s', (reason) => {
    expect(receiverSurvives(false, reason)).toBe(true);
    expect(receiverSurvives(true, reason)).toBe(false);
  });
});
