import { sql } from 'kysely';
import type { MetricDef, MetricScope } from '../../platform/metrics/registry.ts';
import { caseOrgScope, kitMetric, period } from '../../platform/metrics/kit.ts';

const M = 'laws';

/**
 * Documents (cases) with a cited basis flagged and not yet dealt with at the end of the period: flagged by then and not
 * resolved by then. One record per document, however many of its bases changed.
 */
const flagged = (s: MetricScope) => {
  const p = period(s);
  return sql`from cases c
    where c.region_code = ${s.region} and exists (select 1 from law_citations lc where lc.case_id = c.id and lc.flagged_at <= ${p.to}
      and (lc.resolved_at is null or lc.resolved_at > ${p.to}))
    ${caseOrgScope(s, 'c.id')}`;
};
const open = (p: string) => `(select string_agg(distinct l.title || '（' || lc.flag_reason || '）', '；') from law_citations lc join laws l on l.id = lc.law_id
  where lc.case_id = c.id and lc.flagged_at <= ${p} and (lc.resolved_at is null or lc.resolved_at > ${p}))`;

export const lawsMetrics: MetricDef[] = [
  kitMetric({
    key: 'laws.flagged_documents', module: M, label: '依据变化待清理文件数', unit: '件',
    definition: '统计期末，引用的法律、法规、规章在文件施行后被修改或废止、尚未处理（修改、废止文件或决定继续有效）的文件件数；一件文件多项依据变化的计一件。',
    basis: '国办发〔2018〕37号（规范性文件清理）；口径为本平台定义（未见全国统一公式）',
    from: flagged, value: { count: true },
    groups: {
      type: { label: '文件类型', expr: `(select label from (values ('legality_review', '合法性审查'), ('normative', '规范性文件')) t(k, label) where t.k = c.type)` },
      drafting_org: {
        label: '起草单位', expr: `(select o.name from case_orgs co join orgs o on o.id = co.org_id where co.case_id = c.id and co.role = 'assist' limit 1)`,
      },
    },
    drill: {
      select: `c.id, c.number, c.title, c.filed_on::text as filed_on, ${open('now()')} as bases`,
      order: 'c.number',
      columns: [{ key: 'number', label: '编号' }, { key: 'title', label: '文件名称' }, { key: 'filedOn', label: '登记日期' }, { key: 'bases', label: '变化的依据' }],
    },
  }),
];
