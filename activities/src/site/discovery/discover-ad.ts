/** Lists the domain's computer accounts from a domain controller (see ad-computers-script.ts). */
import { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '@custos/core';
import { invalidInput, toFailure } from '../failures.js';
import type { SiteRuntime } from '../site-deps.js';
import type { DiscoveredComputer, DiscoverInput, DiscoverOutput } from '../types.js';
import { AD_COMPUTERS_SCRIPT } from './ad-computers-script.js';

const NAME = /^[A-Za-z0-9][A-Za-z0-9-]{0,62}$/;

function readComputer(value: unknown, i: number): DiscoveredComputer {
  const o = value as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object' || typeof o.name !== 'string' || !NAME.test(o.name) || typeof o.enabled !== 'boolean') {
    throw ApplicationFailure.create({ type: FailureType.ScriptError, nonRetryable: true, message: `AD inventory: computers[${i}] is not a computer account: ${JSON.stringify(value)?.slice(0, 120)}` });
  }
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  return { name: o.name, dnsHostName: text(o.dnsHostName), operatingSystem: text(o.operatingSystem), enabled: o.enabled, domainController: o.domainController === true };
}

export function readDiscovery(value: unknown): DiscoverOutput {
  const o = value as Record<string, unknown> | null;
  if (o === null || typeof o !== 'object' || (o.source !== 'Get-ADComputer' && o.source !== 'LDAP') || !Array.isArray(o.computers)) {
    throw ApplicationFailure.create({ type: FailureType.ScriptError, nonRetryable: true, message: `AD inventory emitted ${JSON.stringify(value)?.slice(0, 200)}, not { source, computers[] }` });
  }
  return { source: o.source, computers: o.computers.map(readComputer) };
}

export function makeDiscoverAd(rt: SiteRuntime) {
  return async function discoverAd(input: DiscoverInput): Promise<DiscoverOutput> {
    if (input.siteId !== rt.siteId) throw invalidInput(`appliance for site ${rt.siteId} was asked to discover site ${input.siteId}`);
    try {
      const target = await rt.vault.targetFor(input.dc);
      const run = await rt.winrm.runScript(target, {
        header: { runbook: AD_COMPUTERS_SCRIPT.runbook, version: AD_COMPUTERS_SCRIPT.version, phase: AD_COMPUTERS_SCRIPT.phase },
        script: AD_COMPUTERS_SCRIPT.body,
        params: {},
        timeoutMs: 120_000,
      });
      return readDiscovery(run.result);
    } catch (err) {
      throw toFailure(err);
    }
  };
}
