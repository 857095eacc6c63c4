import { useState } from 'react';
import { App, Button, Card, Progress, Typography, Upload } from 'antd';
import { api, download, upload } from '../../../lib/api.ts';
import { problemText } from '../../../lib/forms.ts';
import { t } from '../../../lib/i18n.ts';

interface Report { total: number; imported: number; rejected: { row: number; errors: { column: string; message: string }[] }[] }

/** 导出 XLSX (everyone) and 导入 XLSX (with `canImport`): upload, follow the import task, list the rejected rows. */
export function ImportExport({ canImport, onImported }: { canImport: boolean; onImported: () => void }) {
  const { message } = App.useApp();
  const [progress, setProgress] = useState<number | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  async function doImport(file: File) {
    setProgress(0); setReport(null);
    try {
      const r = await upload<Report & { taskId?: string }>('/api/v1/powers/import', file, (p) => setProgress(Math.min(p, 99)));
      if (r.taskId) {
        for (;;) {
          await new Promise((res) => setTimeout(res, 500));
          const tk = await api.get<{ status: string; done: number; total: number; result?: Report; error?: string }>(`/api/v1/tasks/${r.taskId}`);
          setProgress(tk.total ? Math.round((tk.done / tk.total) * 100) : 0);
          if (tk.status === 'done') { setReport(tk.result ?? null); break; }
          if (tk.status === 'failed') { message.error(tk.error ?? ''); break; }
        }
      } else setReport(r);
      setProgress(100);
      onImported();
    } catch (e) { message.error(problemText(e)); setProgress(null); }
  }
  return (
    <>
      <Button onClick={() => void download('/api/v1/powers/export.xlsx', {}, `${t('powers.list.title')}.xlsx`)}>{t('powers.io.export')}</Button>
      {canImport && <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => { void doImport(f); return false; }}>
        <Button>{t('powers.io.import')}</Button>
      </Upload>}
      {progress !== null && <Progress percent={progress} size="small" style={{ width: '100%' }} />}
      {report && <Card size="small" style={{ width: '100%' }}
        title={t('powers.io.imported', { imported: report.imported, rejected: report.rejected.length, total: report.total })}>
        <Typography.Paragraph type="secondary">{t('powers.io.layout')}</Typography.Paragraph>
        {report.rejected.slice(0, 200).map((r) => (
          <div key={r.row}>{t('powers.io.rejectedRow', { row: r.row, errors: r.errors.map((e) => `${e.column} ${e.message}`).join('；') })}</div>
        ))}
      </Card>}
    </>
  );
}
