/**
 * Refuses planner-chosen params that look like code. Params reach scripts only as data (base64
 * JSON decoded inside the script, lib/winrm), so a string cannot execute by construction — this is
 * the second fence the original platform lacked (seed §9.1): a model that was talked into emitting
 * shell syntax or command names has been manipulated, and its plan is not trusted at all.
 */

/** PowerShell/cmd metacharacters, the typographic quotes and dashes PowerShell also accepts, control characters. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this must catch
const SHELL_SYNTAX = /[`$;|&<>\r\n\u0000-\u0008\u000b\u000c\u000e-\u001f\u2018-\u201f\u2013-\u2015]|@\(|\$\{|\.\.[\\/]/u;
const COMMANDS =
  /\b(?:invoke-expression|iex|invoke-command|icm|start-process|remove-item|rm|del|format-volume|clear-disk|remove-partition|stop-computer|restart-computer|set-executionpolicy|add-mppreference|set-mppreference|new-object|downloadstring|downloadfile|invoke-webrequest|invoke-restmethod|iwr|irm|bitsadmin|certutil|powershell|pwsh|cmd|wscript|cscript|mshta|rundll32|regsvr32|net\s+user|net\s+localgroup|reg\s+add|schtasks|encodedcommand)\b|(?:^|\s)-(?:e|ec|enc|encodedcommand)\s/iu;

/** The first reason `params` look like code, naming the param, or undefined when they are plain data. */
export function unsafeParam(params: Readonly<Record<string, unknown>>): string | undefined {
  const check = (value: unknown, path: string): string | undefined => {
    if (typeof value === 'string') {
      if (SHELL_SYNTAX.test(value)) return `${path}: contains shell or PowerShell syntax`;
      if (COMMANDS.test(value)) return `${path}: names a command`;
      return undefined;
    }
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) {
        const r = check(v, `${path}[${i}]`);
        if (r) return r;
      }
      return undefined;
    }
    if (value !== null && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) {
        const r = check(k, `${path} key`) ?? check(v, `${path}.${k}`);
        if (r) return r;
      }
    }
    return undefined;
  };
  for (const [name, value] of Object.entries(params)) {
    const r = check(name, 'param name') ?? check(value, name);
    if (r) return r;
  }
  return undefined;
}
