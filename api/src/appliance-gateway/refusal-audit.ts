/**
 * Refused calls are security events: each is logged, and written to the audit log with the
 * appliance as actor — at most a few per appliance per minute, so a misbehaving appliance cannot
 * flood the append-only table.
 */
import type { Kysely } from 'kysely';
import { appendAudit, type Database } from '@custos/db';
import type { ApplianceCaller } from './policy.js';

export interface GatewayLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

const PER_MINUTE = 20;

export class RefusalAudit {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger: GatewayLogger,
  ) {}

  async record(input: { caller: ApplianceCaller | undefined; method: string; reason: string; peer: string }): Promise<void> {
    const { caller, method, reason, peer } = input;
    this.logger.warn({ applianceId: caller?.applianceId, siteId: caller?.siteId, method, peer, reason }, 'appliance gateway refused a call');
    const key = caller?.applianceId ?? `peer:${peer}`;
    const now = Date.now();
    const w = this.windows.get(key);
    if (!w || now - w.start > 60_000) this.windows.set(key, { start: now, count: 1 });
    else if (++w.count > PER_MINUTE) return;
    if (this.windows.size > 10_000) this.windows.clear();
    try {
      await appendAudit(this.db, {
        actor_kind: caller ? 'appliance' : 'anonymous',
        actor_id: caller?.applianceId ?? null,
        partner_id: caller?.partnerId ?? null,
        client_id: caller?.clientId ?? null,
        action: 'gateway.call',
        target_kind: 'temporal_rpc',
        target_id: method,
        outcome: 'refused',
        ip: peer.replace(/:\d+$/, '').replace(/^ipv[46]:/, '').slice(0, 100),
        request_id: null,
        detail: { reason: reason.slice(0, 500), siteId: caller?.siteId ?? null },
      });
    } catch (err) {
      this.logger.error({ err, method }, 'could not write the refusal to the audit log');
    }
  }
}
