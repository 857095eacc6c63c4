import type { ReactNode } from 'react';
import { linkClick } from '../../lib/router.ts';

/** A link inside the portal: client-side navigation, a real href for new tabs and crawlers. */
export function Link({ to, children }: { to: string; children: ReactNode }) {
  return <a href={to} onClick={(e) => linkClick(e, to)}>{children}</a>;
}
