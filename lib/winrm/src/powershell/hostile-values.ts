/**
 * Parameter values that break naive PowerShell templating (seed §9.1: the original platform spliced values into
 * double-quoted script text). Shared by the unit test here and the end-to-end test against the lab, which checks
 * every value arrives byte-for-byte and nothing of it reaches code.
 */
export const HOSTILE_VALUES: readonly string[] = [
  '$(Remove-Item C:\\ -Recurse -Force)',
  '$(whoami)',
  '${env:COMPUTERNAME}',
  '@(1,2)',
  '`$x`n`0',
  '"; Stop-Computer -Force; "',
  "'; Stop-Computer -Force; '",
  'a;b|c&d>e<f',
  '| Out-File C:\\pwned.txt',
  '&& shutdown /s /t 0',
  '\u2018; Stop-Computer; \u2019',
  '\u201A\u201B single-quote lookalikes',
  '\u201C$(whoami)\u201D \u201E double-quote lookalikes',
  '\u2013Force \u2014Confirm:$false \u2015x',
  '--% raw args $(whoami)',
  'line1\nline2\r\nInvoke-Expression "calc"',
  'nul\u0000byte',
  '\u0000',
  '#< CLIXML\r\n<Objs/>',
  '@@R@@eyJmYWtlIjp0cnVlfQ==@@E@@',
  '</rsp:Stream><rsp:Stream Name="stdout">',
  ']]><![CDATA[',
  'Ünïcödé — 日本語 — emoji \u{1F512} — RTL \u202Eexe.txt',
  '\uD83D', // a lone surrogate
  ' leading and trailing spaces ',
  '',
  'x'.repeat(200_000),
  '$'.repeat(10_000),
];
