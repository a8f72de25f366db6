import { siteTaskQueue } from '@custos/core';
import { createLogger, connectNative, dataConverterFromConfig, installTemporalRuntime, loadConfigOrExit } from '@custos/runtime';
import { loadApplianceConfig } from './config.js';
import { createApplianceWorker } from './appliance-worker.js';
import { APPLIANCE_VERSION } from './version.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit(loadApplianceConfig, 'appliance-worker');
  // A malformed CUSTOS_PAYLOAD_KEYS is reported like any other config problem, before connecting.
  const dataConverter = loadConfigOrExit(() => dataConverterFromConfig(config), 'appliance-worker');
  const logger = createLogger('appliance-worker', config.logLevel).child({ siteId: config.siteId });
  installTemporalRuntime(logger);
  const connection = await connectNative(config);
  try {
    const worker = await createApplianceWorker({
      connection,
      namespace: config.temporalNamespace,
      dataConverter,
      activityDeps: { siteId: config.siteId, applianceVersion: APPLIANCE_VERSION },
    });
    logger.info({ taskQueue: siteTaskQueue(config.siteId) }, 'appliance worker polling');
    await worker.run();
    logger.info('appliance worker stopped');
  } finally {
    await connection.close();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
