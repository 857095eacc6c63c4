/** Reading DOCX files in tests: the text of a part (the body, or a header), one line per paragraph. */
import { strFromU8, unzipSync } from 'fflate';

export function docxText(buf: Buffer, part = 'word/document.xml'): string {
  const xml = strFromU8(unzipSync(new Uint8Array(buf))[part]);
  return xml.replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
}
