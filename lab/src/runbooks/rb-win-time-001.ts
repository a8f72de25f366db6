/** Lab semantics of RB-WIN-TIME-001 (time source configured for the computer's role). */
import { defineHandlers, type HandlerContext } from '../scripts/handler.js';
import { defineCase } from './case.js';
import { registryPatch } from './drift.js';
import { factsOf } from './facts.js';
import { done, requireService, stringParam } from './support.js';
import { getRegistryValue, setRegistryValue, sz } from '../state/registry.js';

const PARAMETERS = 'HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters';

function read(ctx: HandlerContext) {
  factsOf(ctx.state, ctx.now);
  const isPdc = ctx.state.kind === 'dc';
  const wantNtp = isPdc || !ctx.state.domain.joined;
  const text = (name: string) => String(getRegistryValue(ctx.state, PARAMETERS, name)?.value ?? '');
  return { isPdc, wantNtp, type: text('Type'), ntpServer: text('NtpServer') };
}

function check(ctx: HandlerContext) {
  const r = read(ctx);
  return { domainJoined: ctx.state.domain.joined, isPdcEmulator: r.isPdc, type: r.type, ntpServer: r.ntpServer, expectedType: r.wantNtp ? 'NTP' : 'NT5DS' };
}

export default defineCase({
  handlers: defineHandlers('RB-WIN-TIME-001', 1, {
    check,
    verify: check,
    remediate: (ctx) => {
      const r = read(ctx);
      const actions: string[] = [];
      if (r.wantNtp) {
        const servers = stringParam(ctx, 'ntpServers');
        if (r.type !== 'NTP') {
          setRegistryValue(ctx.state, PARAMETERS, 'Type', sz('NTP'));
          actions.push('time source type set to NTP');
        }
        if (r.ntpServer.trim() === '' || (r.ntpServer === 'time.windows.com,0x8' && servers !== 'time.windows.com,0x8')) {
          setRegistryValue(ctx.state, PARAMETERS, 'NtpServer', sz(servers));
          actions.push(`NTP servers set to ${servers}`);
        }
      } else if (r.type !== 'NT5DS') {
        setRegistryValue(ctx.state, PARAMETERS, 'Type', sz('NT5DS'));
        actions.push('time source set to the domain hierarchy (NT5DS)');
      }
      if (actions.length > 0) {
        requireService(ctx.state, 'W32Time').status = 'Running';
        actions.push('restarted Windows Time');
      }
      return done(actions);
    },
  }),
  cycle: { dc: 'heals', server: 'heals', workstation: 'heals' },
  // DC: someone pointed the PDC at itself; member: someone set a manual peer.
  drift: (state) => registryPatch(state, PARAMETERS, 'Type', sz(state.kind === 'dc' ? 'NT5DS' : 'NTP')),
});
