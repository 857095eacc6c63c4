import { addDays, legalDateOf, beijingTime } from '@yifa/contracts';
import type { Ctx } from '../../platform/context.ts';
import type { DemoCounty } from '../../demo/seed.ts';
import { ManualClock } from '../../platform/clock.ts';
import { userActor } from '../../platform/auth/actor.ts';
import { itemFields, type Snapshot } from './store.ts';
import { openCaseInTrx } from '../../platform/cases/engine.ts';
import { ADJUSTMENT_TYPE, decideAdjustmentInTrx, type AdjustmentBody } from './adjustments.ts';
import { recordServiceVersionInTrx } from './catalogue.ts';
import { designateInTrx } from '../../platform/orgs/designations.ts';
import { gongwenDocx, type Cell } from '../../platform/documents/gongwen.ts';
import { storeFileInTrx } from '../../platform/files/store.ts';
import type { Tx } from '../../platform/db/client.ts';

type Row = [code: string, name: string, type: Snapshot['type'], org: string, law: string, article: string, duties: string, opts?: { level?: 'township'; tk?: '法定' | '赋予'; delegable?: boolean; delegate?: string[] }];

const D_XK = '受理；审查；决定；送达；事后监管；其他法律法规规章文件规定应履行的责任';
const D_CF = '立案；调查；审查；告知；决定；送达；执行；其他法律法规规章文件规定应履行的责任';
const D_JC = '检查；处置；事后监管；其他法律法规规章文件规定应履行的责任';

