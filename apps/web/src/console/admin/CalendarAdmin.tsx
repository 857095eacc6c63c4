import { useCallback, useEffect, useMemo, useState } from 'react';
import { App, Button, Card, Col, Empty, Form, Input, Modal, Result, Row, Select, Space, Spin, Typography } from 'antd';
import dayjs from 'dayjs';
import { api, ApiError } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { FormError, useFormSubmit } from '../components/forms.tsx';
import { useToday } from '../session.ts';

interface YearData { year: number; notice: string; source: string; days: { date: string; kind: 'holiday' | 'makeup_workday'; name: string }[] }
type YearItem = number | { year: number; notice?: string; holidays?: number; workdays?: number };

/** One month as a grid (Monday first); colours come only from the server's list of days. */
function Month({ year, month, days }: { year: number; month: number; days: Map<string, YearData['days'][number]> }) {
  const WEEK = t('cal.weekdays').split(',');
  const first = dayjs(`${year}-${String(month + 1).padStart(2, '0')}-01`);
  const lead = (first.day() + 6) % 7;
  const n = first.daysInMonth();
  const cells: (number | null)[] = [...Array(lead).fill(null), ...Array.from({ length: n }, (_, i) => i + 1)];
  while (cells.length % 7) cells.push(null);
  const rows = Array.from({ length: cells.length / 7 }, (_, r) => cells.slice(r * 7, r * 7 + 7));
  return (
    <div className="month" data-testid={`month-${month + 1}`}>
      <h4>{t('cal.month', { m: month + 1 })}</h4>
      <table>
        <thead><tr>{WEEK.map((w) => <th key={w} scope="col">{w}</th>)}</tr></thead>
        <tbody>{rows.map((r, i) => <tr key={i}>{r.map((d, j) => {
          if (!d) return <td key={j} />;
          const iso = `${year}-${String(month + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          const info = days.get(iso);
          const cls = info ? (info.kind === 'holiday' ? 'day-holiday' : 'day-makeup') : j >= 5 ? 'day-weekend' : '';
          return <td key={j} className={cls} title={info ? `${iso} ${info.name}（${t(`cal.kind.${info.kind}`)}）` : iso} data-date={iso} data-kind={info?.kind}>{d}</td>;
        })}</tr>)}</tbody>
      </table>
    </div>
  );
}

/** 节假日: the official days off and 调休 workdays of each year, and loading a year from the 国务院办公厅 notice. */
export default function CalendarAdmin() {
  const { message } = App.useApp();
  // This year and the next are offered even when not loaded yet: this year by the server's Beijing date.
  const thisYear = Number(useToday().slice(0, 4));
  const [years, setYears] = useState<YearItem[]>([]);
  const [year, setYear] = useState<number>(thisYear);
  const [data, setData] = useState<YearData | null | 'unknown'>(null);
  const [loading, setLoading] = useState(false);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const { submit: send, busy, error: formError, setError: setFormError } = useFormSubmit(form, {
    opening: open, known: ['notice', 'source', 'holidays', 'workdays'],
    rename: (n) => (n[0] === 'workdays' ? ['workdays'] : n),
  });

  const loadYears = useCallback(() => api.get<YearItem[] | { items: YearItem[] }>('/api/v1/calendar/years')
    .then((r) => setYears(Array.isArray(r) ? r : r.items ?? []), () => undefined), []);
  const loadYear = useCallback(async (y: number) => {
    setLoading(true);
    try { setData(await api.get<YearData>(`/api/v1/calendar/${y}`)); }
    catch (e) {
      if (e instanceof ApiError && (e.code === 'calendar_year_unknown' || e.status === 404)) setData('unknown');
      else { setData(null); message.error((e as Error).message); }
    } finally { setLoading(false); }
  }, [message]);
  useEffect(() => { void loadYears(); }, [loadYears]);
  useEffect(() => { void loadYear(year); }, [year, loadYear]);

  const loaded = new Set(years.map((y) => (typeof y === 'number' ? y : y.year)));
  const yearOptions = [...new Set([...loaded, year, thisYear, thisYear + 1])].sort()
    .map((y) => ({ value: y, label: `${y}${loaded.has(y) ? '' : `（${t('cal.notLoaded')}）`}` }));
  const dayMap = useMemo(() => new Map(data && data !== 'unknown' ? data.days.map((d) => [d.date, d] as const) : []), [data]);

  async function submit() {
    const r = await send((v, keyFor) => api.put<{ holidays: number; workdays: number; recomputedClocks: number }>(`/api/v1/calendar/${year}`, {
      notice: v.notice, source: v.source, holidays: v.holidays ?? [], workdays: v.workdays ?? [],
    }, { 'Idempotency-Key': keyFor() }));
    if (!r) return;
    message.success(t('cal.loadedResult', { holidays: r.holidays, workdays: r.workdays, clocks: r.recomputedClocks }));
    setOpen(false);
    await loadYears(); await loadYear(year);
  }

  return (
    <Card size="small" title={t('nav.calendar')} extra={<Space>
      <Select value={year} onChange={setYear} options={yearOptions} style={{ width: 160 }} aria-label={t('cal.year')} data-testid="year-select" />
      <Button type="primary" onClick={() => { form.resetFields(); setFormError(null); setOpen(true); }}>{t('cal.load', { year })}</Button>
    </Space>}>
      <Spin spinning={loading}>
        {data === 'unknown' ? (
          <Result status="warning" title={t('cal.notLoadedTitle', { year })} subTitle={t('cal.notLoadedHelp')} data-testid="year-unknown" />
        ) : data ? (
          <>
            <Space orientation="vertical" style={{ marginBottom: 12 }}>
              <Typography.Text><strong>{t('cal.notice')}：</strong>{data.notice}</Typography.Text>
              <Typography.Text type="secondary">{t('cal.source')}：{data.source}</Typography.Text>
              <span className="legend">
                <span><i className="day-holiday" />{t('cal.kind.holiday')}</span>
                <span><i className="day-makeup" />{t('cal.kind.makeup_workday')}</span>
                <span className="day-weekend">{t('cal.weekend')}</span>
              </span>
            </Space>
            <div className="year-grid" data-testid="year-view">
              {Array.from({ length: 12 }, (_, m) => <Month key={m} year={data.year} month={m} days={dayMap} />)}
            </div>
          </>
        ) : <Empty />}
      </Spin>
      <Modal open={open} title={t('cal.load', { year })} onCancel={() => setOpen(false)} onOk={() => void submit()} confirmLoading={busy} width={640}
        destroyOnHidden>
        <Typography.Paragraph type="secondary">{t('cal.loadHelp')}</Typography.Paragraph>
        <FormError error={formError} />
        <Form form={form} layout="vertical">
          <Form.Item name="notice" label={t('cal.notice')} rules={[{ required: true }]}><Input placeholder={t('cal.noticePlaceholder')} /></Form.Item>
          <Form.Item name="source" label={t('cal.source')} rules={[{ required: true }]}><Input placeholder="https://www.gov.cn/…" /></Form.Item>
          <Form.List name="holidays">
            {(fields, { add, remove }) => (
              <>
                <Typography.Text strong>{t('cal.holidays')}</Typography.Text>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={10}><Form.Item name={[f.name, 'name']} rules={[{ required: true }]}><Input placeholder={t('cal.holidayName')} aria-label={t('cal.holidayName')} /></Form.Item></Col>
                    <Col span={10}><Form.Item name={[f.name, 'days']} rules={[{ required: true }]}><Input placeholder="10-01..10-07" aria-label={t('cal.holidayDays')} /></Form.Item></Col>
                    <Col span={4}><Button onClick={() => remove(f.name)}>{t('common.delete')}</Button></Col>
                  </Row>
                ))}
                <Form.Item><Button type="dashed" onClick={() => add()} block>{t('cal.addHoliday')}</Button></Form.Item>
              </>
            )}
          </Form.List>
          <Form.Item name="workdays" label={t('cal.workdays')} extra={t('cal.workdaysHelp')}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} placeholder="09-28" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
