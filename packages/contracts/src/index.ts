export * from './common/errors.ts';
export * from './common/roles.ts';
export * from './time/dates.ts';
export * from './time/calendar.ts';
export * from './time/calendar-data.ts';
export * from './time/ledger.ts';
export * from './time/rules.ts';
export * from './cases/workflow.ts';
