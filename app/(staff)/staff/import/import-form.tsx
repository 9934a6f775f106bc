'use client';

import { useActionState } from 'react';
import { SubmitButton } from '@/components/ui/submit-button';
import { importBillsAction, type ImportState } from './actions';

export function ImportForm() {
  const [state, action] = useActionState<ImportState, FormData>(importBillsAction, { status: 'idle' });
  return (
    <div className="space-y-5">
      <form action={action} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="space-y-1">
          <label htmlFor="file" className="block font-medium">
            Billing export (CSV)
          </label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required className="block" />
        </div>
        <SubmitButton pendingText="Importing…">Import bills</SubmitButton>
      </form>
      {state.status === 'error' ? (
        <p role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-red-900">
          {state.message}
        </p>
      ) : null}
      {state.status === 'done' ? (
        <section aria-labelledby="report" className="space-y-3" data-testid="import-report">
          <h2 id="report" className="text-lg font-semibold">
            Report for {state.fileName}
          </h2>
          <p role="status">
            {state.report.rows} rows: {state.report.created} bills created, {state.report.updated} updated,{' '}
            {state.report.unchanged} unchanged, {state.report.rejected.length} rejected.
          </p>
          {state.report.rejected.length > 0 ? (
            <table className="w-full text-left text-sm">
              <caption className="text-left font-semibold">Rejected rows</caption>
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {state.report.rejected.map((r) => (
                  <tr key={r.line} className="border-t border-slate-200">
                    <td className="py-1 pr-4">{r.line}</td>
                    <td>{r.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
