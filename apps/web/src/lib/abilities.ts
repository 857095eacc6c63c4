import { useMemo } from 'react';

/** What the server says this user may do on a case (CaseView.abilities). The UI only renders it. */
export interface CaseAbilities {
  view: boolean;
  reveal: boolean;
  /** May record an act with the time it happened (补录). */
  recordLate?: boolean;
  actions: { name: string; label: string; to: string; confirm?: string; danger: boolean; hasInput: boolean }[];
}

export function useCaseAbilities(abilities: CaseAbilities | undefined) {
  return useMemo(() => {
    const actions = abilities?.actions ?? [];
    const names = new Set(actions.map((a) => a.name));
    return {
      actions,
      canReveal: !!abilities?.reveal,
      recordLate: !!abilities?.recordLate,
      can: (action: string) => names.has(action),
      action: (name: string) => actions.find((a) => a.name === name),
    };
  }, [abilities]);
}
