/**
 * Every catalogue runbook's lab semantics (one file per runbook), for the lab's handler registry and
 * the lab-cycle integration test. A runbook without an entry here cannot run on the lab.
 */
import type { LabRunbookCase } from './case.js';
import rbWinAccess003 from './rb-win-access-003.js';
import rbWinAd001 from './rb-win-ad-001.js';
import rbWinAd002 from './rb-win-ad-002.js';
import rbWinAd003 from './rb-win-ad-003.js';
import rbWinAd004 from './rb-win-ad-004.js';
import rbWinAd005 from './rb-win-ad-005.js';
import rbWinAd006 from './rb-win-ad-006.js';
import rbWinAd007 from './rb-win-ad-007.js';
import rbWinAd008 from './rb-win-ad-008.js';
import rbWinAv001 from './rb-win-av-001.js';
import rbWinBackup001 from './rb-win-backup-001.js';
import rbWinBackup002 from './rb-win-backup-002.js';
import rbWinCert001 from './rb-win-cert-001.js';
import rbWinEncryption001 from './rb-win-encryption-001.js';
import rbWinFirewall001 from './rb-win-firewall-001.js';
import rbWinLog002 from './rb-win-log-002.js';
import rbWinLog004 from './rb-win-log-004.js';
import rbWinLogging001 from './rb-win-logging-001.js';
import rbWinNet001 from './rb-win-net-001.js';
import rbWinNet002 from './rb-win-net-002.js';
import rbWinNet003 from './rb-win-net-003.js';
import rbWinNet004 from './rb-win-net-004.js';
import rbWinNet005 from './rb-win-net-005.js';
import rbWinPatch001 from './rb-win-patch-001.js';
import rbWinPatch002 from './rb-win-patch-002.js';
import rbWinPatch003 from './rb-win-patch-003.js';
import rbWinPatch004 from './rb-win-patch-004.js';
import rbWinRdp001 from './rb-win-rdp-001.js';
import rbWinSec001 from './rb-win-sec-001.js';
import rbWinSec002 from './rb-win-sec-002.js';
import rbWinSec003 from './rb-win-sec-003.js';
import rbWinSec004 from './rb-win-sec-004.js';
import rbWinSec005 from './rb-win-sec-005.js';
import rbWinSec006 from './rb-win-sec-006.js';
import rbWinSec007 from './rb-win-sec-007.js';
import rbWinSec008 from './rb-win-sec-008.js';
import rbWinSec009 from './rb-win-sec-009.js';
import rbWinSec010 from './rb-win-sec-010.js';
import rbWinSec011 from './rb-win-sec-011.js';
import rbWinSec012 from './rb-win-sec-012.js';
import rbWinSec013 from './rb-win-sec-013.js';
import rbWinSec014 from './rb-win-sec-014.js';
import rbWinSec015 from './rb-win-sec-015.js';
import rbWinSec016 from './rb-win-sec-016.js';
import rbWinSec017 from './rb-win-sec-017.js';
import rbWinSec018 from './rb-win-sec-018.js';
import rbWinSec019 from './rb-win-sec-019.js';
import rbWinSec020 from './rb-win-sec-020.js';
import rbWinSec021 from './rb-win-sec-021.js';
import rbWinSec024 from './rb-win-sec-024.js';
import rbWinSec025 from './rb-win-sec-025.js';
import rbWinSec028 from './rb-win-sec-028.js';
import rbWinSec029 from './rb-win-sec-029.js';
import rbWinSec030 from './rb-win-sec-030.js';
import rbWinSec032 from './rb-win-sec-032.js';
import rbWinSec033 from './rb-win-sec-033.js';
import rbWinSec037 from './rb-win-sec-037.js';
import rbWinSec039 from './rb-win-sec-039.js';
import rbWinSec040 from './rb-win-sec-040.js';
import rbWinStg001 from './rb-win-stg-001.js';
import rbWinStg002 from './rb-win-stg-002.js';
import rbWinStg003 from './rb-win-stg-003.js';
import rbWinStg004 from './rb-win-stg-004.js';
import rbWinSvc001 from './rb-win-svc-001.js';
import rbWinSvc002 from './rb-win-svc-002.js';
import rbWinSvc003 from './rb-win-svc-003.js';
import rbWinSvc004 from './rb-win-svc-004.js';
import rbWinSvc006 from './rb-win-svc-006.js';
import rbWinSvc008 from './rb-win-svc-008.js';
import rbWinTime001 from './rb-win-time-001.js';
import rbWinUpd001 from './rb-win-upd-001.js';
import rbWinUpd002 from './rb-win-upd-002.js';
import rbWinUpd003 from './rb-win-upd-003.js';
import rbWinWinrm001 from './rb-win-winrm-001.js';

/** Keyed by runbook id. */
export const RUNBOOK_LAB_CASES: ReadonlyMap<string, LabRunbookCase> = new Map(
  [
    rbWinAccess003,
    rbWinAd001,
    rbWinAd002,
    rbWinAd003,
    rbWinAd004,
    rbWinAd005,
    rbWinAd006,
    rbWinAd007,
    rbWinAd008,
    rbWinAv001,
    rbWinBackup001,
    rbWinBackup002,
    rbWinCert001,
    rbWinEncryption001,
    rbWinFirewall001,
    rbWinLog002,
    rbWinLog004,
    rbWinLogging001,
    rbWinNet001,
    rbWinNet002,
    rbWinNet003,
    rbWinNet004,
    rbWinNet005,
    rbWinPatch001,
    rbWinPatch002,
    rbWinPatch003,
    rbWinPatch004,
    rbWinRdp001,
    rbWinSec001,
    rbWinSec002,
    rbWinSec003,
    rbWinSec004,
    rbWinSec005,
    rbWinSec006,
    rbWinSec007,
    rbWinSec008,
    rbWinSec009,
    rbWinSec010,
    rbWinSec011,
    rbWinSec012,
    rbWinSec013,
    rbWinSec014,
    rbWinSec015,
    rbWinSec016,
    rbWinSec017,
    rbWinSec018,
    rbWinSec019,
    rbWinSec020,
    rbWinSec021,
    rbWinSec024,
    rbWinSec025,
    rbWinSec028,
    rbWinSec029,
    rbWinSec030,
    rbWinSec032,
    rbWinSec033,
    rbWinSec037,
    rbWinSec039,
    rbWinSec040,
    rbWinStg001,
    rbWinStg002,
    rbWinStg003,
    rbWinStg004,
    rbWinSvc001,
    rbWinSvc002,
    rbWinSvc003,
    rbWinSvc004,
    rbWinSvc006,
    rbWinSvc008,
    rbWinTime001,
    rbWinUpd001,
    rbWinUpd002,
    rbWinUpd003,
    rbWinWinrm001,
  ].map((c) => [c.handlers.runbook, c]),
);

export const RUNBOOK_HANDLERS = [...RUNBOOK_LAB_CASES.values()].map((c) => c.handlers);

export type { LabRunbookCase, CycleOutcome } from './case.js';
export { factsOf, type RunbookFacts } from './facts.js';
