import type { PacketInput } from '@custos/core';

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export class InvalidMonth extends Error {
  override readonly name = 'InvalidMonth';
}

/** A packet's month (`YYYY-MM`, UTC) as the period it covers: [first instant, first instant of the next month). */
export function packetPeriod(month: string): PacketInput['period'] & { month: string } {
  const m = MONTH.exec(month);
  if (!m) throw new InvalidMonth(`month ${JSON.stringify(month)} is not YYYY-MM`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  const from = new Date(Date.UTC(year, index, 1));
  const to = new Date(Date.UTC(year, index + 1, 1));
  return { month, from: from.toISOString(), to: to.toISOString(), label: `${NAMES[index]} ${year}` };
}
