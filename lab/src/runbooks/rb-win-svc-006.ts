/** Lab semantics of RB-WIN-SVC-006 (Netlogon service running on domain controllers). */
import { serviceCase } from './service-runbook.js';

export default serviceCase({ runbook: 'RB-WIN-SVC-006', version: 1, service: 'Netlogon', label: 'Netlogon', kinds: ['dc'] });
