import { useEffect, useState } from 'react';
import { api } from './api.ts';

/** A deadline rule in force today, with the county's override (GET /api/v1/rules): law as data, never typed in the web. */
export interface RuleInForce {
  key: string; label: string; unit: 'workdays' | 'days' | 'hours'; length: number; yellowWithin: number; maxExtension: number | null;
  basis: string; sourced: boolean; configurable: boolean; effectiveFrom: string; effectiveTo: string | null; local: boolean;
}

const cache = new Map<string, Promise<Record<string, RuleInForce>>>();

/** The rules with these keys, by key (one request per set of keys, shared by every caller). */
export function loadRules(keys: string[]): Promise<Record<string, RuleInForce>> {
  const id = [...keys].sort().join(',');
  let p = cache.get(id);
  if (!p) {
    p = api.get<{ items: RuleInForce[] }>('/api/v1/rules', { keys: id }).then((r) => Object.fromEntries(r.items.map((x) => [x.key, x])));
    p.catch(() => cache.delete(id));
    cache.set(id, p);
  }
  return p;
}

/** React hook over loadRules: `{}` until the rules have come. */
export function useRules(...keys: string[]): Record<string, RuleInForce> {
  const id = keys.join(',');
  const [rules, setRules] = useState<Record<string, RuleInForce>>({});
  useEffect(() => {
    let live = true;
    loadRules(id.split(',')).then((r) => { if (live) setRules(r); }, () => undefined);
    return () => { live = false; };
  }, [id]);
  return rules;
}
