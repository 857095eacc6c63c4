/** Strings of the 好差评 screens: the ledger, rectifications, statistics; the portal's rating page. */
export const RATINGS_STRINGS = {
  'zh-CN': {
    'ratings.name': '好差评',

    'ratings.ledger.title': '好差评台账', 'ratings.rectifications.title': '差评整改', 'ratings.stats.title': '好差评统计',
    'ratings.col.number': '编号', 'ratings.col.item': '事项', 'ratings.col.org': '机构', 'ratings.col.rating': '评价', 'ratings.col.channel': '渠道',
    'ratings.col.active': '主动', 'ratings.col.comment': '意见', 'ratings.col.ratedAt': '评价时间', 'ratings.col.rectification': '整改',
    'ratings.default': '默认', 'ratings.excluded': '已剔除', 'ratings.rectificationOf': '{number} · {state}',

    'ratings.portal.title': '好差评', 'ratings.portal.intro': '对已办结的办件作出评价。每次办理可评价一次；不满意的评价会有专人回访并整改。',
    'ratings.portal.number': '办件编号', 'ratings.portal.phone': '办理时登记的手机号', 'ratings.portal.find': '查找', 'ratings.portal.level': '您的评价',
    'ratings.portal.comment': '意见和建议（选填）', 'ratings.portal.submit': '提交评价', 'ratings.portal.thanks': '感谢您的评价。',
    'ratings.portal.bad': '我们会在 1 个工作日内与您联系核实，并在整改后反馈。整改编号：{number}', 'ratings.portal.none': '暂无可评价的办理（办件办结后才能评价）。',
    'ratings.portal.yours': '您的评价', 'ratings.portal.rectification': '整改反馈', 'ratings.portal.followup': '评价整改结果', 'ratings.portal.ranking': '各单位评价排名',
    'ratings.rank.rank': '名次', 'ratings.rank.org': '单位', 'ratings.rank.n': '评价数', 'ratings.rank.sat': '满意率', 'ratings.rank.bad': '差评数',
    'ratings.level.5': '非常满意', 'ratings.level.4': '满意', 'ratings.level.3': '基本满意', 'ratings.level.2': '不满意', 'ratings.level.1': '非常不满意',
  },
};
