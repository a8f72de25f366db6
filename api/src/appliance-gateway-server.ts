/**
 * Entry script of the appliance gateway: `tsx api/src/appliance-gateway-server.ts`. Appliance
 * workers connect here (CUSTOS_GATEWAY_ADDRESS) instead of to Temporal directly.
 */
import { connectDatabase } from '@custos/db';
import { createLogger, loadConfigOrExit, onShutdownSignal } from '@custos/runtime';
import { gatewayOptionsFromConfig, loadGatewayConfig, startApplianceGateway } from './appliance-gateway/index.js';

async function run(): Promise<void> {
  const config = loadConfigOrExit(loadGatewayConfig, 'appliance-gateway');
  const options = loadConfigOrExit(() => gatewayOptionsFromConfig(config), 'appliance-gateway');
  const logger = createLogger('appliance-gateway', config.logLevel);
  const db = connectDatabase(config.databaseUrl, { max: 10 });
  const gateway = await startApplianceGateway({ ...options, db, namespace: config.temporalNamespace, logger });
  onShutdownSignal(logger, async () => {
    await gateway.close();
    await db.destroy();
    logger.info('appliance gateway stopped');
  });
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
