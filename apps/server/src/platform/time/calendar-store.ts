import { expandYear, WorkCalendar, type CalendarYearData } from '@yifa/contracts';
import type { Conn, Db } from '../db/client.ts';

/**
 * The working-day calendar held in the database (calendar_years/calendar_days) and cached in
 * memory. `load()` is the only writer; it replaces a year whole and bumps the cache.
 */
export class CalendarStore {
  private cached: WorkCalendar | null = null;
  constructor(private readonly db: Db) {}

  async get(conn: Conn = this.db): Promise<WorkCalendar> {
    if (this.cached) return this.cached;
    const years = await conn.selectFrom('calendarYears').selectAll().execute();
    const days = await conn.selectFrom('calendarDays').selectAll().execute();
    const data: CalendarYearData[] = years.map((y) => ({
      year: y.year, notice: y.notice, source: y.source,
      holidays: days.filter((d) => d.year === y.year && d.kind === 'holiday').map((d) => ({ name: d.name, days: String(d.day).slice(5, 10) })),
      workdays: days.filter((d) => d.year === y.year && d.kind === 'makeup_workday').map((d) => String(d.day).slice(5, 10)),
    }));
    this.cached = WorkCalendar.fromData(data);
    return this.cached;
  }

  invalidate(): void {
    this.cached = null;
  }

  /** Replace one year (in the caller's transaction). Validates the data first. */
  async saveYearInTrx(conn: Conn, data: CalendarYearData, loadedBy: string): Promise<{ holidays: number; workdays: number }> {
    const y = expandYear(data);
    await conn.deleteFrom('calendarYears').where('year', '=', data.year).execute();
    await conn.insertInto('calendarYears').values({ year: data.year, notice: data.notice, source: data.source, loadedBy }).execute();
    const rows = [
      ...[...y.holidays].map(([day, name]) => ({ day, year: data.year, kind: 'holiday' as const, name })),
      ...[...y.workdays].map(([day, name]) => ({ day, year: data.year, kind: 'makeup_workday' as const, name })),
    ];
    if (rows.length) await conn.insertInto('calendarDays').values(rows).execute();
    this.invalidate();
    return { holidays: y.holidays.size, workdays: y.workdays.size };
  }
}
