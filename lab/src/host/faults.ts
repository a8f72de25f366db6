/** Faults a lab host can be told to show (admin API `PUT /hosts/<name>/faults`, `custos lab fault`). */
export interface HostFaults {
  /** Added before every WS-Man response. */
  latencyMs?: number;
  /** The next n requests have their TCP connection destroyed without a response. */
  dropConnections?: number;
  /** The next n requests get a bare HTTP 500 (no SOAP body). */
  http500?: number;
  /** Every authentication gets 401. */
  credentialsExpired?: boolean;
  /** Listeners closed: connection refused. */
  offline?: boolean;
  /** Every command runs this much longer (forces w:TimedOut on Receive). */
  commandDelayMs?: number;
  /** Authenticated but not allowed to open a shell: Create answers the AccessDenied fault. */
  accessDenied?: boolean;
  /** The next n stdin Sends answer WSManFault 170 (ERROR_BUSY), as a busy Windows host does. */
  sendBusy?: number;
}

export class FaultsError extends Error {
  override readonly name = 'FaultsError';
}

const COUNTS = ['latencyMs', 'dropConnections', 'http500', 'commandDelayMs', 'sendBusy'] as const;
const FLAGS = ['credentialsExpired', 'offline', 'accessDenied'] as const;

export function parseFaults(value: unknown): HostFaults {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new FaultsError('faults must be a JSON object');
  const out: HostFaults = {};
  for (const [k, v] of Object.entries(value)) {
    if ((COUNTS as readonly string[]).includes(k)) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 3_600_000) throw new FaultsError(`faults.${k} must be an integer from 0 to 3600000, got ${JSON.stringify(v)}`);
      out[k as (typeof COUNTS)[number]] = v;
    } else if ((FLAGS as readonly string[]).includes(k)) {
      if (typeof v !== 'boolean') throw new FaultsError(`faults.${k} must be true or false, got ${JSON.stringify(v)}`);
      out[k as (typeof FLAGS)[number]] = v;
    } else throw new FaultsError(`unknown fault "${k}" (known: ${[...COUNTS, ...FLAGS].join(', ')})`);
  }
  return out;
}
