/** Lab semantics of RB-WIN-SVC-008 (Windows Defender Firewall service running). */
import { serviceCase } from './service-runbook.js';

export default serviceCase({ runbook: 'RB-WIN-SVC-008', version: 1, service: 'mpssvc', label: 'Windows Defender Firewall', kinds: ['dc', 'server', 'workstation'] });
