/**
 * A simulated Windows host's state as plain JSON data (reference winrm.md §7.2). Settings Windows keeps in the
 * registry live in `registry`, so a remediation that writes the registry is what the next read observes.
 */
export type HostKind = 'dc' | 'server' | 'workstation';
export const HOST_KINDS: readonly HostKind[] = ['dc', 'server', 'workstation'];

export type RegistryValue =
  | { type: 'REG_DWORD' | 'REG_QWORD'; value: number }
  | { type: 'REG_SZ' | 'REG_EXPAND_SZ'; value: string }
  | { type: 'REG_MULTI_SZ'; value: string[] };

export interface ServiceState {
  displayName: string;
  status: 'Running' | 'Stopped';
  startType: 'Automatic' | 'Manual' | 'Disabled';
}

export interface BitLockerVolume {
  mountPoint: string;
  volumeStatus: 'FullyEncrypted' | 'EncryptionInProgress' | 'FullyDecrypted' | 'DecryptionInProgress';
  protectionStatus: 'On' | 'Off';
  encryptionPercentage: number;
  encryptionMethod: string;
  keyProtectors: string[];
}

export interface LocalUser {
  name: string;
  sid: string;
  enabled: boolean;
  passwordLastSet: string;
  passwordNeverExpires: boolean;
}

export interface LocalGroup {
  name: string;
  /** Member SIDs. */
  members: string[];
}

export interface EventLogSettings {
  maximumSizeInBytes: number;
  logMode: 'Circular' | 'AutoBackup' | 'Retain';
  isEnabled: boolean;
}

export interface AdDirectory {
  dnsRoot: string;
  netbiosName: string;
  computers: { name: string; dnsHostName: string; operatingSystem: string; enabled: boolean; lastLogonDate: string }[];
  users: { samAccountName: string; enabled: boolean; passwordLastSet: string; memberOf: string[] }[];
  groups: { name: string; sid: string; members: string[] }[];
  passwordPolicy: { minPasswordLength: number; complexityEnabled: boolean; maxPasswordAgeDays: number; lockoutThreshold: number };
}

export interface HostState {
  schema: 1;
  computerName: string;
  kind: HostKind;
  os: { caption: string; version: string; build: number; ubr: number; edition: 'Server' | 'Client' };
  domain: { joined: boolean; netbiosName: string; dnsName: string };
  /** `HKLM\...` key path → value name → value. Key paths are compared case-insensitively (see registry.ts). */
  registry: Record<string, Record<string, RegistryValue>>;
  services: Record<string, ServiceState>;
  features: Record<string, 'Installed' | 'Available' | 'Removed'>;
  bitlocker: BitLockerVolume[];
  defender: {
    amServiceEnabled: boolean;
    realTimeProtectionEnabled: boolean;
    isTamperProtected: boolean;
    amRunningMode: 'Normal' | 'Passive Mode' | 'EDR Block Mode';
    antivirusSignatureLastUpdated: string;
  };
  hotfixes: { hotFixId: string; description: string; installedOn: string }[];
  localUsers: LocalUser[];
  /** Group SID → group. */
  localGroups: Record<string, LocalGroup>;
  /** Audit subcategory GUID → 0 none, 1 success, 2 failure, 3 both (auditpol /backup "Setting Value"). */
  auditPolicy: Record<string, 0 | 1 | 2 | 3>;
  /** secedit [System Access] values. */
  securityPolicy: Record<string, number>;
  eventLogs: Record<string, EventLogSettings>;
  pendingReboot: boolean;
  /** WinRM service config (winrm/config/service): Basic is on for the lab's HTTPS listener; unencrypted is off. */
  winrm: { allowUnencrypted: boolean; basicAuth: boolean };
  ad?: AdDirectory;
}
