export { startLocalCalendar } from './local-calendar.js';
export type { CalendarFault, LocalCalendar } from './local-calendar.js';
export { mineBlock, REGTEST_BITS } from './chain.js';