/** A realistic small 权责清单 of 示范县 (dozens of items across the demo departments and townships). */
const ITEMS: Row[] = [
  ['XK-001', '食品经营许可', '行政许可', 'scjgj', '《中华人民共和国食品安全法》', '第三十五条', D_XK],
  ['XK-002', '公共场所卫生许可', '行政许可', 'xzspj', '《公共场所卫生管理条例》', '第八条', D_XK],
  ['XK-003', '建筑工程施工许可证核发', '行政许可', 'zjj', '《中华人民共和国建筑法》', '第七条', D_XK],
  ['XK-004', '道路货物运输经营许可', '行政许可', 'jtysj', '《中华人民共和国道路运输条例》', '第二十四条', D_XK],
  ['XK-005', '民办学校办学许可', '行政许可', 'jyj', '《中华人民共和国民办教育促进法》', '第十二条', D_XK],
  ['XK-006', '人力资源服务许可', '行政许可', 'rsj', '《人力资源市场暂行条例》', '第十八条', D_XK],
  ['XK-007', '城市建筑垃圾处置核准', '行政许可', 'xzspj', '《国务院对确需保留的行政审批项目设定行政许可的决定》', '第101项', D_XK],
  ['XK-008', '设置大型户外广告及在城市建筑物、设施上悬挂、张贴宣传品审批', '行政许可', 'xzspj', '《城市市容和环境卫生管理条例》', '第十一条', D_XK],
  ['XK-009', '市场主体设立登记', '行政许可', 'scjgj', '《中华人民共和国市场主体登记管理条例》', '第三条', D_XK],
  ['XK-010', '特种设备使用登记', '行政许可', 'scjgj', '《中华人民共和国特种设备安全法》', '第三十三条', D_XK],
  ['XK-011', '排污许可', '行政许可', 'sthjj', '《排污许可管理条例》', '第三条', D_XK],
  ['XK-012', '乡村建设规划许可', '行政许可', 'cgz', '《中华人民共和国城乡规划法》', '第四十一条', D_XK, { level: 'township', tk: '法定' }],
  ['XK-013', '农村村民宅基地审批', '行政许可', 'cgz', '《中华人民共和国土地管理法》', '第六十二条', D_XK, { level: 'township', tk: '法定' }],
  ['XK-014', '临时占用城市道路审批', '行政许可', 'xzspj', '《城市道路管理条例》', '第三十一条', D_XK, { delegable: true, delegate: ['cgz', 'fmjd'] }],
  ['CF-001', '对生产经营不符合食品安全标准食品的处罚', '行政处罚', 'scjgj', '《中华人民共和国食品安全法》', '第一百二十四条', D_CF],
  ['CF-002', '对未取得食品生产经营许可从事食品生产经营活动的处罚', '行政处罚', 'scjgj', '《中华人民共和国食品安全法》', '第一百二十二条', D_CF],
  ['CF-003', '对超过大气污染物排放标准排放大气污染物的处罚', '行政处罚', 'sthjj', '《中华人民共和国大气污染防治法》', '第九十九条', D_CF],
  ['CF-004', '对未取得施工许可证擅自施工的处罚', '行政处罚', 'zjj', '《中华人民共和国建筑法》', '第六十四条', D_CF],
  ['CF-005', '对违反治安管理行为的处罚', '行政处罚', 'gaj', '《中华人民共和国治安管理处罚法》', '第十条', D_CF],
  ['CF-006', '对非法占用土地的处罚', '行政处罚', 'zrzyj', '《中华人民共和国土地管理法》', '第七十七条', D_CF],
  ['CF-007', '对用人单位违反劳动保障法律的处罚', '行政处罚', 'rsj', '《劳动保障监察条例》', '第二十五条', D_CF],
  ['CF-008', '对超限运输车辆的处罚', '行政处罚', 'jtysj', '《公路安全保护条例》', '第六十四条', D_CF],
  ['CF-009', '对在城市道路乱堆乱放的处罚', '行政处罚', 'zjj', '《城市市容和环境卫生管理条例》', '第三十六条', D_CF, { delegable: true, delegate: ['cgz', 'dgz', 'fmjd'] }],
  ['CF-010', '对农村村民未经批准非法占用土地建住宅的处罚', '行政处罚', 'cgz', '《中华人民共和国土地管理法》', '第七十八条', D_CF, { level: 'township', tk: '赋予' }],
  ['CF-011', '对违反规定焚烧秸秆的处罚', '行政处罚', 'dgz', '《中华人民共和国大气污染防治法》', '第一百一十九条', D_CF, { level: 'township', tk: '赋予' }],
  ['QZ-001', '查封、扣押不符合食品安全标准的食品', '行政强制', 'scjgj', '《中华人民共和国食品安全法》', '第一百一十条', D_CF],
  ['QZ-002', '查封、扣押造成污染物排放的设施设备', '行政强制', 'sthjj', '《中华人民共和国环境保护法》', '第二十五条', D_CF],
  ['ZS-001', '城市基础设施配套费征收', '行政征收', 'zjj', '《国务院关于加强城市基础设施建设的意见》', '国发〔2013〕36号', '征收；核定；告知；其他'],
  ['ZS-002', '土地闲置费征收', '行政征收', 'zrzyj', '《闲置土地处置办法》', '第十四条', '征收；核定；告知；其他'],
  ['GF-001', '失业保险金给付', '行政给付', 'rsj', '《失业保险条例》', '第十四条', '受理；审核；给付；其他'],
  ['GF-002', '城乡居民最低生活保障金给付', '行政给付', 'cgz', '《社会救助暂行办法》', '第十一条', '受理；审核；公示；给付', { level: 'township', tk: '法定' }],
  ['JC-001', '食品生产经营监督检查', '行政检查', 'scjgj', '《中华人民共和国食品安全法》', '第一百一十条', D_JC],
  ['JC-002', '排污单位现场检查', '行政检查', 'sthjj', '《中华人民共和国环境保护法》', '第二十四条', D_JC],
  ['JC-003', '建设工程质量安全监督检查', '行政检查', 'zjj', '《建设工程质量管理条例》', '第四十七条', D_JC],
  ['JC-004', '学校安全工作检查', '行政检查', 'jyj', '《中小学幼儿园安全管理办法》', '第八条', D_JC],
  ['JC-005', '劳动保障监察检查', '行政检查', 'rsj', '《劳动保障监察条例》', '第十五条', D_JC, { delegable: true }],
  ['JC-006', '农村危房安全巡查', '行政检查', 'nsz', '《中华人民共和国建筑法》', '第七十九条', D_JC, { level: 'township', tk: '赋予' }],
  ['QR-001', '户口登记', '行政确认', 'gaj', '《中华人民共和国户口登记条例》', '第三条', '受理；审核；登记；其他'],
  ['QR-002', '工伤认定', '行政确认', 'rsj', '《工伤保险条例》', '第十七条', '受理；调查核实；认定；送达'],
  ['QR-003', '不动产登记', '行政确认', 'zrzyj', '《不动产登记暂行条例》', '第十四条', '受理；审核；登簿；发证'],
  ['QR-004', '农村集体经济组织成员身份确认', '行政确认', 'xhx', '《中华人民共和国农村集体经济组织法》', '第十二条', '受理；审核；公示；确认', { level: 'township', tk: '法定' }],
  ['JL-001', '见义勇为人员奖励', '行政奖励', 'gaj', '《四川省保护和奖励见义勇为条例》', '第十条', '推荐；审核；公示；奖励'],
  ['JL-002', '优秀教师表彰奖励', '行政奖励', 'jyj', '《中华人民共和国教师法》', '第三十三条', '推荐；审核；公示；奖励'],
  ['CJ-001', '土地权属争议裁决', '行政裁决', 'zrzyj', '《中华人民共和国土地管理法》', '第十四条', '受理；调查；调解；裁决；送达'],
  ['CJ-002', '林木林地权属争议处理', '行政裁决', 'bbx', '《中华人民共和国森林法》', '第二十二条', '受理；调查；调解；裁决；送达', { level: 'township', tk: '法定' }],
  ['QT-001', '规范性文件合法性审核', '其他行政权力', 'sfj', '《国务院办公厅关于全面推行行政规范性文件合法性审核机制的指导意见》', '国办发〔2018〕115号', '受理；审核；出具意见'],
  ['QT-002', '政府信息公开申请答复', '其他行政权力', 'xzfb', '《中华人民共和国政府信息公开条例》', '第三十三条', '受理；审查；答复；送达'],
  ['QT-003', '人民调解委员会备案', '其他行政权力', 'sfj', '《中华人民共和国人民调解法》', '第三十四条', '受理；审核；备案', { delegable: true, delegate: ['cgz', 'dgz', 'xhx', 'nsz', 'bbx', 'fmjd'] }],
  ['GG-001', '社会保障卡申领', '公共服务', 'rsj', '《社会保障卡管理办法》', '第十一条', '受理；制卡；发放', { delegable: true, delegate: ['cgz', 'dgz', 'xhx', 'nsz', 'bbx', 'fmjd'] }],
  ['GG-002', '就业失业登记', '公共服务', 'rsj', '《就业服务与就业管理规定》', '第六十一条', '受理；登记；服务', { delegable: true, delegate: ['cgz', 'fmjd'] }],
  ['GG-003', '城乡居民养老保险参保登记', '公共服务', 'rsj', '《国务院关于建立统一的城乡居民基本养老保险制度的意见》', '国发〔2014〕8号', '受理；登记', { delegable: true }],
  ['GG-004', '义务教育新生入学登记', '公共服务', 'jyj', '《中华人民共和国义务教育法》', '第十二条', '受理；审核；派位'],
  ['GG-005', '法律援助申请受理', '公共服务', 'sfj', '《中华人民共和国法律援助法》', '第三十八条', '受理；审查；指派', { delegable: true, delegate: ['cgz'] }],
  ['GG-006', '居住证办理', '公共服务', 'gaj', '《居住证暂行条例》', '第九条', '受理；审核；制发', { delegable: true }],
];

