/**
 * Ad-hoc (non-catalogue) scripts the lab knows: transport diagnostics used by tests and the benchmark. Like
 * catalogue scripts they are identified by name and refused unless the body hash matches.
 */
import type { HandlerContext } from './handler.js';

export interface AdhocScript {
  name: string;
  body: string;
  run(ctx: HandlerContext): unknown;
}

/** Emits its params back unchanged: proves parameters arrive byte-for-byte and never run. */
export const ECHO_PARAMS: AdhocScript = {
  name: 'lab.echo-params',
  body: 'param($Params)\r\nEmit $Params\r\nexit 0\r\n',
  run: ({ params }) => params,
};

/** Returns host facts, like a typical light check (hostname, OS build, UTC time). */
export const HOST_FACTS: AdhocScript = {
  name: 'lab.host-facts',
  body:
    'param($Params)\r\n' +
    "$os = Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion'\r\n" +
    'Emit ([ordered]@{ computerName = $env:COMPUTERNAME; build = [int]$os.CurrentBuild; ubr = [int]$os.UBR; utc = [DateTime]::UtcNow.ToString(\'o\') })\r\n' +
    'exit 0\r\n',
  run: ({ state, now }) => ({ computerName: state.computerName, build: state.os.build, ubr: state.os.ubr, utc: now.toISOString() }),
};

export const ADHOC_SCRIPTS: readonly AdhocScript[] = [ECHO_PARAMS, HOST_FACTS];
