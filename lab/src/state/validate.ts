/** A structural check of a host state document (loaded from disk or patched): the parts handlers rely on. */
import { HOST_KINDS, type HostState } from './host-state.js';

export class StateError extends Error {
  override readonly name = 'StateError';
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function validateState(value: unknown, where: string): asserts value is HostState {
  const fail = (what: string): never => {
    throw new StateError(`${where}: ${what}`);
  };
  if (!isObject(value)) fail('must be a JSON object');
  const s = value as Record<string, unknown>;
  if (s.schema !== 1) fail(`schema must be 1, got ${JSON.stringify(s.schema)}`);
  if (typeof s.computerName !== 'string' || !/^[A-Za-z0-9-]{1,15}$/.test(s.computerName)) fail('computerName must be a NetBIOS name (1-15 letters, digits, -)');
  if (!HOST_KINDS.includes(s.kind as HostState['kind'])) fail(`kind must be one of ${HOST_KINDS.join(', ')}`);
  for (const key of ['os', 'domain', 'winrm', 'registry', 'services', 'features', 'defender', 'localGroups', 'auditPolicy', 'securityPolicy', 'eventLogs']) {
    if (!isObject(s[key])) fail(`${key} must be an object`);
  }
  for (const key of ['bitlocker', 'hotfixes', 'localUsers']) if (!Array.isArray(s[key])) fail(`${key} must be an array`);
  for (const [path, values] of Object.entries(s.registry as Record<string, unknown>)) {
    if (!isObject(values)) fail(`registry["${path}"] must be an object of values`);
    for (const [name, v] of Object.entries(values as Record<string, unknown>)) {
      const t = isObject(v) ? v.type : undefined;
      if (!['REG_DWORD', 'REG_QWORD', 'REG_SZ', 'REG_EXPAND_SZ', 'REG_MULTI_SZ'].includes(String(t))) fail(`registry["${path}"]["${name}"].type ${JSON.stringify(t)} is not a registry type`);
    }
  }
  for (const [name, svc] of Object.entries(s.services as Record<string, unknown>)) {
    if (!isObject(svc) || !['Running', 'Stopped'].includes(String(svc.status)) || !['Automatic', 'Manual', 'Disabled'].includes(String(svc.startType))) {
      fail(`services["${name}"] needs status Running|Stopped and startType Automatic|Manual|Disabled`);
    }
  }
}
