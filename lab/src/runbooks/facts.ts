/**
 * Host facts the runbook handlers need beyond the lab's base state (scheduled tasks, backups,
 * adapters, certificates…), kept in the host document under `facts`, plus the registry values a
 * real Windows install has and the lab's base state leaves out. They are created once per host,
 * the first time a runbook script runs there, from a seed derived from the host name: the same host
 * always gets the same facts, and a drift that removes one stays removed.
 *
 * The defaults describe a small clinic whose MSP applies a hardening baseline: most settings are
 * compliant and a few typical ones have drifted (no LAPS on some machines, a stale backup, a dormant
 * account, an out-of-date signature…). The lab's own base state keeps its randomised drift.
 */
import { SeededRandom } from '../state/random.js';
import type { HostKind, HostState, RegistryValue } from '../state/host-state.js';
import { getRegistryValue, setRegistryValue, dword, sz } from '../state/registry.js';

export interface LabAdapter {
  name: string;
  ifIndex: number;
  description: string;
  ipAddress: string;
  dnsServers: string[];
  category: 'DomainAuthenticated' | 'Private' | 'Public';
  netbiosOptions: 0 | 1 | 2;
  receivedErrors: number;
  outboundErrors: number;
  /** Carries the appliance's WinRM session. */
  management: boolean;
}

export interface LabFirewallRule {
  name: string;
  displayName: string;
  enabled: boolean;
  profile: string;
  localPorts: string[];
  remoteAddresses: string[];
}

export interface RunbookFacts {
  version: 1;
  tpmPresent: boolean;
  lastBootUpTime: string;
  defender: { behaviorMonitor: boolean; ioav: boolean; onAccess: boolean; mapsReporting: number; submitSamplesConsent: number; exclusions: { kind: 'Path' | 'Process' | 'Extension'; value: string }[] };
  updates: { pending: { title: string; kb: string; severity: string }[]; lastSearchSuccess: string; wsusReachable: boolean };
  network: { adapters: LabAdapter[] };
  systemVolume: { sizeBytes: number; freeBytes: number; reclaimableBytes: number; healthStatus: string; dirty: boolean };
  disks: { name: string; healthStatus: string; operationalStatus: string }[];
  backup: { installed: boolean; policy: { schedules: number; systemState: boolean; bareMetalRecovery: boolean; volumes: number; targets: number } | null; lastSuccess: string | null; lastResultHresult: number };
  shadowCopies: number;
  scheduledTasks: { path: string; execute: string; arguments: string; state: 'Ready' | 'Disabled' | 'Running' }[];
  wmiSubscriptions: { filter: string; consumer: string; consumerClass: string }[];
  certificates: { subject: string; thumbprint: string; notAfter: string; hasPrivateKey: boolean }[];
  firewallRules: LabFirewallRule[];
  security: { failedLogons: number; distinctAccounts: number; lockedOutAccounts: number };
  secureChannel: boolean;
  groupPolicy: { lastSuccess: string | null; errorsSinceSuccess: number };
  timeSource: string;
  sharedPrinters: number;
  /** Domain controllers: what Get-ADDefaultDomainPasswordPolicy returns beyond the lab's ad.passwordPolicy. */
  domainPolicy?: { minPasswordAgeDays: number; passwordHistoryCount: number; reversibleEncryptionEnabled: boolean; lockoutDurationMinutes: number; lockoutObservationMinutes: number };
  /** Domain controllers: last logon per sAMAccountName and replication state. */
  directory?: { lastLogon: Record<string, string>; replication: { partners: number; failures: number; failingPartners: string[] } };
}

type WithFacts = HostState & { facts?: RunbookFacts };

function seedOf(name: string): number {
  let h = 0x811c9dc5;
  for (const ch of name.toUpperCase()) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h;
}

const ago = (now: Date, ms: number): string => new Date(now.getTime() - ms).toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const GB = 1024 ** 3;

const LSA = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa';
const POLICIES_SYSTEM = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System';
const TS_POLICY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';

