/**
 * Chinese word segmentation (jieba) for 并单 similarity, 知识库 search and the top keywords of
 * ticket text. The dictionary is loaded once, lazily (≈120 ms).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
const seg = () => (jieba ??= Jieba.withDict(dict));

/** Words that say nothing about what a ticket is about. */
const STOP = new Set([
  '我们', '你们', '他们', '这个', '那个', '一个', '没有', '可以', '现在', '希望', '要求', '反映', '问题', '情况', '市民', '来电', '诉求', '相关', '部门',
  '请求', '解决', '处理', '进行', '已经', '还是', '就是', '因为', '所以', '但是', '如果', '什么', '怎么', '时候', '目前', '一直', '非常', '以及', '关于',
  '咨询', '投诉', '举报', '建议', '求助', '是否', '能否', '自己', '今天', '昨天', '每天', '多次', '不能', '不是', '这里', '那里', '附近',
]);

/** Content words of a text (≥ 2 characters, no stop words, no numbers), in order. */
export function keywordsOf(text: string): string[] {
  return seg().cut(text, true).map((w) => w.trim()).filter((w) => w.length >= 2 && !STOP.has(w) && /[\u4e00-\u9fa5]/.test(w));
}

/** The most frequent content words across texts; each text counts a word once. */
export function topKeywords(texts: string[], top: number): { word: string; tickets: number }[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of new Set(keywordsOf(t))) counts.set(w, (counts.get(w) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, top).map(([word, tickets]) => ({ word, tickets }));
}
