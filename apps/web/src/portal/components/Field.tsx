import type { ReactNode } from 'react';

/** A portal form field: the label above its control and the server's message for it below (read out as an alert). */
export function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && <p className="error" id={`${id}-err`} role="alert">{error}</p>}
    </div>
  );
}

/** What belongs to no field (under '_' in usePublicForm's errors), above the form. */
export function FormAlert({ error }: { error?: string }) {
  return error ? <p className="alert" role="alert">{error}</p> : null;
}
