import { siteTaskQueue } from '@custos/core';
import { NativeConnection } from '@temporalio/worker';
import { applianceConnectionOptions, createLogger, dataConverterFromConfig, installTemporalRuntime, loadConfigOrExit } from '@custos/runtime';
import { loadApplianceConfig } from './config.js';
import { createApplianceWorker } from './appliance-worker.js';
import { buildApplianceRuntime } from './site-runtime.js';
import { APPLIANCE_VERSION } from './version.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit(loadApplianceConfig, 'appliance-worker');
  // A malformed CUSTOS_PAYLOAD_KEYS is reported like any other config problem, before connecting.
  const dataConverter = loadConfigOrExit(() => dataConverterFromConfig(config), 'appliance-worker');
  const site = loadConfigOrExit(() => buildApplianceRuntime(config), 'appliance-worker');
  const logger = createLogger('appliance-worker', config.logLevel).child({ siteId: config.siteId });
  installTemporalRuntime(logger);
  // Through the appliance gateway when CUSTOS_GATEWAY_ADDRESS is set (production), else directly.
  const connection = await NativeConnection.connect(loadConfigOrExit(() => applianceConnectionOptions(config), 'appliance-worker'));
  try {
    const worker = await createApplianceWorker({
      connection,
      namespace: config.temporalNamespace,
      dataConverter,
      shutdownGraceTime: config.workerShutdownGraceSeconds * 1000,
      activityDeps: { siteId: config.siteId, applianceVersion: APPLIANCE_VERSION, runtime: site.runtime },
    });
    logger.info({ taskQueue: siteTaskQueue(config.siteId), site: site.describe }, 'appliance worker polling');
    // The SDK stops polling on SIGINT/SIGTERM and run() resolves once running activities finished
    // (or were cancelled after the grace time); credentials in memory go with the process.
    await worker.run();
    logger.info('appliance worker stopped');
  } finally {
    site.close();
    await connection.close();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
