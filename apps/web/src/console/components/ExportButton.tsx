import { useState } from 'react';
import { App, Button } from 'antd';
import { download, type Query } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';

/** 导出 XLSX: the same list, same filters, `format=xlsx`. */
export function ExportButton({ path, query, name }: { path: string; query: Query; name: string }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button loading={busy} onClick={async () => {
      setBusy(true);
      try { await download(path, { ...query, cursor: undefined, format: 'xlsx' }, `${name}.xlsx`); message.success(t('common.exported', { name })); }
      catch (e) { message.error((e as Error).message); }
      finally { setBusy(false); }
    }}>{t('common.exportXlsx')}</Button>
  );
}
