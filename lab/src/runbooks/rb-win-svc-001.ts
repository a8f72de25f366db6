/** Lab semantics of RB-WIN-SVC-001 (DNS Server service running on domain controllers). */
import { serviceCase } from './service-runbook.js';

export default serviceCase({ runbook: 'RB-WIN-SVC-001', version: 1, service: 'DNS', label: 'DNS Server', kinds: ['dc'] });
