/**
 * Official days off (放假) and 调休 make-up working days, per year, as published by the
 * 国务院办公厅 each year. Source of the figures: the annual notices on gov.cn (cited per year),
 * cross-checked against the npm data sets chinese-days@1.5.7 and holiday-calendar@1.3.3
 * (they agree for 2021–2026). Ranges include the weekend days inside a holiday block.
 *
 * A year that is not here is UNKNOWN: the calendar refuses to count through it. When a new
 * notice is published an administrator loads it (API `PUT /api/v1/calendar/{year}` or
 * `yifa calendar load FILE`); the notice for 2027 is normally issued in November 2026.
 */
export interface CalendarYearData {
  year: number;
  /** Title of the State Council notice. */
  notice: string;
  /** Where the notice is published. */
  source: string;
  /** Days off, with the festival's name. Inclusive ranges 'MM-DD' or 'MM-DD..MM-DD'. */
  holidays: { name: string; days: string }[];
  /** 调休 make-up working days (Saturdays/Sundays that are working days), 'MM-DD'. */
  workdays: string[];
}

export const OFFICIAL_CALENDAR: CalendarYearData[] = [
  {
    year: 2021,
    notice: '国务院办公厅关于2021年部分节假日安排的通知',
    source: 'https://www.gov.cn/zhengce/content/2020-11/25/content_5564127.htm',
    holidays: [
      { name: '元旦', days: '01-01..01-03' },
      { name: '春节', days: '02-11..02-17' },
      { name: '清明节', days: '04-03..04-05' },
      { name: '劳动节', days: '05-01..05-05' },
      { name: '端午节', days: '06-12..06-14' },
      { name: '中秋节', days: '09-19..09-21' },
      { name: '国庆节', days: '10-01..10-07' },
    ],
    workdays: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'],
  },
  {
    year: 2022,
    notice: '国务院办公厅关于2022年部分节假日安排的通知',
    source: 'https://www.gov.cn/zhengce/content/2021-10/25/content_5644835.htm',
    holidays: [
      { name: '元旦', days: '01-01..01-03' },
      { name: '春节', days: '01-31..02-06' },
      { name: '清明节', days: '04-03..04-05' },
      { name: '劳动节', days: '04-30..05-04' },
      { name: '端午节', days: '06-03..06-05' },
      { name: '中秋节', days: '09-10..09-12' },
      { name: '国庆节', days: '10-01..10-07' },
      // 2023 元旦 holiday starts on 2022-12-31 (filed under 2022, as chinese-days does).
      { name: '元旦', days: '12-31' },
    ],
    workdays: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'],
  },
  {
    year: 2023,
    notice: '国务院办公厅关于2023年部分节假日安排的通知',
    source: 'https://www.gov.cn/zhengce/content/2022-12/08/content_5730844.htm',
    holidays: [
      { name: '元旦', days: '01-01..01-02' },
      { name: '春节', days: '01-21..01-27' },
      { name: '清明节', days: '04-05' },
      { name: '劳动节', days: '04-29..05-03' },
      { name: '端午节', days: '06-22..06-24' },
      { name: '中秋节、国庆节', days: '09-29..10-06' },
    ],
    workdays: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'],
  },
  {
    year: 2024,
    notice: '国务院办公厅关于2024年部分节假日安排的通知',
    source: 'https://www.gov.cn/zhengce/content/202310/content_6911527.htm',
    holidays: [
      { name: '元旦', days: '01-01' },
      { name: '春节', days: '02-10..02-17' },
      { name: '清明节', days: '04-04..04-06' },
      { name: '劳动节', days: '05-01..05-05' },
      { name: '端午节', days: '06-10' },
      { name: '中秋节', days: '09-15..09-17' },
      { name: '国庆节', days: '10-01..10-07' },
    ],
    workdays: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
  },
  {
    year: 2025,
    notice: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）',
    source: 'https://www.gov.cn/zhengce/zhengceku/202411/content_6986383.htm',
    holidays: [
      { name: '元旦', days: '01-01' },
      { name: '春节', days: '01-28..02-04' },
      { name: '清明节', days: '04-04..04-06' },
      { name: '劳动节', days: '05-01..05-05' },
      { name: '端午节', days: '05-31..06-02' },
      { name: '国庆节、中秋节', days: '10-01..10-08' },
    ],
    workdays: ['01-26', '02-08', '04-27', '09-28', '10-11'],
  },
  {
    year: 2026,
    notice: '国务院办公厅关于2026年部分节假日安排的通知',
    source: 'https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm',
    holidays: [
      { name: '元旦', days: '01-01..01-03' },
      { name: '春节', days: '02-15..02-23' },
      { name: '清明节', days: '04-04..04-06' },
      { name: '劳动节', days: '05-01..05-05' },
      { name: '端午节', days: '06-19..06-21' },
      { name: '中秋节', days: '09-25..09-27' },
      { name: '国庆节', days: '10-01..10-07' },
    ],
    workdays: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
  },
];
