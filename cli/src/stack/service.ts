import type { StackConfig } from './stack-config.js';
import type { StackPaths } from './paths.js';

export type ServiceState = 'running' | 'external' | 'stopped';

export interface ServiceStatus {
  name: string;
  state: ServiceState;
  /** Where it answers, e.g. 127.0.0.1:7233 (never includes secrets). */
  where: string;
  pid?: number;
  detail?: string;
}

export interface StackContext {
  config: StackConfig;
  paths: StackPaths;
  /** True when DATABASE_URL was set explicitly (then it must answer; no local fallback). */
  databaseUrlExplicit: boolean;
  /** Force a project-local PostgreSQL cluster even if a server answers on the default address. */
  forceLocalPostgres: boolean;
  progress(line: string): void;
}

/** A port a service is about to bind, and the setting that moves it. */
export interface PortClaim {
  host: string;
  port: number;
  setting: string;
}

/** One service of the local stack. `up` is idempotent; `down` stops only a process `up` started. */
export interface StackService<Endpoint> {
  readonly name: string;
  /** Ports `up` would bind (none when it reuses its own running process or an external server). */
  claims(ctx: StackContext): Promise<PortClaim[]>;
  up(ctx: StackContext): Promise<{ status: ServiceStatus; endpoint: Endpoint }>;
  down(ctx: StackContext): Promise<boolean>;
  status(ctx: StackContext): Promise<ServiceStatus>;
}
