/**
 * The persistence runbooks' suspicion rules (Get-SuspicionReasons in RB-WIN-SEC-018/019), the same
 * regular expressions in JavaScript syntax. PowerShell's -match is case-insensitive, hence /i.
 */
export function suspicionReasons(command: string): string[] {
  const reasons: string[] = [];
  if (/\\(AppData|Temp|Users\\Public|ProgramData\\[^\\]+\.exe)/i.test(command) || /%(TEMP|TMP|APPDATA|LOCALAPPDATA|PUBLIC)%/i.test(command)) reasons.push('runs from a user-writable folder');
  if (/(powershell|pwsh)(\.exe)?/i.test(command) && /(\s-e(nc|ncodedcommand)?\s|-w(indowstyle)?\s+h(idden)?|downloadstring|invoke-webrequest|\biwr\b|frombase64string)/i.test(command)) reasons.push('hidden, encoded or downloading PowerShell');
  if (/(mshta|regsvr32|rundll32|wscript|cscript|certutil|bitsadmin)(\.exe)?/i.test(command) && /(https?:|javascript:|vbscript:|scrobj|-urlcache|\/transfer)/i.test(command)) reasons.push('system tool loading remote or script code');
  return reasons;
}
