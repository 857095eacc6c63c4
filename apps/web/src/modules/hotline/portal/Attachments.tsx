import { useEffect, useState, type ChangeEvent } from 'react';
import { t } from '../../../lib/i18n.ts';
import './hotline.css';

import { acceptOf, fileProblem, fileSize as size, type AttachmentRule } from '../../../portal/components/files.ts';

export type { AttachmentRule };

/** A preview of a chosen image (an object URL, released when the file leaves the list). */
function Thumb({ file }: { file: File }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file.type.startsWith('image/')) return;
    const u = URL.createObjectURL(file);
    setUrl(u);
    return () => URL.revokeObjectURL(u);
  }, [file]);
  return url ? <img className="hl-thumb" src={url} alt={t('hotline.files.preview', { name: file.name })} data-testid="hl-thumb" /> : null;
}

/**
 * File input for a public submission: label, a hint with the limits, the chosen files with remove
 * buttons, and the same checks as the server (count, size, type by extension) before sending.
 * `errors` are the server's, keyed 'files' and 'files.<index>'.
 */
export function AttachmentsField({ id, rule, files, onChange, errors }: {
  id: string; rule: AttachmentRule; files: File[]; onChange: (files: File[]) => void; errors: Record<string, string>;
}) {
  const [problems, setProblems] = useState<string[]>([]);
  const labels = rule.types.map((x) => x.label).join('、');
  function choose(e: ChangeEvent<HTMLInputElement>) {
    const chosen = [...(e.target.files ?? [])];
    e.target.value = ''; // the same file may be chosen again after removing it
    const next = [...files];
    const found: string[] = [];
    for (const f of chosen) {
      const problem = fileProblem(rule, f);
      if (problem) found.push(problem);
      else if (next.length >= rule.maxFiles) found.push(t('hotline.files.tooMany', { n: rule.maxFiles, name: f.name }));
      else next.push(f);
    }
    setProblems(found);
    onChange(next);
  }
  const hintId = `${id}-hint`;
  const shown = [...problems, ...(errors.files ? [errors.files] : [])];
  return (
    <div className="field hl-files">
      <span className="label" id={`${id}-label`}>{t('hotline.files.label')}</span>
      <p className="hint" id={hintId}>{t('hotline.files.hint', { n: rule.maxFiles, size: size(rule.maxBytes), types: labels })}</p>
      {/* The browser's own file button speaks the browser's language; this label is the button, in Chinese. */}
      <input id={id} className="sr-only" type="file" multiple accept={acceptOf(rule)} aria-labelledby={`${id}-label`} aria-describedby={hintId}
        aria-invalid={shown.length > 0 || files.some((_, i) => errors[`files.${i}`]) ? true : undefined} disabled={files.length >= rule.maxFiles} onChange={choose} />
      <label htmlFor={id} className="hl-file-button" aria-hidden="true">{t(files.length ? 'hotline.files.chooseMore' : 'hotline.files.choose')}</label>
      {shown.map((p) => <p key={p} className="error" role="alert">{p}</p>)}
      {files.length > 0 && (
        <ul className="hl-file-list" aria-label={t('hotline.files.chosen', { n: files.length, max: rule.maxFiles })}>
          {files.map((f, i) => (
            <li key={`${f.name}-${f.size}-${f.lastModified}`}>
              <Thumb file={f} />
              <span className="hl-file-name">{f.name} <span className="muted">（{size(f.size)}）</span></span>
              <button type="button" className="hl-file-remove" aria-label={t('hotline.files.removeName', { name: f.name })}
                onClick={() => { setProblems([]); onChange(files.filter((_, j) => j !== i)); }}>{t('hotline.files.remove')}</button>
              {errors[`files.${i}`] && <p className="error" role="alert">{errors[`files.${i}`]}</p>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
