import { createLogger, connectClient, connectNative, dataConverterFromConfig, installTemporalRuntime, loadConfigOrExit } from '@custos/runtime';
import { CENTRAL_TASK_QUEUE } from '@custos/core';
import { notifyDepsFromConfig, plannerDepsFromConfig } from '@custos/activities/central';
import { evidenceActivityDepsFromConfig } from '@custos/activities/evidence';
import { loadCentralWorkerConfig } from './config.js';
import { createCentralWorker } from './central-worker.js';
import { buildScanHealRuntime } from './scan-heal-runtime.js';
import { buildWorkflowCode } from './workflow-code.js';
import { enableMissingSiteSchedules, reconcileBeforePolling } from './reconcile-schedules.js';
import { CENTRAL_VERSION } from './version.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit(loadCentralWorkerConfig, 'central-worker');
  // A malformed CUSTOS_PAYLOAD_KEYS is reported like any other config problem, before connecting.
  const dataConverter = loadConfigOrExit(() => dataConverterFromConfig(config), 'central-worker');
  const logger = createLogger('central-worker', config.logLevel);
  installTemporalRuntime(logger);
  const connection = await connectNative(config);
  const clientConnection = await connectClient(config);
  const scanHeal = buildScanHealRuntime(config, clientConnection, dataConverter);
  // L2 is skipped (findings go to L3) when CUSTOS_L2_API_KEY is unset; email needs CUSTOS_SMTP_URL.
  const planner = plannerDepsFromConfig(config, { catalogue: scanHeal.runtime.catalogue, db: scanHeal.runtime.db });
  const notify = notifyDepsFromConfig(config);
  const workflowCode = await buildWorkflowCode();
  // Scans and heals record evidence; without it they would wait (retrying) until it is configured.
  const evidence = evidenceActivityDepsFromConfig({
    config,
    db: scanHeal.runtime.db,
    temporal: scanHeal.runtime.temporal,
    agent: { name: 'custos-central', version: CENTRAL_VERSION, buildDigest: `sha256:${workflowCode.sha256}` },
    workflowCode: { sha256: workflowCode.sha256, bytes: workflowCode.bytes },
  });
  try {
    const worker = await createCentralWorker({
      connection,
      namespace: config.temporalNamespace,
      dataConverter,
      workflowBundle: { code: workflowCode.code },
      shutdownGraceTime: config.workerShutdownGraceSeconds * 1000,
      activityDeps: { centralVersion: CENTRAL_VERSION, scanHeal: scanHeal.runtime, planner, notify, evidence },
    });
    // Before polling: the anchoring Schedule, and whatever the API could not create while Temporal
    // was unreachable (packet Schedules, site entities, their Schedules). Idempotent on every start.
    const reconcile = { db: scanHeal.runtime.db, temporal: scanHeal.runtime.temporal, taskQueue: CENTRAL_TASK_QUEUE, logger };
    const reconciled = await reconcileBeforePolling(reconcile);
    logger.info({ taskQueue: CENTRAL_TASK_QUEUE, namespace: config.temporalNamespace, runbooks: scanHeal.runtime.catalogue.runbooks.length, l2: planner.llm ? config.l2Model : 'off', email: notify.mail ? 'on' : 'off', workflowCode: workflowCode.sha256 }, 'central worker polling');
    // The SDK shuts the worker down on SIGINT/SIGTERM; run() resolves once in-flight tasks finish.
    const running = worker.run();
    // Turning a site's Schedules on is an Update its entity completes, so it waits until we poll.
    const stopEnabling = new AbortController();
    const enabling = enableMissingSiteSchedules(reconcile, reconciled.sitesWithoutSchedules, { signal: stopEnabling.signal });
    try {
      await running;
    } finally {
      stopEnabling.abort();
      await enabling;
    }
    logger.info('central worker stopped');
  } finally {
    await scanHeal.close();
    await clientConnection.close();
    await connection.close();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
