import { describe, expect, it } from 'vitest';
import { lintScript } from './lint-script.js';

const wrap = (body: string) => `param($Params)\n${body}\nEmit ([ordered]@{ ok = $true })\nexit 0\n`;
const rules = (body: string) => lintScript(wrap(body)).findings.map((f) => f.rule);

describe('script convention', () => {
  it('accepts a conforming script', () => {
    const r = lintScript(wrap("$x = Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\X' -ErrorAction SilentlyContinue\n$n = [int]$Params.limit"));
    expect(r.findings).toEqual([]);
  });

  it('requires param($Params), one Emit and a final exit 0', () => {
    expect(lintScript('Emit 1\nexit 0\n').findings.map((f) => f.rule)).toEqual(['param-block']);
    expect(lintScript('param($Params, $Other)\nEmit 1\nexit 0\n').findings.map((f) => f.rule)).toEqual(['param-block']);
    expect(lintScript('param($Params)\nEmit 1\nEmit 2\nexit 0\n').findings.map((f) => f.rule)).toEqual(['emit-once']);
    expect(lintScript('param($Params)\n$x = 1\nexit 0\n').findings.map((f) => f.rule)).toEqual(['emit-once']);
    expect(lintScript('param($Params)\nEmit 1\n').findings.map((f) => f.rule)).toEqual(['exit-zero']);
    expect(lintScript('param($Params)\nif ($true) { exit 1 }\nEmit 1\nexit 0\n').findings.map((f) => f.rule)).toEqual(['exit-zero']);
    expect(rules("$ErrorActionPreference = 'SilentlyContinue'")).toEqual(['error-preference']);
  });

  it('reports grammar errors with their line, unless a documented gap covers them', () => {
    const body = wrap('Get-Process | Select-Object Name, Id');
    const r = lintScript(body);
    expect(r.findings.map((f) => [f.rule, f.line])).toContainEqual(['parse-error', 2]);
    const gap = { id: 'bare-select-list', pattern: 'Select-Object [A-Za-z]+, ', example: 'Select-Object A, B', reason: 'test' };
    const allowed = lintScript(body, [gap]);
    expect(allowed.findings.filter((f) => f.rule === 'parse-error')).toEqual([]);
    expect(allowed.gapsUsed).toEqual(['bare-select-list']);
    expect(lintScript(wrap("Get-Process | Select-Object 'Name','Id'")).findings).toEqual([]);
  });
});

describe('injection lint', () => {
  it('bans code-from-string primitives outright', () => {
    expect(rules("Invoke-Expression 'Get-Date'")).toEqual(['banned-command']);
    expect(rules("iex 'Get-Date'")).toEqual(['banned-command']);
    expect(rules("Add-Type -TypeDefinition 'public class A {}'")).toEqual(['banned-command']);
    expect(rules("$sb = [scriptblock]::Create('Get-Date')")).toEqual(['banned-method']);
    expect(rules("$sb = [System.Management.Automation.ScriptBlock]::Create('x')")).toEqual(['banned-method']);
    expect(rules("$ExecutionContext.InvokeCommand.ExpandString('$x')")).toEqual(['banned-method']);
    expect(rules("[powershell]::Create().AddScript('x')")).toEqual(['banned-method']);
  });

  it('follows parameter values through assignments, loops and pipelines into sinks', () => {
    expect(rules('& $Params.tool')).toEqual(['tainted-command-name']);
    expect(rules('$t = $Params.tool\n$u = "$t.exe"\n& $u')).toEqual(['tainted-command-name']);
    expect(rules('Start-Process -FilePath cmd.exe -ArgumentList "/c $($Params.name)"')).toEqual(['tainted-sink']);
    expect(rules('foreach ($n in $Params.names) { cmd.exe /c echo $n }')).toEqual(['tainted-sink']);
    expect(rules('$Params.names | ForEach-Object { Start-Process -FilePath $_ }')).toEqual(['tainted-sink']);
    expect(rules('$a = New-ScheduledTaskAction -Execute powershell.exe -Argument ("-c " + $Params.x)')).toEqual(['tainted-sink']);
    expect(rules('Invoke-CimMethod -ClassName Win32_Process -MethodName Create -Arguments @{ CommandLine = $Params.cmd }')).toEqual(['tainted-sink']);
    expect(rules('auditpol.exe /set "/subcategory:$($Params.guid)" /success:enable')).toEqual(['tainted-native-argument']);
    expect(rules('& net.exe user $Params.user /active:no')).toEqual(['tainted-native-argument']);
    expect(rules('function Set-It($v) { Start-Process $v }\nSet-It $Params.x')).toEqual(['tainted-sink']);
  });

  it('lets parameter values flow as data', () => {
    expect(rules('$limit = [int]$Params.maxDays\n$old = @(Get-ChildItem -Path $env:TEMP | Where-Object { $_.LastWriteTime -lt (Get-Date).AddDays(-$limit) })')).toEqual([]);
    expect(rules("Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\X' -Name 'Caption' -Value $Params.caption")).toEqual([]);
    expect(rules("Start-Process -FilePath 'auditpol.exe' -ArgumentList '/get','/category:*' -Wait")).toEqual([]);
    expect(rules("auditpol.exe /backup /file:$path")).toEqual([]);
    expect(rules('$n = [int]$Params.index\nInvoke-CimMethod -ClassName Win32_NetworkAdapterConfiguration -MethodName SetTcpipNetbios -Arguments @{ TcpipNetbiosOptions = [uint32]$Params.before.value }')).toEqual([]);
    expect(rules('& w32tm.exe /resync /computer:([int]$Params.x)')).toEqual([]);
    expect(rules('& w32tm.exe /config ([string]$Params.x)')).toEqual(['tainted-native-argument']);
  });
});
