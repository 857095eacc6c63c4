import { useCallback, useEffect, useRef } from 'react';
import { newIdempotencyKey } from './api.ts';

export type KeyFor = (step?: string) => string;

/**
 * One Idempotency-Key per opened form and per request it sends: made when the form opens (or
 * when `open` turns true again), reused on every retry of that submission — a double click or a
 * retry after a lost answer does not act twice — and renewed once the submission has succeeded,
 * so that the next one (the form stays open for the next call) is a new request. `opening`: a value
 * that changes when the form is opened anew (a modal's `open`, the id of the record being edited). A submission
 * that sends two requests (register, then dispatch) names each step: `keyFor('open')`, `keyFor('dispatch')`.
 */
export function useIdempotencyKeys(opening: unknown = true): { keyFor: KeyFor; renew: () => void } {
  const keys = useRef(new Map<string, string>());
  useEffect(() => { keys.current = new Map(); }, [opening]);
  const keyFor = useCallback<KeyFor>((step = 'submit') => {
    let k = keys.current.get(step);
    if (!k) { k = newIdempotencyKey(); keys.current.set(step, k); }
    return k;
  }, []);
  const renew = useCallback(() => { keys.current = new Map(); }, []);
  return { keyFor, renew };
}
