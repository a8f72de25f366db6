/**
 * Realistic default state per host kind: Windows Server 2022 domain controller and member file server, Windows 11
 * workstation, as an untouched domain install looks (CIS gaps included: that is what scans find). A seeded random
 * source varies the usual drift between hosts so a site is not uniform.
 */
import type { HostKind, HostState, RegistryValue } from './host-state.js';
import type { SeededRandom } from './random.js';
import { dword, sz } from './registry.js';

const AUDIT_GUID_SUFFIX = '-69AE-11D9-BED3-505054503030';
/** CIS-relevant audit subcategories (reference §6.7), first part of the GUID. */
const AUDIT_SUBCATEGORIES = ['0CCE923F', '0CCE9237', '0CCE9235', '0CCE922B', '0CCE9217', '0CCE9216', '0CCE9215', '0CCE921B', '0CCE922F', '0CCE9211', '0CCE9228', '0CCE9212'];

const FIREWALL = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\SharedAccess\\Parameters\\FirewallPolicy';
const SCHANNEL = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';

export interface HostIdentity {
  computerName: string;
  kind: HostKind;
  netbiosDomain: string;
  dnsDomain: string;
  /** Domain-relative identifier base for SIDs (S-1-5-21-a-b-c). */
  domainSid: string;
  machineSid: string;
  now: Date;
}

const daysAgo = (now: Date, days: number): string => new Date(now.getTime() - days * 86_400_000).toISOString();

