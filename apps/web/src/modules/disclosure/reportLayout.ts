/**
 * The fixed layout of the 政府信息公开工作年度报告 tables (国办公开办函〔2021〕30号 format): rows and
 * columns by key; their texts are strings ('disclosure.t2.*', 't3.*', 'leaf.*', 't4.*').
 */
export const APPLICANT_KINDS = ['natural', 'business', 'research', 'public_interest', 'legal_service', 'other', 'total'];
export const ORGANISATION_KINDS = ['business', 'research', 'public_interest', 'legal_service', 'other'];

/** Table 三's result leaves: [leaf, its group ('3' …) when the group spans rows, whether it is the group's first row]. */
export const LEAVES: { leaf: string; group?: string; first?: boolean }[] = [
  { leaf: '1' }, { leaf: '2' },
  ...['3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8'].map((leaf, i) => ({ leaf, group: '3', first: i === 0 })),
  ...['4.1', '4.2', '4.3'].map((leaf, i) => ({ leaf, group: '4', first: i === 0 })),
  ...['5.1', '5.2', '5.3', '5.4', '5.5'].map((leaf, i) => ({ leaf, group: '5', first: i === 0 })),
  ...['6.1', '6.2', '6.3'].map((leaf, i) => ({ leaf, group: '6', first: i === 0 })),
];
export const GROUP_SPAN: Record<string, number> = { 3: 8, 4: 3, 5: 5, 6: 3 };

/** Table 二's Art. 20 (五)(六)(八) blocks: a heading, its rows, the one measure they count. */
export const T2_DECISIONS: { head: string; rows: string[]; measure: string }[] = [
  { head: 'art20_5', rows: ['art20_5_license'], measure: 'decisions' },
  { head: 'art20_6', rows: ['art20_6_penalty', 'art20_6_coercion'], measure: 'decisions' },
  { head: 'art20_8', rows: ['art20_8_fee'], measure: 'amountWan' },
];

export const T4_GROUPS = ['review', 'litigation_direct', 'litigation_after_review'];
export const T4_RESULTS = ['upheld', 'corrected', 'other', 'pending', 'total'];
