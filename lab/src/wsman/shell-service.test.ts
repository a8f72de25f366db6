import { describe, expect, it } from 'vitest';
import { Action, NS, parseEnvelope } from '@custos/winrm/protocol';
import { LabProcess } from '../processes/lab-process.js';
import { ShellService } from './shell-service.js';

const request = (action: string, shellId: string | undefined, body: string): string =>
  `<s:Envelope xmlns:s="${NS.s}" xmlns:a="${NS.a}" xmlns:w="${NS.w}" xmlns:rsp="${NS.rsp}"><s:Header><a:Action>${action}</a:Action>` +
  `<a:MessageID>uuid:0D0E4B0A-1111-4222-8333-444455556666</a:MessageID>` +
  (shellId ? `<w:SelectorSet><w:Selector Name="ShellId">${shellId}</w:Selector></w:SelectorSet>` : '') +
  `</s:Header><s:Body>${body}</s:Body></s:Envelope>`;

function service(): ShellService {
  return new ShellService({
    machine: 'WS001',
    owner: 'labadmin',
    address: 'http://127.0.0.1/wsman',
    start: () => {
      const p = new LabProcess();
      p.write('stdout', Buffer.from('WS001\r\n'));
      p.exit(0);
      return p;
    },
  });
}

async function openShell(s: ShellService): Promise<string> {
  const r = await s.handle(parseEnvelope(request(Action.Create, undefined, '<rsp:Shell/>')), '127.0.0.1');
  return /Name="ShellId">([^<]+)</.exec(r.xml)?.[1] as string;
}

const command = (id?: string): string => `<rsp:CommandLine${id ? ` CommandId="${id}"` : ''}><rsp:Command>hostname</rsp:Command></rsp:CommandLine>`;

describe('ShellService command ids', () => {
  it('creates the command under the id the client chose (CommandLine@CommandId), and Receive finds it', async () => {
    const s = service();
    const shell = await openShell(s);
    const id = '6E0A1B2C-3D4E-4F50-8A6B-7C8D9E0F1A2B';
    const created = await s.handle(parseEnvelope(request(Action.Command, shell, command(id.toLowerCase()))), '127.0.0.1');
    expect(created.status).toBe(200);
    expect(created.xml).toContain(`<rsp:CommandId>${id}</rsp:CommandId>`);
    const received = await s.handle(parseEnvelope(request(Action.Receive, shell, `<rsp:Receive><rsp:DesiredStream CommandId="${id}">stdout stderr</rsp:DesiredStream></rsp:Receive>`)), '127.0.0.1');
    expect(received.status).toBe(200);
    expect(received.xml).toContain('CommandState/Done');
  });

  it('refuses an id already in use and an id that is not a GUID; without an id it makes one', async () => {
    const s = service();
    const shell = await openShell(s);
    const id = '6E0A1B2C-3D4E-4F50-8A6B-7C8D9E0F1A2B';
    await s.handle(parseEnvelope(request(Action.Command, shell, command(id))), '127.0.0.1');
    const again = await s.handle(parseEnvelope(request(Action.Command, shell, command(id))), '127.0.0.1');
    expect(again.status).toBe(500);
    expect(again.xml).toContain('w:AlreadyExists');
    const bad = await s.handle(parseEnvelope(request(Action.Command, shell, command('not-a-guid'))), '127.0.0.1');
    expect(bad.status).toBe(500);
    const own = await s.handle(parseEnvelope(request(Action.Command, shell, command())), '127.0.0.1');
    expect(own.xml).toMatch(/<rsp:CommandId>[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}<\/rsp:CommandId>/);
    expect(own.xml).not.toContain(id);
  });
});