/** Licensing powers first listed under their department and transferred to the 行政审批局 (划转). */
const TRANSFERRED = ['XK-001', 'XK-003', 'XK-004', 'XK-005', 'XK-006', 'XK-009'];

/** A 法定时限 another law gives (Art. 42 ¶1 另有规定), or an item a higher organ decides after this county's review (Art. 43). */
interface Special { unit?: 'workdays' | 'days'; basis?: string; preReview?: boolean }
/**
 * Service items (办事指南) derived from licensing powers: [power code, service code, name, statutory, promised, instant, materials, baseline, online,
 * fees, joint mode (Art. 42 ¶2), special period or pre-review].
 */
const SERVICES: [string, string, string, number, number, boolean, string[], number, boolean, string, ('联合办理' | null)?, Special?][] = [
  ['XK-001', 'FW-001', '食品经营许可（新办）', 20, 5, false, ['食品经营许可申请书', '营业执照复印件', '经营场所平面图', '食品安全管理制度'], 9, true, '不收费'],
  ['XK-002', 'FW-002', '公共场所卫生许可（新办）', 20, 5, false, ['卫生许可申请书', '营业执照复印件', '场所平面图'], 7, true, '不收费'],
  ['XK-003', 'FW-003', '建筑工程施工许可证核发', 15, 3, false, ['施工许可申请表', '建设工程规划许可证', '施工合同', '资金落实承诺书'], 12, true, '不收费'],
  ['XK-004', 'FW-004', '道路货物运输经营许可', 20, 5, false, ['申请表', '车辆行驶证', '驾驶员从业资格证'], 8, true, '不收费'],
  ['XK-006', 'FW-005', '人力资源服务许可', 20, 10, false, ['申请书', '营业执照复印件', '场所使用证明', '管理制度'], 8, true, '不收费'],
  ['XK-007', 'FW-006', '城市建筑垃圾处置核准', 20, 3, false, ['核准申请表', '处置方案'], 5, true, '不收费'],
  ['XK-008', 'FW-007', '户外招牌设置审批', 20, 3, false, ['设置申请表', '效果图', '场所权属证明'], 6, true, '不收费'],
  ['XK-009', 'FW-008', '市场主体设立登记', 15, 0, true, ['设立登记申请书', '身份证明', '住所使用证明'], 6, true, '不收费'],
  ['XK-010', 'FW-009', '特种设备使用登记', 15, 5, false, ['使用登记表', '产品合格证', '监督检验证书'], 6, true, '不收费'],
  ['XK-014', 'FW-010', '临时占用城市道路审批', 20, 2, false, ['占道申请表', '占道平面示意图'], 5, true, '占道费按省定标准'],
  ['XK-012', 'FW-011', '乡村建设规划许可', 20, 10, false, ['申请表', '宅基地批准文件', '建设方案'], 7, false, '不收费'],
  ['XK-003', 'FW-012', '建设工程施工许可（住建、人防、消防联合办理）', 45, 20, false, ['施工许可申请表', '建设工程规划许可证', '施工图设计文件审查合格书', '施工合同', '资金落实承诺书'], 16, true, '不收费', '联合办理'],
  ['XK-005', 'FW-013', '民办学校筹设审批', 30, 20, false, ['筹设申请报告', '举办者资质证明', '资产来源及资金数额证明'], 6, true, '不收费', null,
    { unit: 'days', basis: '《中华人民共和国民办教育促进法》：审批机关应当自受理筹设民办学校的申请之日起三十日内以书面形式作出是否同意的决定' }],
  ['XK-011', 'FW-014', '排污许可（报市生态环境局决定）', 20, 15, false, ['排污许可证申请表', '自行监测方案', '守法承诺书'], 5, true, '不收费', null, { preReview: true }],
];

