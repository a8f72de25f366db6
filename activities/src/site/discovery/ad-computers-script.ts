/**
 * The AD inventory script, run on a domain controller. It follows the script convention
 * (lib/winrm/README.md) and is identified like a catalogue script — a fixed id, version and phase
 * whose body hash a host-side allowlist (and the lab) can pin — because it is part of the product,
 * not an ad-hoc diagnostic. Get-ADComputer when the ActiveDirectory module is present, otherwise an
 * LDAP query through System.DirectoryServices (Server Core DCs without RSAT).
 */
export const AD_COMPUTERS_SCRIPT = {
  runbook: 'CUSTOS-AD-COMPUTERS',
  version: 1,
  phase: 'check',
  body: [
    'param($Params)',
    "$source = 'Get-ADComputer'",
    'if (Get-Module -ListAvailable -Name ActiveDirectory) {',
    '  Import-Module ActiveDirectory',
    '  $computers = @(Get-ADComputer -Filter * -Properties DNSHostName, OperatingSystem, Enabled, PrimaryGroupID | ForEach-Object {',
    '    [ordered]@{ name = [string]$_.Name; dnsHostName = [string]$_.DNSHostName; operatingSystem = [string]$_.OperatingSystem; enabled = [bool]$_.Enabled; domainController = ([int]$_.PrimaryGroupID -eq 516) }',
    '  })',
    '} else {',
    "  $source = 'LDAP'",
    '  $searcher = New-Object System.DirectoryServices.DirectorySearcher',
    "  $searcher.Filter = '(objectCategory=computer)'",
    '  $searcher.PageSize = 500',
    "  foreach ($p in @('name', 'dnshostname', 'operatingsystem', 'useraccountcontrol')) { [void]$searcher.PropertiesToLoad.Add($p) }",
    '  $computers = @($searcher.FindAll() | ForEach-Object {',
    "    $uac = [int]($_.Properties['useraccountcontrol'] | Select-Object -First 1)",
    '    [ordered]@{',
    "      name = [string]($_.Properties['name'] | Select-Object -First 1)",
    "      dnsHostName = [string]($_.Properties['dnshostname'] | Select-Object -First 1)",
    "      operatingSystem = [string]($_.Properties['operatingsystem'] | Select-Object -First 1)",
    '      enabled = -not [bool]($uac -band 2)',
    '      domainController = [bool]($uac -band 8192)',
    '    }',
    '  })',
    '}',
    'Emit ([ordered]@{ source = $source; computers = $computers })',
    'exit 0',
    '',
  ].join('\r\n'),
} as const;