export function defaultState(id: HostIdentity, rnd: SeededRandom): HostState {
  const server = id.kind !== 'workstation';
  const registry: Record<string, Record<string, RegistryValue>> = {
    'HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion': {
      ProductName: sz(server ? 'Windows Server 2022 Standard' : 'Windows 11 Pro'),
      DisplayVersion: sz(server ? '21H2' : '23H2'),
      CurrentBuild: sz(server ? '20348' : '22631'),
      UBR: dword(server ? rnd.pick([2582, 2655, 2700]) : rnd.pick([4037, 4169, 4317])),
    },
    'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System': rnd.chance(0.5) ? { InactivityTimeoutSecs: dword(900) } : {},
    'HKLM\\SYSTEM\\CurrentControlSet\\Services\\LanmanServer\\Parameters': { SMB1: dword(rnd.chance(0.25) ? 1 : 0), RequireSecuritySignature: dword(id.kind === 'dc' ? 1 : 0) },
    'HKLM\\SYSTEM\\CurrentControlSet\\Services\\mrxsmb10': { Start: dword(4) },
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server': { fDenyTSConnections: dword(server ? 0 : 1) },
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp': { UserAuthentication: dword(rnd.chance(0.2) ? 0 : 1), MinEncryptionLevel: dword(3) },
    'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa': { SCENoApplyLegacyAuditPolicy: dword(1), LmCompatibilityLevel: dword(5) },
    'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\WindowsUpdate\\AU': { NoAutoUpdate: dword(0), AUOptions: dword(4) },
    'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient': rnd.chance(0.5) ? { EnableMulticast: dword(0) } : {},
    'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows\\PowerShell\\ScriptBlockLogging': { EnableScriptBlockLogging: dword(1) },
    'HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319': { SchUseStrongCrypto: dword(1) },
  };
  for (const [profile, key] of [['Domain', 'DomainProfile'], ['Private', 'StandardProfile'], ['Public', 'PublicProfile']] as const) {
    const enabled = !(profile === 'Public' && rnd.chance(0.2));
    registry[`${FIREWALL}\\${key}`] = { EnableFirewall: dword(enabled ? 1 : 0), DefaultInboundAction: dword(1), DefaultOutboundAction: dword(0) };
    registry[`${FIREWALL}\\${key}\\Logging`] = { LogFileSize: dword(rnd.pick([4096, 16384])), LogDroppedPackets: dword(rnd.chance(0.5) ? 1 : 0) };
    void profile;
  }
  // Absent SCHANNEL keys mean the OS default (TLS 1.0/1.1 enabled on 2022/Win10): hardened hosts have explicit zeros.
  if (rnd.chance(0.5)) {
    for (const proto of ['TLS 1.0', 'TLS 1.1']) {
      for (const side of ['Server', 'Client']) registry[`${SCHANNEL}\\${proto}\\${side}`] = { Enabled: dword(0), DisabledByDefault: dword(1) };
    }
  }

  const adminSid = `${id.machineSid}-500`;
  const guestSid = `${id.machineSid}-501`;
  const services: HostState['services'] = {
    WinRM: { displayName: 'Windows Remote Management (WS-Management)', status: 'Running', startType: 'Automatic' },
    wuauserv: { displayName: 'Windows Update', status: rnd.chance(0.1) ? 'Stopped' : 'Running', startType: rnd.chance(0.1) ? 'Disabled' : 'Manual' },
    WinDefend: { displayName: 'Microsoft Defender Antivirus Service', status: 'Running', startType: 'Automatic' },
    mpssvc: { displayName: 'Windows Defender Firewall', status: 'Running', startType: 'Automatic' },
    W32Time: { displayName: 'Windows Time', status: 'Running', startType: server ? 'Automatic' : 'Manual' },
    EventLog: { displayName: 'Windows Event Log', status: 'Running', startType: 'Automatic' },
    LanmanServer: { displayName: 'Server', status: 'Running', startType: 'Automatic' },
    Spooler: { displayName: 'Print Spooler', status: id.kind === 'dc' && rnd.chance(0.5) ? 'Stopped' : 'Running', startType: 'Automatic' },
    RemoteRegistry: { displayName: 'Remote Registry', status: 'Stopped', startType: rnd.chance(0.2) ? 'Automatic' : 'Disabled' },
  };
  if (id.kind === 'dc') {
    services.NTDS = { displayName: 'Active Directory Domain Services', status: 'Running', startType: 'Automatic' };
    services.DNS = { displayName: 'DNS Server', status: 'Running', startType: 'Automatic' };
    services.Netlogon = { displayName: 'Netlogon', status: 'Running', startType: 'Automatic' };
  }

  const features: HostState['features'] = server
    ? { 'FS-SMB1': rnd.chance(0.2) ? 'Installed' : 'Available', 'Windows-Defender': 'Installed', BitLocker: rnd.chance(0.5) ? 'Installed' : 'Available', 'FS-FileServer': 'Installed' }
    : { SMB1Protocol: 'Removed', 'Windows-Defender-Default-Definitions': 'Installed' };
  if (id.kind === 'dc') Object.assign(features, { 'AD-Domain-Services': 'Installed', DNS: 'Installed' });

  const encrypted = !server || rnd.chance(0.4);
  const state: HostState = {
    schema: 1,
    computerName: id.computerName,
    kind: id.kind,
    os: server
      ? { caption: 'Microsoft Windows Server 2022 Standard', version: '10.0.20348', build: 20348, ubr: (registry['HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion']?.UBR?.value as number) ?? 0, edition: 'Server' }
      : { caption: 'Microsoft Windows 11 Pro', version: '10.0.22631', build: 22631, ubr: (registry['HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion']?.UBR?.value as number) ?? 0, edition: 'Client' },
    domain: { joined: true, netbiosName: id.netbiosDomain, dnsName: id.dnsDomain },
    registry,
    services,
    features,
    bitlocker: [
      {
        mountPoint: 'C:',
        volumeStatus: encrypted ? 'FullyEncrypted' : 'FullyDecrypted',
        protectionStatus: encrypted ? 'On' : 'Off',
        encryptionPercentage: encrypted ? 100 : 0,
        encryptionMethod: encrypted ? 'XtsAes128' : 'None',
        keyProtectors: encrypted ? ['Tpm', 'RecoveryPassword'] : [],
      },
    ],
    defender: {
      amServiceEnabled: true,
      realTimeProtectionEnabled: !rnd.chance(0.1),
      isTamperProtected: !server,
      amRunningMode: 'Normal',
      antivirusSignatureLastUpdated: daysAgo(id.now, rnd.chance(0.2) ? rnd.int(4, 20) : rnd.int(0, 1)),
    },
    hotfixes: [
      { hotFixId: server ? 'KB5041160' : 'KB5041585', description: 'Security Update', installedOn: daysAgo(id.now, rnd.chance(0.2) ? rnd.int(45, 120) : rnd.int(3, 25)).slice(0, 10) },
      { hotFixId: server ? 'KB5040437' : 'KB5040442', description: 'Security Update', installedOn: daysAgo(id.now, rnd.int(30, 40)).slice(0, 10) },
      { hotFixId: 'KB5012170', description: 'Security Update', installedOn: daysAgo(id.now, rnd.int(300, 500)).slice(0, 10) },
    ],
    localUsers: [
      { name: 'Administrator', sid: adminSid, enabled: id.kind !== 'workstation', passwordLastSet: daysAgo(id.now, rnd.int(10, 400)), passwordNeverExpires: rnd.chance(0.5) },
      { name: 'Guest', sid: guestSid, enabled: rnd.chance(0.1), passwordLastSet: daysAgo(id.now, 900), passwordNeverExpires: true },
      { name: 'DefaultAccount', sid: `${id.machineSid}-503`, enabled: false, passwordLastSet: daysAgo(id.now, 900), passwordNeverExpires: true },
    ],
    localGroups: {
      'S-1-5-32-544': { name: 'Administrators', members: [adminSid, `${id.domainSid}-512`, ...(rnd.chance(0.3) ? [`${id.domainSid}-1107`] : [])] },
      'S-1-5-32-545': { name: 'Users', members: [`${id.domainSid}-513`] },
      'S-1-5-32-555': { name: 'Remote Desktop Users', members: [] },
      'S-1-5-32-580': { name: 'Remote Management Users', members: [] },
    },
    auditPolicy: Object.fromEntries(AUDIT_SUBCATEGORIES.map((g) => [`{${g}${AUDIT_GUID_SUFFIX}}`, rnd.pick([1, 3, 3, 3, 0] as const)])),
    securityPolicy: {
      MinimumPasswordAge: 1,
      MaximumPasswordAge: rnd.pick([42, 365, 0]),
      MinimumPasswordLength: rnd.pick([7, 14, 14]),
      PasswordComplexity: 1,
      PasswordHistorySize: 24,
      LockoutBadCount: rnd.pick([0, 5, 5]),
      ResetLockoutCount: 15,
      LockoutDuration: 15,
      ClearTextPassword: 0,
    },
    eventLogs: {
      Application: { maximumSizeInBytes: 20_971_520, logMode: 'Circular', isEnabled: true },
      System: { maximumSizeInBytes: 20_971_520, logMode: 'Circular', isEnabled: true },
      Security: { maximumSizeInBytes: rnd.pick([20_971_520, 201_326_592]), logMode: 'Circular', isEnabled: true },
    },
    pendingReboot: false,
    winrm: { allowUnencrypted: false, basicAuth: true },
  };
  if (id.kind === 'dc') state.ad = defaultDirectory(id, rnd);
  return state;
}

function defaultDirectory(id: HostIdentity, rnd: SeededRandom): NonNullable<HostState['ad']> {
  return {
    dnsRoot: id.dnsDomain,
    netbiosName: id.netbiosDomain,
    computers: [],
    users: [
      { samAccountName: 'Administrator', enabled: true, passwordLastSet: daysAgo(id.now, rnd.int(10, 300)), memberOf: ['Domain Admins', 'Enterprise Admins'] },
      { samAccountName: 'krbtgt', enabled: false, passwordLastSet: daysAgo(id.now, rnd.int(100, 900)), memberOf: [] },
      { samAccountName: 'frontdesk', enabled: true, passwordLastSet: daysAgo(id.now, rnd.int(1, 120)), memberOf: ['Domain Users'] },
    ],
    groups: [
      { name: 'Domain Admins', sid: `${id.domainSid}-512`, members: ['Administrator'] },
      { name: 'Domain Users', sid: `${id.domainSid}-513`, members: ['Administrator', 'frontdesk'] },
    ],
    passwordPolicy: { minPasswordLength: rnd.pick([7, 14]), complexityEnabled: true, maxPasswordAgeDays: 42, lockoutThreshold: rnd.pick([0, 5]) },
  };
}
