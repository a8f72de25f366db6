import type { ColumnType, Generated, Kysely } from 'kysely';
import type { Database, EvidenceIndexTable } from '@custos/db';

// Kysely view of the evidence service's tables (migration lib/db/src/migrations/2026_11_27_000100_evidence_log.ts).
// They belong to this service alone, so their types live beside the only code that reads them.

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type BigintColumn = ColumnType<string, number | string, number | string>;
/** A bigint with a database default. */
type BigintDefault = ColumnType<string, number | string | undefined, number | string>;
type Json<T> = ColumnType<T, string, string>;
/** Nullable column left out of inserts (defaults to null). */
type Nullable<S, I = S> = ColumnType<S | null, I | null | undefined, I | null>;

export interface ArtefactRef {
  readonly name: string;
  readonly sha256: string;
  readonly objectKey: string;
  readonly versionId: string;
}

export interface EvidenceIndexRow extends Omit<EvidenceIndexTable, 'kind'> {
  kind: 'scan' | 'heal' | 'approval' | 'history' | 'report' | 'checkpoint';
  request_key: string | null;
  version_id: string | null;
  finished_at: Date | null;
  artefacts: Json<ArtefactRef[]>;
}

export interface SiteLogTable {
  site_id: string;
  partner_id: string;
  client_id: string;
  origin: string;
  size: BigintColumn;
  peaks: Json<string[]>;
  last_digest: string;
  checkpointed_size: BigintDefault;
  updated_at: Timestamp;
}

export interface CheckpointTable {
  site_id: string;
  size: BigintColumn;
  note: string;
  body_sha256: string;
  object_key: string;
  version_id: string | null;
  signed_at: Timestamp;
}

export interface AnchorLogTable {
  id: number;
  origin: string;
  size: BigintColumn;
  peaks: Json<string[]>;
  updated_at: Timestamp;
}

export interface AnchorEntryTable {
  log_index: BigintColumn;
  body_sha256: string;
  site_id: string;
  checkpoint_size: BigintColumn;
}

export interface AnchorCheckpointTable {
  size: BigintColumn;
  note: string;
  body_sha256: string;
  object_key: string;
  signed_at: Timestamp;
  tsr_object_key: Nullable<string>;
  tsr_version_id: Nullable<string>;
  tsa_time: Nullable<Date>;
  ots_object_key: Nullable<string>;
  ots_version_id: Nullable<string>;
  ots_state: Nullable<'pending' | 'confirmed'>;
  ots_submitted_at: Nullable<Date>;
  ots_confirmed_at: Nullable<Date>;
  btc_height: Nullable<string, number | string>;
  btc_block_hash: Nullable<string>;
  btc_block_time: Nullable<Date>;
  ots_alerted_at: Nullable<Date>;
}

export interface TrustTable {
  version: number;
  envelope: Json<unknown>;
  object_key: string;
  published_at: Timestamp;
}

export interface AlertTable {
  id: Generated<string>;
  kind: 'anchor-upgrade-overdue';
  subject: string;
  message: string;
  raised_at: Timestamp;
}

export interface EvidenceDatabase extends Omit<Database, 'evidence_index'> {
  evidence_index: EvidenceIndexRow;
  evidence_site_logs: SiteLogTable;
  evidence_checkpoints: CheckpointTable;
  evidence_anchor_log: AnchorLogTable;
  evidence_anchor_entries: AnchorEntryTable;
  evidence_anchor_checkpoints: AnchorCheckpointTable;
  evidence_trust: TrustTable;
  evidence_alerts: AlertTable;
}

export type EvidenceDb = Kysely<EvidenceDatabase>;

/** The shared database handle, seen with the evidence tables (same connection pool). */
export function evidenceDb(db: Kysely<Database>): EvidenceDb {
  return db as unknown as EvidenceDb;
}
