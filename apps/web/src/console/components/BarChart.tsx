import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart as Bar } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([Bar, GridComponent, TooltipComponent, CanvasRenderer]);

/** Tree-shaken ECharts bar chart; loaded only by the dashboard (React.lazy). */
export default function BarChart({ data, unit, onClick, label }: {
  data: { key: string; label: string; value: number | null }[]; unit: string; label: string; onClick?: (key: string) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const click = useRef(onClick);
  click.current = onClick;
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    const crowded = data.length > 6 || data.reduce((n, d) => n + d.label.length, 0) * 13 > el.current.clientWidth - 60;
    chart.setOption({
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => `${v ?? '—'} ${unit}` },
      // Long or many labels: slant them and cut each to a width so that neighbours never overlap.
      xAxis: { type: 'category', data: data.map((d) => d.label), axisLabel: { interval: 0, rotate: crowded ? 30 : 0, width: crowded ? 96 : undefined, overflow: 'truncate' } },
      yAxis: { type: 'value' },
      series: [{ type: 'bar', data: data.map((d) => d.value), itemStyle: { color: '#1d4f91' }, barMaxWidth: 36 }],
    });
    chart.on('click', (p) => { const d = data[p.dataIndex]; if (d) click.current?.(d.key); });
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => { ro.disconnect(); chart.dispose(); };
  }, [data, unit]);
  return <div ref={el} style={{ width: '100%', height: 240 }} role="img" aria-label={`${label}：${data.map((d) => `${d.label} ${d.value ?? '—'}${unit}`).join('，')}`} />;
}
