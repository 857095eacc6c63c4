import { useCallback, useEffect, useState } from 'react';
import { api } from '../../../lib/api.ts';

/** A 派单目录 node as the server lists it (GET /api/v1/hotline/catalog?all=true). */
export interface Cat {
  id: string; code: string; name: string; initials: string; keywords: string; orgId: string | null; orgName: string | null; groupName: string | null;
  parentCode: string | null; leaf: boolean; limitRule: string | null; limit: { label: string; length: number; unit: string; sourced: boolean } | null;
  facts: { code: string; label: string; datatype: string; required: boolean; values?: { key: string; name: string }[] }[]; active: boolean;
}
export interface Kb { id: string; question: string; answer: string; basis: string; version: number }

/** The whole 派单目录 (active and not), reloadable after an edit. */
export function useCatalog(): { cats: Cat[]; reload: () => void } {
  const [cats, setCats] = useState<Cat[]>([]);
  const reload = useCallback(() => { api.get<Cat[]>('/api/v1/hotline/catalog', { all: 'true' }).then(setCats, () => setCats([])); }, []);
  useEffect(reload, [reload]);
  return { cats, reload };
}

/** The rules a catalogue node may name as its 办理时限 (their lengths come from GET /api/v1/rules). */
export const LIMIT_RULES = ['hotline.citizen', 'hotline.citizen.complex', 'hotline.citizen.sameday'];
