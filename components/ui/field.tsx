import type { InputHTMLAttributes } from 'react';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  hint?: string;
  errors?: string[];
};

/** A labelled input whose hint and errors are tied to it (aria-describedby) and announced. */
export function Field({ label, name, hint, errors, id, className, ...input }: FieldProps) {
  const inputId = id ?? name;
  const hintId = hint ? `${inputId}-hint` : undefined;
  const errorId = `${inputId}-error`;
  const invalid = Boolean(errors?.length);
  return (
    <div className="space-y-1">
      <label htmlFor={inputId} className="block font-medium text-slate-900">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="text-sm text-slate-600">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, invalid ? errorId : undefined].filter(Boolean).join(' ') || undefined}
        className={`block w-full rounded-md border bg-white px-3 py-2.5 text-lg text-slate-900 shadow-sm focus:outline-none focus:ring-3 focus:ring-brand-600/40 ${invalid ? 'border-red-700' : 'border-slate-400'} ${className ?? ''}`}
        {...input}
      />
      <FieldErrors id={errorId} errors={errors} />
    </div>
  );
}

/** A field's errors, announced as they appear; `id` is what the input's aria-describedby names. */
export function FieldErrors({ id, errors }: { id: string; errors?: string[] }) {
  return (
    <div id={id} aria-live="polite" className="min-h-0">
      {errors?.map((error) => (
        <p key={error} className="text-sm font-medium text-red-800">
          {error}
        </p>
      ))}
    </div>
  );
}
