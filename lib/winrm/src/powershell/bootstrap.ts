/**
 * The fixed bootstrap (lib/winrm/README.md, "PowerShell script convention"). It is the only PowerShell that ever
 * appears on a command line; it is a constant, so nothing that varies per call — script, parameters, secrets —
 * is ever part of an encoded command. It reads three base64 lines from stdin (header, script body, params), defines
 * the prologue and `Emit`, and runs the body with the decoded params as its only argument.
 */
export const BOOTSTRAP_SCRIPT = [
  "$ErrorActionPreference = 'Stop'",
  "$ProgressPreference = 'SilentlyContinue'",
  '[Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false',
  'function Emit($o) {',
  '  $j = ConvertTo-Json -InputObject $o -Depth 8 -Compress',
  "  [Console]::Out.Write('@@R@@' + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($j)) + \"@@E@@`r`n\")",
  '}',
  '$l = @($input | ForEach-Object { "$_".Trim() } | Where-Object { $_ })',
  "if ($l.Count -ne 3) { throw ('custos bootstrap: expected 3 stdin lines (header, script, params), got ' + $l.Count) }",
  '$u = New-Object System.Text.UTF8Encoding $false, $true',
  '$H = $u.GetString([Convert]::FromBase64String($l[0])) | ConvertFrom-Json',
  '$S = $u.GetString([Convert]::FromBase64String($l[1]))',
  '$Params = $u.GetString([Convert]::FromBase64String($l[2])) | ConvertFrom-Json',
  '& ([ScriptBlock]::Create($S)) $Params',
  "throw 'custos bootstrap: the script returned without exit (convention: end with exit 0)'",
].join('\r\n');

/** `-EncodedCommand` takes base64 of UTF-16LE. */
export const encodeCommand = (script: string): string => Buffer.from(script, 'utf16le').toString('base64');
export const decodeCommand = (encoded: string): string => Buffer.from(encoded, 'base64').toString('utf16le');

export const POWERSHELL = 'powershell.exe';
export const BOOTSTRAP_ARGS: readonly string[] = ['-NoProfile', '-NonInteractive', '-EncodedCommand', encodeCommand(BOOTSTRAP_SCRIPT)];

/** True when a received command line is exactly our bootstrap (how the lab recognises it). */
export function isBootstrapCommandLine(commandLine: string): boolean {
  const m = /^powershell(?:\.exe)?\s+-NoProfile\s+-NonInteractive\s+-EncodedCommand\s+(\S+)\s*$/i.exec(commandLine.trim());
  return m !== null && decodeCommand(m[1] as string) === BOOTSTRAP_SCRIPT;
}
