/** Lab semantics of RB-WIN-SEC-014 (Legacy SSL and TLS 1.0/1.1 disabled): registry policy values. */
import { registryPolicyCase } from './registry-policy.js';

export default registryPolicyCase({
  runbook: 'RB-WIN-SEC-014',
  version: 1,
  remediate: true,
  rollback: true,
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  settings: [
    { field: 'ssl2ServerEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\\Server', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'ssl2ServerDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\\Server', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'ssl2ClientEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\\Client', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'ssl2ClientDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\\Client', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'ssl3ServerEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Server', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'ssl3ServerDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Server', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'ssl3ClientEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Client', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'ssl3ClientDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 3.0\\Client', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'tls10ServerEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'tls10ServerDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'tls10ClientEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'tls10ClientDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'tls11ServerEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Server', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'tls11ServerDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Server', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'tls11ClientEnabled', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Client', name: 'Enabled', type: 'dword', output: true, bad: ['ne', 0] as const, desired: 0 },
    { field: 'tls11ClientDisabledByDefault', path: 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.1\\Client', name: 'DisabledByDefault', type: 'dword', output: false, bad: ['ne', 1] as const, desired: 1 },
    { field: 'netStrongCrypto', path: 'HKLM:\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319', name: 'SchUseStrongCrypto', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
    { field: 'netStrongCryptoWow64', path: 'HKLM:\\SOFTWARE\\Wow6432Node\\Microsoft\\.NETFramework\\v4.0.30319', name: 'SchUseStrongCrypto', type: 'dword', output: true, bad: ['ne', 1] as const, desired: 1 },
  ],
  drift: [['HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\SSL 2.0\\Server', 'Enabled', 1]],
});
