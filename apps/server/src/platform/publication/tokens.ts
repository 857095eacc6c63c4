/**
 * Chinese word segmentation for search (jieba, cut-for-search): two-character words such as 复议
 * are separate tokens, so a GIN index over text[] finds them (pg_trgm cannot).
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

let jieba: Jieba | null = null;
function seg(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

const PUNCT = /^[\s\p{P}\p{S}]+$/u;

/** Tokens stored with a document: every search sub-word, lower-cased, deduplicated. */
export function indexTokens(...texts: (string | null | undefined)[]): string[] {
  const out = new Set<string>();
  for (const t of texts) {
    if (!t) continue;
    for (const w of seg().cutForSearch(t, true)) {
      const x = w.trim().toLowerCase();
      if (x && !PUNCT.test(x)) out.add(x);
    }
  }
  return [...out];
}

/** Tokens of a query: all must be present in a document. Single characters are kept only if nothing longer is there. */
export function queryTokens(q: string): string[] {
  const words = [...new Set(seg().cut(q, true).map((w) => w.trim().toLowerCase()).filter((w) => w && !PUNCT.test(w)))];
  const long = words.filter((w) => [...w].length > 1);
  return long.length ? long : words;
}
