import type { ColumnType, Generated, Selectable } from 'kysely';

/** bigint columns come back from pg as strings. */
type BigintColumn = ColumnType<string, number | bigint, number | bigint>;

export interface L2BudgetDaysTable {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  tokens_used: Generated<BigintColumn>;
  tokens_reserved: Generated<BigintColumn>;
  calls: Generated<number>;
  refused: Generated<number>;
}

export interface L2LeasesTable {
  id: Generated<string>;
  holder: string;
  /** UTC day, YYYY-MM-DD. */
  day: string;
  reserved_tokens: number;
  acquired_at: Generated<Date>;
  expires_at: Date;
}

export type L2BudgetDay = Selectable<L2BudgetDaysTable>;
export type L2Lease = Selectable<L2LeasesTable>;
