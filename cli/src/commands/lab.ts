import path from 'node:path';
import { defineConfig } from '@custos/core/config';
import { LabSite } from '@custos/lab';
import { UsageError, type Command } from '../command.js';
import { repoRoot } from '../stack/index.js';
import { parseServeArgs } from '../lab/args.js';
import { adminRequest, adminUrlFromStateDir } from '../lab/admin-client.js';

const USAGE = `usage:
  custos lab serve --hosts N [--kinds dc,server,workstation] [--seed S] [--state-dir DIR] [--address 127.0.0.1] [--admin-port P]
      start a lab site; prints one JSON line per host, serves until interrupted
  custos lab hosts                                  list the running site's hosts
  custos lab state <host>                           print a host's state
  custos lab drift <host> <json-pointer> <json>     set one state value (e.g. /services/wuauserv/status '"Stopped"')
  custos lab fault <host> <json>                    set faults, e.g. '{"offline":true}' ('{}' clears)
  custos lab applications <host>                    remediation applications recorded for a host
options for the last five: [--admin URL] (default: from <state dir>/site.json)`;

const defaultStateDir = (): string => path.resolve(repoRoot, defineConfig(['stackDir'])(process.env).stackDir, 'lab');

function takeAdmin(argv: string[]): { rest: string[]; admin: string } {
  const i = argv.indexOf('--admin');
  if (i < 0) return { rest: argv, admin: adminUrlFromStateDir(defaultStateDir()) };
  const admin = argv[i + 1];
  if (!admin || !/^https?:\/\//.test(admin)) throw new UsageError('--admin needs a URL');
  return { rest: [...argv.slice(0, i), ...argv.slice(i + 2)], admin: admin.replace(/\/+$/, '') };
}

function parseJson(what: string, raw: string | undefined): unknown {
  if (raw === undefined) throw new UsageError(`missing ${what}`);
  try {
    return JSON.parse(raw);
  } catch {
    throw new UsageError(`${what} is not JSON: ${raw}`);
  }
}

async function serve(argv: string[]): Promise<number> {
  const args = parseServeArgs(argv);
  const site = await LabSite.start({ hosts: args.hosts, kinds: args.kinds, seed: args.seed, stateDir: args.stateDir ?? defaultStateDir(), address: args.address, adminPort: args.adminPort });
  for (const h of site.hosts()) {
    const { certificatePem: _pem, ...tls } = h.tls;
    console.log(JSON.stringify({ ...h, tls }));
  }
  console.error(`lab: ${args.hosts} host(s) up; admin API ${site.adminUrl}; Ctrl-C to stop`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await site.close();
  return 0;
}

const print = (value: unknown): void => console.log(JSON.stringify(value, null, 2));

export const labCommand: Command = {
  name: 'lab',
  summary: 'simulated Windows hosts: serve a lab site, inject drift and faults',
  usage: USAGE,
  async run(argv) {
    const [action, ...rest] = argv;
    if (action === 'serve') return serve(rest);
    if (!action) throw new UsageError('missing action');
    const { rest: args, admin } = takeAdmin(rest);
    const host = (): string => {
      const h = args[0];
      if (!h || !/^[A-Za-z0-9-]{1,15}$/.test(h)) throw new UsageError(`${action} needs a host name, got ${h === undefined ? 'nothing' : `"${h}"`}`);
      return encodeURIComponent(h);
    };
    switch (action) {
      case 'hosts':
        print(await adminRequest(admin, 'GET', '/hosts'));
        return 0;
      case 'state':
        print(await adminRequest(admin, 'GET', `/hosts/${host()}/state`));
        return 0;
      case 'drift': {
        const pointer = args[1];
        if (!pointer?.startsWith('/')) throw new UsageError(`drift needs a JSON pointer starting with /, got ${pointer ?? 'nothing'}`);
        const value = parseJson('the value', args[2]);
        // `add` sets an object member whether or not it exists (RFC 6902 §4.1).
        await adminRequest(admin, 'PATCH', `/hosts/${host()}/state`, [{ op: 'add', path: pointer, value }]);
        console.log(`${args[0]}: ${pointer} = ${JSON.stringify(value)}`);
        return 0;
      }
      case 'fault':
        print(await adminRequest(admin, 'PUT', `/hosts/${host()}/faults`, parseJson('the faults', args[1])));
        return 0;
      case 'applications':
        print(await adminRequest(admin, 'GET', `/hosts/${host()}/applications`));
        return 0;
      default:
        throw new UsageError(`unknown action "${action}"`);
    }
  },
};
