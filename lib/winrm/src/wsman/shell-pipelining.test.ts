/**
 * The shell's request order with a client-chosen command id: the first Receive leaves before the CommandResponse is
 * back, and a service that ignores the id (it answers the early Receive with InvalidSelectors) makes the shell
 * receive with the real id and stop pipelining.
 */
import { describe, expect, it } from 'vitest';
import { WsmanFaultError } from '../errors.js';
import type { Operation, WsmanConnection } from './connection.js';
import { parseEnvelope, type ParsedEnvelope } from './envelope.js';
import { Action, NS } from './namespaces.js';
import { WinrsShell } from './shell.js';
import { descendant, parseXml } from './xml.js';

const DECLS = `xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:w="${NS.w}" xmlns:rsp="${NS.rsp}"`;
const env = (body: string): ParsedEnvelope => parseEnvelope(`<s:Envelope ${DECLS}><s:Header/><s:Body>${body}</s:Body></s:Envelope>`);
const created = env('<rsp:Shell><rsp:ShellId>SHELL-1</rsp:ShellId></rsp:Shell>');
const commandResponse = (id: string): ParsedEnvelope => env(`<rsp:CommandResponse><rsp:CommandId>${id}</rsp:CommandId></rsp:CommandResponse>`);
const done = (id: string): ParsedEnvelope =>
  env(
    `<rsp:ReceiveResponse><rsp:Stream Name="stdout" CommandId="${id}">${Buffer.from('out\r\n').toString('base64')}</rsp:Stream>` +
      `<rsp:CommandState CommandId="${id}" State="http://schemas.microsoft.com/wbem/wsman/1/windows/shell/CommandState/Done"><rsp:ExitCode>0</rsp:ExitCode></rsp:CommandState></rsp:ReceiveResponse>`,
  );
const invalidSelectors = (): WsmanFaultError =>
  new WsmanFaultError('h:5985', { code: 's:Sender', subcode: 'w:InvalidSelectors', reason: 'bad selector', wsmanFaultCode: 2150858843, wsmanMessage: '', wmiErrorCode: undefined }, 500);

/** A connection that records the order requests are issued in and answers like a service with/without client ids. */
function fakeConnection(takesClientIds: boolean, commandFault?: WsmanFaultError) {
  /** What the service did, in order. */
  const log: string[] = [];
  /** Actions in the order they were sent. */
  const sent: string[] = [];
  let commandDone: (() => void) | undefined;
  const commands = new Set<string>();
  // Requests are answered in the order they were sent, as on one pipelined connection.
  let previous: Promise<unknown> = Promise.resolve();
  const conn = {
    endpoint: 'h:5985',
    limits: { maxEnvelopeSize: 153600, operationTimeoutSec: 20, responseSlackMs: 0 },
    invoke(op: Operation): Promise<ParsedEnvelope> {
      const body = parseXml(`<b ${DECLS}>${op.body ?? ''}</b>`, 'body').documentElement;
      sent.push(op.action.split('/').pop() as string);
      const answer = previous.then(() => answerFor(op, body));
      previous = answer.catch(() => undefined);
      return answer;
    },
  };
  async function answerFor(op: Operation, body: ReturnType<typeof parseXml>['documentElement']): Promise<ParsedEnvelope> {
    {
      if (op.action === Action.Create) return created;
      if (op.action === Action.Command) {
        const wanted = descendant(body, NS.rsp, 'CommandLine')?.getAttribute('CommandId');
        const id = takesClientIds && wanted ? wanted : 'SERVER-ID';
        log.push(`Command ${wanted ? 'with id' : 'without id'}`);
        // The CommandResponse is held until the test has seen what was sent behind it.
        await new Promise<void>((r) => (commandDone = r));
        if (commandFault) throw commandFault;
        commands.add(id);
        return commandResponse(id);
      }
      if (op.action === Action.Receive) {
        const id = descendant(body, NS.rsp, 'DesiredStream')?.getAttribute('CommandId') ?? '';
        log.push(`Receive ${id === 'SERVER-ID' ? 'server id' : 'own id'}`);
        if (!commands.has(id)) throw invalidSelectors();
        return done(id);
      }
      log.push(op.action.split('/').pop() as string);
      return env('<rsp:SignalResponse/>');
    }
  }
  return { conn: conn as unknown as WsmanConnection, log, sent, release: () => commandDone?.() };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('WinrsShell pipelining', () => {
  it('sends the first Receive, with the id it chose, before the CommandResponse arrives', async () => {
    const { conn, log, sent, release } = fakeConnection(true);
    const shell = await WinrsShell.open(conn);
    const run = shell.run('hostname');
    await tick();
    expect(sent).toEqual(['Create', 'Command', 'Receive']);
    expect(log).toEqual(['Command with id']);
    release();
    const out = await run;
    expect(out.stdout.toString()).toBe('out\r\n');
    await shell.close();
    expect(log).toEqual(['Command with id', 'Receive own id', 'Signal', 'Delete']);
  });

  it('falls back to the server id and stops pipelining when the service ignores the chosen id', async () => {
    const { conn, log, sent, release } = fakeConnection(false);
    const shell = await WinrsShell.open(conn);
    const first = shell.run('hostname');
    await tick();
    release();
    expect((await first).stdout.toString()).toBe('out\r\n');
    expect(log.slice(0, 3)).toEqual(['Command with id', 'Receive own id', 'Receive server id']);
    const second = shell.run('hostname');
    await tick();
    // No early Receive this time: the Command goes out alone (behind the previous command's Signal).
    expect(sent.slice(4)).toEqual(['Signal', 'Command']);
    release();
    await second;
    expect(log.slice(3, 6)).toEqual(['Signal', 'Command without id', 'Receive server id']);
    await shell.close();
  });

  it('a Command that fails surfaces its own fault; the InvalidSelectors of the early Receive is read and dropped', async () => {
    const accessDenied = new WsmanFaultError('h:5985', { code: 's:Sender', subcode: 'w:AccessDenied', reason: 'Access is denied.', wsmanFaultCode: 5, wsmanMessage: '', wmiErrorCode: undefined }, 500);
    const { conn, log, sent, release } = fakeConnection(true, accessDenied);
    const shell = await WinrsShell.open(conn);
    const run = shell.run('hostname');
    await tick();
    release();
    await expect(run).rejects.toBe(accessDenied);
    // Nothing to terminate: no Signal for a command that never started.
    expect(sent).toEqual(['Create', 'Command', 'Receive']);
    expect(log).toEqual(['Command with id', 'Receive own id']);
  });
});
