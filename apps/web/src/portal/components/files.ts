import { t } from '../../lib/i18n.ts';

/** What a case type accepts from the public (GET /api/v1/public/case-types/:type): the server checks the same. */
export interface AttachmentRule { maxFiles: number; maxBytes: number; basis: string; types: { mime: string; label: string; exts: string[] }[] }

/** A size as people read it: 340 KB, 2.5 MB. */
export const fileSize = (bytes: number) => (bytes < 1048576 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${Math.round((bytes / 1048576) * 10) / 10} MB`);

/** What the `accept` attribute of a file input offers for a rule. */
export const acceptOf = (rule: AttachmentRule) => [...rule.types.flatMap((x) => x.exts), ...rule.types.map((x) => x.mime)].join(',');

/** Why a chosen file cannot be sent under the rule (type by extension, size, empty), in plain Chinese; null when it can. */
export function fileProblem(rule: AttachmentRule, f: File): string | null {
  const lower = f.name.toLowerCase();
  if (!rule.types.flatMap((x) => x.exts).some((x) => lower.endsWith(x))) return t('files.badType', { name: f.name, types: rule.types.map((x) => x.label).join('、') });
  if (f.size > rule.maxBytes) return t('files.tooBig', { name: f.name, size: fileSize(rule.maxBytes) });
  if (f.size === 0) return t('files.empty', { name: f.name });
  return null;
}
