import { createLogger, connectNative, dataConverterFromConfig, installTemporalRuntime, loadConfigOrExit } from '@custos/runtime';
import { CENTRAL_TASK_QUEUE } from '@custos/core';
import { loadCentralWorkerConfig } from './config.js';
import { createCentralWorker } from './central-worker.js';
import { CENTRAL_VERSION } from './version.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit(loadCentralWorkerConfig, 'central-worker');
  // A malformed CUSTOS_PAYLOAD_KEYS is reported like any other config problem, before connecting.
  const dataConverter = loadConfigOrExit(() => dataConverterFromConfig(config), 'central-worker');
  const logger = createLogger('central-worker', config.logLevel);
  installTemporalRuntime(logger);
  const connection = await connectNative(config);
  try {
    const worker = await createCentralWorker({
      connection,
      namespace: config.temporalNamespace,
      dataConverter,
      activityDeps: { centralVersion: CENTRAL_VERSION },
    });
    logger.info({ taskQueue: CENTRAL_TASK_QUEUE, namespace: config.temporalNamespace }, 'central worker polling');
    // The SDK shuts the worker down on SIGINT/SIGTERM; run() resolves once in-flight tasks finish.
    await worker.run();
    logger.info('central worker stopped');
  } finally {
    await connection.close();
  }
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
