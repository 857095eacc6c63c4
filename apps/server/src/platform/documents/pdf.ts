/**
 * PDF from DOCX with LibreOffice (`soffice --headless --convert-to pdf`), where it is installed: in a temporary
 * directory, one conversion at a time (a shared profile), with a timeout. Without LibreOffice the API answers 503 with
 * a Chinese message and DOCX keeps working. `YIFA_SOFFICE` names the binary (default: `soffice` on the PATH).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../http/problem.ts';

export const PDF_TIMEOUT_MS = 90_000;
export const NO_LIBREOFFICE = '本服务器未安装 LibreOffice，不能生成 PDF；请下载 DOCX 版本打印（管理员可安装 libreoffice-writer-nogui）';

/** The soffice binary, or null when it is not installed. */
export function sofficePath(): string | null {
  const named = process.env.YIFA_SOFFICE;
  if (named) return fs.existsSync(named) ? named : null;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const p = path.join(dir, 'soffice');
    if (dir && fs.existsSync(p)) return p;
  }
  return null;
}

export function pdfStatus(): { available: boolean; message: string | null } {
  return sofficePath() ? { available: true, message: null } : { available: false, message: NO_LIBREOFFICE };
}

let queue: Promise<unknown> = Promise.resolve();
const profile = path.join(os.tmpdir(), `yifa-soffice-${process.pid}`);

function convert(soffice: string, docx: Buffer): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yifa-pdf-'));
  const file = path.join(dir, 'document.docx');
  fs.writeFileSync(file, docx);
  return new Promise<Buffer>((resolve, reject) => {
    execFile(soffice, ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', dir, file],
      { timeout: PDF_TIMEOUT_MS, killSignal: 'SIGKILL' }, (err) => {
        const out = path.join(dir, 'document.pdf');
        try {
          if (err && (err as { killed?: boolean }).killed) reject(new AppError('not_ready', `生成 PDF 超时（${PDF_TIMEOUT_MS / 1000} 秒），请稍后再试或下载 DOCX 版本`));
          else if (!fs.existsSync(out)) reject(new AppError('not_ready', `LibreOffice 未能生成 PDF${err ? `：${err.message.slice(0, 200)}` : ''}；请下载 DOCX 版本`));
          else resolve(fs.readFileSync(out));
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      });
  });
}

/** The PDF of a DOCX; 503 (not_ready, in Chinese) when LibreOffice is missing, fails or times out. */
export function docxToPdf(docx: Buffer): Promise<Buffer> {
  const soffice = sofficePath();
  if (!soffice) return Promise.reject(new AppError('not_ready', NO_LIBREOFFICE));
  const next = queue.then(() => convert(soffice, docx));
  queue = next.catch(() => undefined);
  return next;
}
