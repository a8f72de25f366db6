/** Lab semantics of RB-WIN-SVC-002 (DHCP Server service running where installed); lab hosts have no DHCP role until drift adds it. */
import { serviceCase } from './service-runbook.js';

export default serviceCase({ runbook: 'RB-WIN-SVC-002', version: 1, service: 'DHCPServer', label: 'DHCP Server', kinds: ['dc', 'server'] });
