import { useEffect, useState } from 'react';
import { api, loadOnce } from '../../lib/api.ts';
import type { JsonSchema } from './SchemaForm.tsx';

export interface CaseTypeInfo {
  type: string; label: string; prefix: string;
  states: Record<string, { label: string; terminal?: boolean }>;
  create: { label: string; schema: JsonSchema; roles?: string[]; allowed?: boolean };
  actions: Record<string, { label: string; to: string; roles: string[]; schema?: JsonSchema | null; confirm?: string }>;
  canCreate?: boolean;
}

/** The case types with their workflows (GET /api/v1/case-types), loaded once. */
export const caseTypes = loadOnce(() => api.get<CaseTypeInfo[] | { items: CaseTypeInfo[] }>('/api/v1/case-types')
  .then((r) => (Array.isArray(r) ? r : r.items ?? [])));

/** A workflow's definition (its states with their labels, …) once loaded: the web keeps no local copy of state names. */
export function useCaseType(type: string): CaseTypeInfo | null {
  const [info, setInfo] = useState<CaseTypeInfo | null>(null);
  useEffect(() => {
    let live = true;
    caseTypes().then((ts) => { if (live) setInfo(ts.find((x) => x.type === type) ?? null); }, () => undefined);
    return () => { live = false; };
  }, [type]);
  return info;
}

export interface MetricDef {
  key: string; label: string; definition: string; unit: string; basis: string; module: string; dimensions: { key: string; label: string }[];
}

/** The registered metrics (GET /api/v1/metrics), loaded once. */
export const metricDefs = loadOnce(() => api.get<MetricDef[] | { items: MetricDef[] }>('/api/v1/metrics')
  .then((r) => (Array.isArray(r) ? r : r.items ?? [])));

export interface Org { id: string; code: string; name: string; kind: string; parentId: string | null; regionCode: string; path?: string; creditCode?: string | null; establishedOn?: string }

export async function listOrgs(): Promise<Org[]> {
  const r = await api.get<Org[] | { items: Org[] }>('/api/v1/orgs');
  return Array.isArray(r) ? r : r.items ?? [];
}

export interface TreeNode { key: string; value: string; title: string; children?: TreeNode[] }
export function orgTree(orgs: Org[]): TreeNode[] {
  const nodes = new Map<string, TreeNode>(orgs.map((o) => [o.id, { key: o.id, value: o.id, title: o.name }]));
  const roots: TreeNode[] = [];
  for (const o of orgs) {
    const n = nodes.get(o.id) as TreeNode;
    const parent = o.parentId ? nodes.get(o.parentId) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  return roots;
}