/** Values every Windows install has (the lab's base state omits them). */
function builtinRegistry(kind: HostKind, rnd: SeededRandom): [string, string, RegistryValue][] {
  const server = kind !== 'workstation';
  return [
    [LSA, 'RestrictAnonymousSAM', dword(1)],
    [LSA, 'RestrictAnonymous', dword(0)],
    [LSA, 'LimitBlankPasswordUse', dword(1)],
    [LSA, 'NoLMHash', dword(1)],
    [POLICIES_SYSTEM, 'EnableLUA', dword(1)],
    [POLICIES_SYSTEM, 'ConsentPromptBehaviorAdmin', dword(5)],
    [POLICIES_SYSTEM, 'PromptOnSecureDesktop', dword(1)],
    ['HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion', 'InstallationType', sz(server ? 'Server' : 'Client')],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\USBSTOR', 'Start', dword(3)],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters', 'RequireSecuritySignature', dword(0)],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp', 'UserAuthentication', dword(1)],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecureBoot\\State', 'UEFISecureBootEnabled', dword(!server || rnd.chance(0.85) ? 1 : 0)],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters', 'Type', sz(kind === 'dc' ? 'NTP' : 'NT5DS')],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters', 'NtpServer', sz(kind === 'dc' ? 'time.windows.com,0x9' : 'time.windows.com,0x8')],
    ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer', 'NoDriveTypeAutoRun', dword(145)],
    ...(server ? [] : ([[LSA, 'RunAsPPL', dword(2)], ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Run', 'SecurityHealth', sz('%windir%\\system32\\SecurityHealthSystray.exe')]] as [string, string, RegistryValue][])),
  ];
}

/** The MSP's hardening baseline; each value has drifted away (is missing) on some hosts. */
function baselineRegistry(kind: HostKind, rnd: SeededRandom): [string, string, RegistryValue, number][] {
  const member = kind !== 'dc';
  return [
    [LSA, 'RestrictAnonymous', dword(1), 0.1],
    [LSA, 'RunAsPPL', dword(1), 0.4],
    [TS_POLICY, 'MinEncryptionLevel', dword(3), 0.05],
    [TS_POLICY, 'fPromptForPassword', dword(1), 0.05],
    [TS_POLICY, 'fEncryptRPCTraffic', dword(1), 0.05],
    [TS_POLICY, 'MaxIdleTime', dword(900_000), 0.15],
    [TS_POLICY, 'fAllowToGetHelp', dword(0), 0.1],
    [TS_POLICY, 'fAllowUnsolicited', dword(0), 0.1],
    [`${POLICIES_SYSTEM}\\Audit`, 'ProcessCreationIncludeCmdLine_Enabled', dword(1), 0.1],
    ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer', 'NoDriveTypeAutoRun', dword(255), 0.1],
    ['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\Explorer', 'NoAutorun', dword(1), 0.05],
    ['HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\Explorer', 'NoAutoplayfornonVolume', dword(1), 0.05],
    [POLICIES_SYSTEM, 'LegalNoticeCaption', sz('Authorized use only'), 0.2],
    [POLICIES_SYSTEM, 'LegalNoticeText', sz('This computer is for use by authorized members of the practice workforce only.'), 0.2],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanWorkstation\\Parameters', 'RequireSecuritySignature', dword(1), 0.25],
    ['HKLM\\SYSTEM\\CurrentControlSet\\Services\\USBSTOR', 'Start', dword(4), 0.5],
    ['HKLM\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319', 'SchUseStrongCrypto', dword(1), 0.1],
    ...(member ? ([['HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\LAPS', 'BackupDirectory', dword(2), 0.3]] as [string, string, RegistryValue, number][]) : []),
  ].map(([k, n, v, p]) => [k, n, v, rnd.chance(p as number) ? -1 : 1] as [string, string, RegistryValue, number]);
}

function defaultFacts(state: HostState, now: Date, rnd: SeededRandom): RunbookFacts {
  const server = state.kind !== 'workstation';
  const dc = state.kind === 'dc';
  const octet = seedOf(state.computerName) % 200 + 20;
  const adapters: LabAdapter[] = [
    { name: 'Ethernet', ifIndex: 12, description: server ? 'Microsoft Hyper-V Network Adapter' : 'Intel(R) Ethernet Connection I219-LM', ipAddress: `10.20.0.${octet}`, dnsServers: dc ? ['127.0.0.1'] : ['10.20.0.10'], category: 'DomainAuthenticated', netbiosOptions: rnd.chance(0.3) ? 0 : 2, receivedErrors: rnd.int(0, 40), outboundErrors: 0, management: true },
  ];
  if (server) adapters.push({ name: 'Ethernet 2', ifIndex: 14, description: 'Microsoft Hyper-V Network Adapter #2', ipAddress: `10.30.0.${octet}`, dnsServers: [], category: 'DomainAuthenticated', netbiosOptions: 2, receivedErrors: rnd.int(0, 10), outboundErrors: 0, management: false });
  const size = (server ? 512 : 256) * GB;
  const lowDisk = rnd.chance(0.08);
  const hasWsb = server && rnd.chance(0.85);
  const facts: RunbookFacts = {
    version: 1,
    tpmPresent: !server || rnd.chance(0.7),
    lastBootUpTime: ago(now, rnd.int(1, 20) * DAY),
    defender: { behaviorMonitor: true, ioav: true, onAccess: true, mapsReporting: 2, submitSamplesConsent: rnd.chance(0.1) ? 3 : 1, exclusions: [] },
    updates: { pending: rnd.chance(0.25) ? [{ title: '2026-11 Cumulative Update for Windows (KB5070001)', kb: 'KB5070001', severity: 'Important' }] : [], lastSearchSuccess: ago(now, rnd.int(1, 20) * HOUR), wsusReachable: true },
    network: { adapters },
    systemVolume: { sizeBytes: size, freeBytes: Math.round(size * (lowDisk ? 0.05 : rnd.int(30, 60) / 100)), reclaimableBytes: Math.round(size * 0.08), healthStatus: 'Healthy', dirty: false },
    disks: [{ name: server ? 'Msft Virtual Disk' : 'NVMe SAMSUNG MZVL2512', healthStatus: 'Healthy', operationalStatus: 'OK' }],
    backup: {
      installed: hasWsb,
      policy: hasWsb && rnd.chance(0.9) ? { schedules: 1, systemState: true, bareMetalRecovery: true, volumes: 2, targets: 1 } : null,
      lastSuccess: hasWsb ? ago(now, (rnd.chance(0.12) ? rnd.int(50, 90) : rnd.int(4, 20)) * HOUR) : null,
      lastResultHresult: 0,
    },
    shadowCopies: server ? rnd.int(2, 7) : 0,
    scheduledTasks: [
      { path: '\\GoogleUpdateTaskMachineCore', execute: 'C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe', arguments: '/c', state: 'Ready' },
      ...(server ? [] : [{ path: '\\OneDrive Standalone Update Task-S-1-5-21-1004', execute: '%localappdata%\\Microsoft\\OneDrive\\OneDriveStandaloneUpdater.exe', arguments: '/reporting', state: 'Ready' as const }]),
      { path: '\\Adobe Acrobat Update Task', execute: 'C:\\Program Files (x86)\\Common Files\\Adobe\\ARM\\1.0\\AdobeARM.exe', arguments: '', state: 'Ready' },
    ],
    wmiSubscriptions: [{ filter: 'SCM Event Log Filter', consumer: 'SCM Event Log Consumer', consumerClass: 'NTEventLogEventConsumer' }],
    certificates: server
      ? [
          { subject: `CN=${state.computerName}.${state.domain.dnsName}`, thumbprint: (seedOf(state.computerName) * 7919).toString(16).toUpperCase().padStart(40, 'A').slice(0, 40), notAfter: new Date(now.getTime() + (rnd.chance(0.1) ? 12 : rnd.int(90, 365)) * DAY).toISOString(), hasPrivateKey: true },
        ]
      : [],
    firewallRules: [
      { name: 'WINRM-HTTP-In-TCP', displayName: 'Windows Remote Management (HTTP-In)', enabled: true, profile: 'Domain, Private', localPorts: ['5985'], remoteAddresses: ['Any'] },
      { name: 'WINRM-HTTP-In-TCP-PUBLIC', displayName: 'Windows Remote Management (HTTP-In)', enabled: true, profile: 'Public', localPorts: ['5985'], remoteAddresses: ['LocalSubnet'] },
      ...(server ? [{ name: 'RemoteDesktop-UserMode-In-TCP', displayName: 'Remote Desktop - User Mode (TCP-In)', enabled: true, profile: 'Any', localPorts: ['3389'], remoteAddresses: ['Any'] }] : []),
    ],
    security: { failedLogons: rnd.int(0, 20), distinctAccounts: rnd.int(0, 4), lockedOutAccounts: rnd.chance(0.05) ? 1 : 0 },
    secureChannel: true,
    groupPolicy: { lastSuccess: ago(now, rnd.int(1, 5) * HOUR), errorsSinceSuccess: rnd.chance(0.05) ? 2 : 0 },
    timeSource: dc ? 'time.windows.com,0x9' : rnd.chance(0.05) ? 'Local CMOS Clock' : `DC01.${state.domain.dnsName}`,
    sharedPrinters: server && !dc && rnd.chance(0.5) ? 2 : 0,
  };
  if (dc) {
    facts.domainPolicy = { minPasswordAgeDays: 1, passwordHistoryCount: 24, reversibleEncryptionEnabled: false, lockoutDurationMinutes: 15, lockoutObservationMinutes: 15 };
    const lastLogon: Record<string, string> = {};
    for (const u of state.ad?.users ?? []) lastLogon[u.samAccountName] = ago(now, rnd.int(0, 3) * DAY + HOUR);
    if (state.ad && rnd.chance(0.5) && !state.ad.users.some((u) => u.samAccountName === 'jsmith')) {
      // A provider who left months ago and was never disabled: the classic dormant account.
      state.ad.users.push({ samAccountName: 'jsmith', enabled: true, passwordLastSet: ago(now, 240 * DAY), memberOf: ['Domain Users'] });
      lastLogon.jsmith = ago(now, 150 * DAY);
    }
    facts.directory = { lastLogon, replication: { partners: 0, failures: 0, failingPartners: [] } };
  }
  return facts;
}

/** The host's facts, created (with the missing built-in and baseline registry values) on first use. */
export function factsOf(state: HostState, now: Date): RunbookFacts {
  const s = state as WithFacts;
  if (s.facts?.version === 1) return s.facts;
  const rnd = new SeededRandom(seedOf(`${state.computerName}/facts`));
  for (const [key, name, value] of builtinRegistry(state.kind, rnd)) if (!getRegistryValue(state, key, name)) setRegistryValue(state, key, name, value);
  for (const [key, name, value, keep] of baselineRegistry(state.kind, rnd)) {
    if (keep > 0) setRegistryValue(state, key, name, value);
  }
  for (const [name, svc] of [
    ['BITS', { displayName: 'Background Intelligent Transfer Service', status: 'Stopped', startType: 'Manual' }],
    ['CryptSvc', { displayName: 'Cryptographic Services', status: 'Running', startType: 'Automatic' }],
    ['VSS', { displayName: 'Volume Shadow Copy', status: 'Stopped', startType: 'Manual' }],
  ] as const) {
    if (!Object.keys(state.services).some((k) => k.toLowerCase() === name.toLowerCase())) state.services[name] = { ...svc };
  }
  s.facts = defaultFacts(state, now, rnd);
  return s.facts;
}