export async function seedPowers(ctx: Ctx, demo: DemoCounty): Promise<void> {
  const today = legalDateOf(ctx.clock.now());
  const at = (date: string) => beijingTime(date, 10);
  const base = `${String(Number(today.slice(0, 4)) - 3)}-01-01`;
  const clock = new ManualClock(at(base));
  const c2: Ctx = { ...ctx, clock };
  const admin = (await userActor(ctx.db, demo.users.admin, null))!;
  const leader = (await userActor(ctx.db, demo.users.leader, null))!;
  const ids = new Map<string, string>();
  await ctx.db.transaction().execute(async (trx) => {
    const now = clock.now();
    for (const [code, name, type, org, law, article, duties, o] of ITEMS) {
      const s: Snapshot = {
        code, name, type, orgId: demo.orgs[org], basisLaw: law, basisArticle: article, duties: duties.split('；'), level: o?.level ?? 'county',
        townshipKind: o?.tk ?? null, delegable: o?.delegable ?? false, status: 'active', delegatedOn: null, delegatedUntil: null, delegatedTo: [], version: 1,
      };
      const r = await trx.insertInto('powersItems').values({ regionCode: demo.region, ...itemFields(s, now) }).returning('id').executeTakeFirstOrThrow();
      ids.set(code, r.id);
      await trx.insertInto('powersAdjustments').values({
        regionCode: demo.region, orgId: s.orgId, itemId: r.id, kind: 'import', effectiveOn: base, reason: '权责清单（2021年版）公布', documentNo: '示府办发〔2021〕1号',
        before: null, after: JSON.stringify({ ...s, id: r.id }), status: 'approved', proposedBy: admin.userId, proposedByName: admin.name, proposedAt: now,
        decidedBy: leader.userId, decidedByName: leader.name, decidedAt: now, decisionNote: '县政府常务会议审议通过',
      }).execute();
    }
  });
  // 动态调整: dated, reasoned, approved delegations and changes.
  // through the workflow (proposed by the administrator, approved by the county leader), as in the console
  const adjust = async (date: string, body: AdjustmentBody, approve = true) => {
    clock.set(at(date));
    const caseId = await ctx.db.transaction().execute((trx) => openCaseInTrx(c2, trx, ADJUSTMENT_TYPE, body, admin, null));
    const { id } = await ctx.db.selectFrom('powersAdjustments').select('id').where('caseId', '=', caseId).executeTakeFirstOrThrow();
    if (approve) await ctx.db.transaction().execute((trx) => decideAdjustmentInTrx(c2, trx, id, 'approve', '经县委编办审核，报县政府同意', leader, null));
  };
  // 相对集中行政许可权: licensing powers of several departments move to the 行政审批局 (the county designates it in the settings).
  const transferOn = `${String(Number(today.slice(0, 4)) - 3)}-03-01`;
  clock.set(at(transferOn));
  await ctx.db.transaction().execute((trx) => designateInTrx(c2, trx, {
    region: demo.region, key: 'approval_bureau', orgId: demo.orgs.xzspj, validFrom: transferOn, basis: '县委编委关于设立县行政审批局的批复（演示）',
    actor: { id: admin.userId, name: admin.name, ip: null },
  }));
  for (const code of TRANSFERRED) {
    await adjust(transferOn, { change: { kind: 'modify', itemId: ids.get(code)!, changes: { orgId: demo.orgs.xzspj } }, effectiveOn: transferOn, reason: '相对集中行政许可权改革，行政许可事项划转县行政审批局实施', documentNo: `示府发〔${transferOn.slice(0, 4)}〕2号` });
  }
  const y1 = `${String(Number(today.slice(0, 4)) - 2)}-03-01`;
  for (const [code, , , , , , , o] of ITEMS) {
    if (!o?.delegate) continue;
    await adjust(y1, { change: { kind: 'delegate', itemId: ids.get(code)!, townshipIds: o.delegate.map((t) => demo.orgs[t]) }, effectiveOn: y1, reason: '扩权强镇，赋予乡镇（街道）经济社会管理权限', documentNo: '示府发〔2022〕8号' });
  }
  const y2 = `${String(Number(today.slice(0, 4)) - 1)}-06-30`;
  await adjust(y2, { change: { kind: 'modify', itemId: ids.get('XK-009')!, changes: { basisArticle: '第三条、第十九条' } }, effectiveOn: y2, reason: '《市场主体登记管理条例》施行，更新实施依据' });
  await adjust(y2, { change: { kind: 'abolish', itemId: ids.get('XK-007')! }, effectiveOn: y2, reason: '依据上级取消和下放行政许可事项的决定予以取消', documentNo: '示府发〔2025〕3号' });
  await adjust(y2, { change: { kind: 'revoke_delegation', itemId: ids.get('GG-002')! }, effectiveOn: y2, reason: '承接乡镇人员力量不足，收回至县人社局统一办理' });
  const recent = addDays(today, -10);
  await adjust(recent, { change: { kind: 'delegate', itemId: ids.get('GG-006')!, townshipIds: [demo.orgs.cgz] }, effectiveOn: addDays(today, 20), reason: '拟将居住证办理下放城关镇便民服务中心' }, false);

  // The service catalogue opens once the transferred powers are handled by the 行政审批局.
  clock.set(at(transferOn));
  await ctx.db.transaction().execute(async (trx) => {
    for (const [power, code, name, statutory, promised, instant, materials, baseline, online, fees, jointMode, special] of SERVICES) {
      if (power === 'XK-007') continue; // abolished power: no service item
      const p = await trx.selectFrom('powersItems').select(['id', 'orgId']).where('id', '=', ids.get(power)!).executeTakeFirstOrThrow();
      const row = await trx.insertInto('powersServices').values({
        regionCode: demo.region, powerId: p.id, orgId: p.orgId, code, name, statutoryDays: statutory, promisedDays: promised, instant,
        materials: JSON.stringify(await Promise.all(materials.map(async (m) => ({ name: m, required: true, ...await demoForms(trx, demo.region, m, name, admin, clock.now()) })))),
        baselineMaterials: baseline, fees, online, jointMode: jointMode ?? null,
        statutoryUnit: special?.unit ?? 'workdays', statutoryBasis: special?.basis ?? '', preReview: special?.preReview ?? false,
        guide: `办理${name}：申请人通过政务服务大厅窗口或网上提交申请材料，窗口当场审查材料是否齐全；材料齐全的予以受理，不齐全的一次性告知补正内容。${jointMode ? `本事项由有关部门${jointMode}（《行政许可法》第二十六条、第四十二条第二款）。` : ''}${special?.preReview ? `本事项由上级机关决定，本机关自受理之日起${statutory}个工作日内完成初步审查并报送（《行政许可法》第四十三条）。`
          : `法定办结时限${statutory}${special?.unit === 'days' ? '日' : '个工作日'}${special?.basis ? `（${special.basis}）` : ''}。`}承诺${instant ? '当场办结' : `${promised}个工作日`}办结。`,
        conditions: `申请人符合${name}法定条件，材料齐全、符合法定形式。`,
        place: '示范县政务服务中心一楼综合受理窗口', hours: '工作日 9:00–12:00，13:30–17:00（法定节假日除外）', phone: '0000-12345',
        updatedAt: clock.now(),
      }).returning('id').executeTakeFirstOrThrow();
      await recordServiceVersionInTrx(trx, row.id, 'create', admin, clock.now());
    }
  });
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
/**
 * The demo 办事指南's downloads: for an application form on the checklist (…申请书 / …申请表), a blank form and a filled-in
 * sample, generated as DOCX in the county's layout (a county uploads its own through the console).
 */
async function demoForms(trx: Tx, region: string, material: string, service: string, actor: { userId: string | null; name: string }, at: Date) {
  if (!/申请(书|表)$/.test(material)) return {};
  const title = /^申请(书|表)$/.test(material) ? `${service}${material}` : material;
  const fields: [string, string][] = [['申请人（单位）名称', '示范县某某餐饮管理有限公司'], ['统一社会信用代码 / 身份证号', '91990101MA0000000X'],
    ['法定代表人（负责人）', '张某某'], ['联系电话', '138****5678'], ['住所（经营场所）', '示范县城关镇人民路 1 号'], ['申请事项', service]];
  const table = (filled: boolean) => ({
    kind: 'table' as const, widths: [2, 3], rowHeight: 600,
    header: [[{ text: '项目', align: 'center' }, { text: '填写内容', align: 'center' }] as Cell[]],
    rows: fields.map(([k, v]) => [{ text: k }, { text: filled ? v : '' }] as Cell[]),
  });
  const blank = await gongwenDocx({ title, blocks: [table(false), { kind: 'p', text: '本人（单位）承诺所填内容及所附材料真实、有效，如有虚假，愿承担相应法律责任。' }],
    signer: '申请人（签字或盖章）：', date: '' });
  const sample = await gongwenDocx({ title: `${title}（示例样表）`, blocks: [table(true), { kind: 'p', text: '本人（单位）承诺所填内容及所附材料真实、有效，如有虚假，愿承担相应法律责任。' },
    { kind: 'flush', text: '注：本样表仅供参考，内容为虚构示例。' }], signer: '申请人（签字或盖章）：张某某', date: legalDateOf(at) });
  const ref = { id: actor.userId, name: actor.name, ip: null };
  const store = async (filename: string, buf: Buffer) => {
    const f = await storeFileInTrx(trx, null, { filename, buf, mime: DOCX }, ref, at);
    await trx.insertInto('powersServiceFiles').values({ fileId: f.id, regionCode: region, uploadedAt: at }).execute();
    return f.id;
  };
  return { blankFormFileId: await store(`${title}（空白表格）.docx`, blank), sampleFileId: await store(`${title}（示例样表）.docx`, sample) };
}
