/**
 * A 补打 (reprint) is the stored original with a mark added at its top — 补打件（第 N 次补打）, when and by whom, and the
 * original's 文号 and SM3 — never a document generated again. The DOCX is opened, the mark is inserted, and it is
 * zipped again; everything else is the original's XML unchanged.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function para(text: string, size: number, font: string): string {
  const f = `<w:rFonts w:ascii="${font}" w:eastAsia="${font}" w:hAnsi="${font}" w:cs="${font}"/>`;
  return `<w:p><w:pPr><w:jc w:val="right"/><w:spacing w:line="360" w:lineRule="exact"/></w:pPr><w:r><w:rPr>${f}<w:color w:val="FF0000"/><w:sz w:val="${size}"/>`
    + `<w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

export interface ReprintMark { n: number; number: string; sm3: string; issuedOn: string; printedOn: string; printedBy: string }

export function reprintHeadline(m: Pick<ReprintMark, 'n'>): string {
  return `补打件（第 ${m.n} 次补打）`;
}

/**
 * The mark goes into the page headers (in the 天头, above the 版心: every page says it, no line of the original moves);
 * a DOCX without headers gets it at the top of its body instead.
 */
export function stampReprint(docx: Buffer, m: ReprintMark): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  const mark = para(reprintHeadline(m), 24, '黑体')
    + para(`原件文号 ${m.number}，出具于 ${m.issuedOn}；${m.printedOn} 由 ${m.printedBy} 补打；原件 SM3 ${m.sm3.slice(0, 16)}…`, 16, '宋体');
  const headers = Object.keys(files).filter((f) => /^word\/header\d+\.xml$/.test(f));
  const insertAfter = (name: string, tag: string) => {
    const xml = strFromU8(files[name]);
    const open = xml.indexOf(tag);
    if (open < 0) return false;
    const at = xml.indexOf('>', open) + 1;
    files[name] = strToU8(xml.slice(0, at) + mark + xml.slice(at));
    return true;
  };
  const stamped = headers.filter((h) => insertAfter(h, '<w:hdr'));
  if (!stamped.length && !insertAfter('word/document.xml', '<w:body')) throw new Error('not a DOCX document');
  return Buffer.from(zipSync(files));
}
