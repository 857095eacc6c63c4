import type { ReactNode } from 'react';
import { Tag } from 'antd';
import { t } from '../../lib/i18n.ts';

const COLOR: Record<string, string> = { normal: 'green', yellow: 'gold', red: 'red' };

/** 正常 / 黄牌 / 红牌 of a deadline (the ledger's warning level); with children, they are shown in the level's colour (a due date). */
export function LevelTag({ level, children }: { level: string | null | undefined; children?: ReactNode }) {
  const l = level ?? 'normal';
  return <Tag color={COLOR[l] ?? 'default'}>{children ?? t(`level.${l}`)}</Tag>;
}
