/**
 * The console's form submission, once: busy flag, one Idempotency-Key per opened form (reused on
 * every retry, renewed after success), and a failed request's problem+json put on the form — each
 * `errors[].path` on its field, what belongs to no field (or a 409 …) above the form.
 */
import { useCallback, useState, type CSSProperties } from 'react';
import { Alert, type FormInstance } from 'antd';
import { ApiError } from '../../lib/api.ts';
import { problemSummary, problemToFields, type ProblemOptions } from '../../lib/forms.ts';
import { useIdempotencyKeys, type KeyFor } from '../../lib/idempotency.ts';

/** Put a failed request on the form; returns what to show above it (null when the fields say it all). */
export function showProblem(form: FormInstance, err: unknown, opts: ProblemOptions = {}): string | null {
  if (!(err instanceof ApiError)) return (err as Error).message;
  const { fields, other } = problemToFields(err, opts);
  form.setFields(fields);
  return problemSummary(err, fields, other);
}

export interface FormSubmit {
  /**
   * Validate the form, then send: `send(values, keyFor)` makes the request(s), passing
   * `{ 'Idempotency-Key': keyFor() }` (or keyFor('step') for each of several requests).
   * Resolves to send's result, or undefined when validation or the request failed.
   */
  submit: <R>(send: (values: Record<string, unknown>, keyFor: KeyFor) => Promise<R>) => Promise<R | undefined>;
  busy: boolean;
  error: string | null;
  setError: (e: string | null) => void;
  keyFor: KeyFor;
}

export interface SubmitOptions extends ProblemOptions {
  /** A value that changes when the form is opened anew (a modal's `open`, the id edited): the keys are made anew. */
  opening?: unknown;
  /** A failure the screen handles itself (a 409: reload): return the message to show, or undefined for the usual handling. */
  onError?: (err: unknown) => string | null | undefined;
}

export function useFormSubmit(form: FormInstance, opts: SubmitOptions = {}): FormSubmit {
  const { keyFor, renew } = useIdempotencyKeys(opts.opening ?? true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { prefixes, known, rename, onError } = opts;
  const submit = useCallback(async <R,>(send: (values: Record<string, unknown>, keyFor: KeyFor) => Promise<R>): Promise<R | undefined> => {
    let values: Record<string, unknown>;
    try { values = await form.validateFields(); } catch { return undefined; } // the form shows what is missing
    setBusy(true); setError(null);
    try {
      const r = await send(values, keyFor);
      renew();
      return r;
    } catch (e) {
      const own = onError?.(e);
      setError(own !== undefined ? own : showProblem(form, e, { prefixes, known, rename }));
      return undefined;
    } finally { setBusy(false); }
  }, [form, keyFor, renew, prefixes, known, rename, onError]);
  return { submit, busy, error, setError, keyFor };
}

/** The message above a form (role=alert, so a screen reader says it). */
export function FormError({ error, style }: { error: string | null | undefined; style?: CSSProperties }) {
  return error ? <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12, ...style }} /> : null;
}
