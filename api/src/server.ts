import closeWithGrace from 'close-with-grace';
import { Connection } from '@temporalio/client';
import { connectDatabase, CredentialKeyring, parsePreviousKeys } from '@custos/db';
import { dataConverterFromConfig } from '@custos/runtime';
import { buildApp, REDACT } from './app.js';
import { loadApiConfig } from './config.js';
import { temporalGateway } from './temporal/gateway.js';
import { catalogueReportDeps } from './routes/reports/catalogue-deps.js';

/** Starts the Central API: config, connections, listen; on SIGINT/SIGTERM drain and close everything. */
async function run(): Promise<void> {
  const config = loadApiConfig(process.env);
  const db = connectDatabase(config.databaseUrl, { max: 10 });
  const keyring = new CredentialKeyring(config.credentialKey, parsePreviousKeys(config.credentialPreviousKeys));
  const connection = await Connection.connect({ address: `${config.temporalAddress.host}:${config.temporalAddress.port}` });
  const app = await buildApp(
    {
      db,
      keyring,
      workflows: temporalGateway(connection, config.temporalNamespace, dataConverterFromConfig(config)),
      publicUrl: config.apiPublicUrl,
      allowInsecureOidcIssuer: config.env !== 'production',
      authRateLimit: 10,
      reports: catalogueReportDeps(connection, config.temporalNamespace, dataConverterFromConfig(config), config.runbooksDir),
    },
    {
      logger: {
        level: config.logLevel,
        redact: { paths: REDACT, censor: '[redacted]' },
        // URLs are logged without their query string: OIDC callbacks carry codes there.
        serializers: { req: (req: { method: string; url: string; id: string }) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }) },
      },
    },
  );
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an error');
    else app.log.info({ signal }, 'closing');
    await app.close(); // stops accepting, lets in-flight requests finish
    app.log.info('http closed');
    await db.destroy();
    await connection.close();
    app.log.info('closed');
  });
  await app.listen({ host: config.bindHost, port: config.apiPort });
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
