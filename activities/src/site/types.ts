/**
 * What workflows send to and get back from the appliance's site activities. Plain JSON, small, and
 * free of secrets: credentials are fetched by the appliance itself and never travel in payloads.
 */

/** Same values as the hosts table (lib/db HostRole) and runbook hostKinds. */
export type HostKind = 'domain_controller' | 'server' | 'workstation';

export interface HostRef {
  /** The inventory id (hosts.id). */
  hostId: string;
  /** DNS / NetBIOS name, as discovered. */
  hostname: string;
  kind: HostKind;
}

/** One enabled check: a catalogue runbook at a version, with the site's parameter overrides. */
export interface CheckRef {
  runbookId: string;
  version: number;
  params: Record<string, unknown>;
}

export type CheckStatus = 'pass' | 'fail' | 'invalid' | 'error';

export interface CheckResult {
  runbookId: string;
  version: number;
  status: CheckStatus;
  /** The script's output, for fail and invalid only (what heal rules match on); passing output is summarised by `evidence`. */
  output?: unknown;
  /** The runbook's evidence fields of the output. */
  evidence?: Record<string, unknown>;
  /** Why the check could not be judged (invalid output, script error). */
  problem?: string;
  durationMs: number;
}

export type Reachability = 'reachable' | 'unreachable' | 'auth_refused' | 'no_credentials' | 'error';

export interface HostCheckResult {
  hostId: string;
  reachability: Reachability;
  problem?: string;
  checks: CheckResult[];
}

export interface CheckHostsInput {
  siteId: string;
  hosts: (HostRef & { checks: CheckRef[] })[];
}

export interface CheckHostsOutput {
  hosts: HostCheckResult[];
}

export interface ActionInput {
  siteId: string;
  host: HostRef;
  runbookId: string;
  version: number;
  params: Record<string, unknown>;
}

export interface RemediateInput extends ActionInput {
  /** Same on every retry of the step (workflow id + step), so a retried remediation is never applied twice. */
  idempotencyKey: string;
}

export interface RemediateOutput {
  /** `applied`: the script ran now; `already_applied`: a retry found the step done (journal or a passing re-check). */
  status: 'applied' | 'already_applied' | 'blocked';
  changed: boolean;
  actions: string[];
  /** State before the change, handed to rollback. */
  before?: Record<string, unknown>;
  blocked?: string;
}

export interface VerifyOutput {
  status: CheckStatus;
  output?: unknown;
  evidence?: Record<string, unknown>;
  problem?: string;
}

export interface RollbackInput extends RemediateInput {
  before: Record<string, unknown>;
}

export interface RollbackOutput {
  status: 'applied' | 'already_applied';
  changed: boolean;
  actions: string[];
}

export interface DiscoveredComputer {
  name: string;
  dnsHostName: string | null;
  operatingSystem: string | null;
  enabled: boolean;
  /** True for domain controllers (primary group 516 / userAccountControl SERVER_TRUST_ACCOUNT). */
  domainController: boolean;
}

export interface DiscoverInput {
  siteId: string;
  /** The domain controller to ask. */
  dc: HostRef;
}

export interface DiscoverOutput {
  /** Which path answered: the ActiveDirectory module, or the LDAP fallback when the module is missing. */
  source: 'Get-ADComputer' | 'LDAP';
  computers: DiscoveredComputer[];
}

export interface CredentialRefresh {
  credentials: number;
  hosts: number;
  fetchedAt: string;
}
