/**
 * One simulated Windows host: its state (persisted), faults, WS-Man listeners on HTTP and HTTPS, and the shell
 * service that starts simulated processes. Listeners close while the host is "offline" (connection refused).
 */
import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { HostFaults } from './faults.js';
import type { HostCertificate } from './certificate.js';
import type { HostKind, HostState } from '../state/host-state.js';
import { writeJsonAtomic } from '../state/store.js';
import { startProcess } from '../processes/start-process.js';
import type { ApplicationRecord, ScriptEnvironment, ScriptHost } from '../scripts/run-script.js';
import { handleWsman, type EndpointHost } from '../wsman/endpoint.js';
import type { Account } from '../wsman/auth.js';
import { ShellService } from '../wsman/shell-service.js';

export interface LabHostConfig {
  name: string;
  kind: HostKind;
  address: string;
  account: Account;
  certificate: HostCertificate;
  statePath: string;
  scripts: ScriptEnvironment;
  recordApplication(rec: Omit<ApplicationRecord, 'seq' | 'at'>): void;
}

export class LabHost implements EndpointHost {
  faults: HostFaults = {};
  readonly shells: ShellService;
  ports = { http: 0, https: 0 };
  private state: HostState;
  private readonly servers: { http: Server; https: Server };
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly config: LabHostConfig,
    initialState: HostState,
  ) {
    this.state = initialState;
    const scriptHost: ScriptHost = {
      name: config.name,
      kind: config.kind,
      cloneState: () => structuredClone(this.state),
      commitState: (next) => this.replaceState(next),
      recordApplication: (rec) => config.recordApplication({ ...rec, host: config.name }),
      now: () => new Date(),
    };
    this.shells = new ShellService({
      machine: config.name,
      owner: config.account.username.split('\\').pop() ?? config.account.username,
      address: `http://${config.address}/wsman`,
      start: (req) =>
        startProcess(req.commandLine, {
          commandHost: { computerName: this.state.computerName, whoami: config.account.username.toLowerCase(), codepage: req.codepage },
          scriptHost,
          scripts: config.scripts,
          delayMs: this.faults.commandDelayMs ?? 0,
          skipCmdShell: req.skipCmdShell,
        }),
    });
    const onRequest = (https: boolean) => (req: Parameters<typeof handleWsman>[0], res: Parameters<typeof handleWsman>[1]) => {
      handleWsman(req, res, this, https).catch((err: unknown) => {
        console.error(`lab ${config.name}: ${(err as Error).stack ?? String(err)}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Length': 0 }).end();
      });
    };
    this.servers = {
      http: createHttp({ keepAliveTimeout: 120_000 }, onRequest(false)),
      https: createHttps({ key: config.certificate.key, cert: config.certificate.cert, keepAliveTimeout: 120_000 }, onRequest(true)),
    };
    for (const s of [this.servers.http, this.servers.https]) {
      s.on('connection', (sock: Socket) => {
        sock.setNoDelay(true);
        this.sockets.add(sock);
        sock.once('close', () => this.sockets.delete(sock));
      });
      // HTTP.sys keeps idle connections ~2 min; Node's 5 s default would break NTLM sessions between batches.
      s.headersTimeout = 130_000;
    }
    this.servers.https.on('secureConnection', (sock: Socket) => {
      this.sockets.add(sock);
      sock.once('close', () => this.sockets.delete(sock));
    });
  }

  get name(): string {
    return this.config.name;
  }

  get account(): Account {
    return this.config.account;
  }

  winrm(): HostState['winrm'] {
    return this.state.winrm;
  }

  /** The current state (a copy). */
  snapshot(): HostState {
    return structuredClone(this.state);
  }

  replaceState(next: HostState): void {
    writeJsonAtomic(this.config.statePath, next);
    this.state = next;
  }

  /** Listens on the given ports (0 = any free port); falls back to a free port when a wanted one is taken. */
  async listen(wanted: { http: number; https: number }): Promise<void> {
    this.ports.http = await listenOn(this.servers.http, this.config.address, wanted.http);
    this.ports.https = await listenOn(this.servers.https, this.config.address, wanted.https);
  }

  async setFaults(faults: HostFaults): Promise<void> {
    const wasOffline = this.faults.offline === true;
    this.faults = faults;
    if (faults.offline && !wasOffline) await this.closeListeners();
    if (!faults.offline && wasOffline) {
      // Same ports again: clients keep their configuration across an outage.
      this.ports.http = await listenOn(this.servers.http, this.config.address, this.ports.http, false);
      this.ports.https = await listenOn(this.servers.https, this.config.address, this.ports.https, false);
    }
  }

  async close(): Promise<void> {
    if (!this.faults.offline) await this.closeListeners();
  }

  private async closeListeners(): Promise<void> {
    const closing = [this.servers.http, this.servers.https].map((s) => new Promise<void>((r) => (s.listening ? s.close(() => r()) : r())));
    for (const sock of this.sockets) sock.destroy();
    await Promise.all(closing);
  }
}

function listenOn(server: Server, address: string, port: number, fallback = true): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException): void => {
      if (fallback && err.code === 'EADDRINUSE' && port !== 0) {
        server.listen(0, address);
        return;
      }
      reject(err);
    };
    server.on('error', onError);
    server.once('listening', () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
    server.listen(port, address);
  });
}
