import { useEffect, useState } from 'react';
import { Card, Col, List, Row, Select, Space, Tag, Typography } from 'antd';
import { api } from '../../../lib/api.ts';
import { t } from '../../../lib/i18n.ts';
import { useQueryState } from '../../../lib/router.ts';
import { MetricBoard } from '../../../console/components/MetricBoard.tsx';

interface Hot { key: string; current: number; previous: number }

/** 热线统计: the hotline's (or the mailbox's) metrics on the shared board, with its hotspots and frequent words. */
export default function Stats() {
  const { params, set } = useQueryState();
  const line = params.get('line') === 'mailbox' ? 'mailbox' : 'hotline';
  const [hot, setHot] = useState<{ categories: Hot[]; townships: Hot[] } | null>(null);
  const [words, setWords] = useState<{ word: string; tickets: number }[]>([]);
  useEffect(() => {
    api.get<typeof hot>('/api/v1/hotline/hotspots', { line }).then(setHot, () => setHot(null));
    api.get<{ keywords: { word: string; tickets: number }[] }>('/api/v1/hotline/keywords', { line, top: 20 })
      .then((r) => setWords(r.keywords), () => setWords([]));
  }, [line]);
  const lineSelect = (
    <Select value={line} onChange={(v) => set({ line: v === 'hotline' ? null : v })} aria-label={t('hotline.stats.line')}
      options={['hotline', 'mailbox'].map((l) => ({ value: l, label: t(`hotline.stats.line.${l}`) }))} />
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <MetricBoard title={t('hotline.stats.title')} modules={['hotline']} select={(d) => d.key.startsWith(`${line}.`)} extra={lineSelect} />
      <Row gutter={[12, 12]}>
        <Col xs={24} md={12}>
          <Card size="small" title={t('hotline.stats.hotspots')}>
            <Typography.Text strong>{t('hotline.field.category')}</Typography.Text>
            <List size="small" dataSource={hot?.categories ?? []} renderItem={(h) => <List.Item>{h.key}：{h.previous} → {h.current}</List.Item>} />
            <Typography.Text strong>{t('hotline.field.township')}</Typography.Text>
            <List size="small" dataSource={hot?.townships ?? []} renderItem={(h) => <List.Item>{h.key}：{h.previous} → {h.current}</List.Item>} />
          </Card>
        </Col>
        <Col xs={24} md={12}>
          <Card size="small" title={t('hotline.stats.keywords')}>
            <Space wrap>{words.map((w) => <Tag key={w.word}>{w.word} {w.tickets}</Tag>)}</Space>
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
