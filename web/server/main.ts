/**
 * The dashboard process. Serves the production build (`vite build` → web/build) with
 * adapter-node's handler on CUSTOS_WEB_PORT, or with `--dev` runs Vite's dev server there instead
 * (what `npm start` uses, so a fresh clone needs no build step). Config is checked before anything
 * listens, naming every bad variable.
 */
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { webOrigin } from '../src/lib/server/config.js';
import { loadConfigOrExit } from './load-config.js';

const webRoot = fileURLToPath(new URL('..', import.meta.url));

async function serveBuild(host: string, port: number, origin: string): Promise<() => Promise<void>> {
  // adapter-node reads ORIGIN when its handler loads; without it, it assumes https and refuses http form posts.
  process.env['ORIGIN'] = origin;
  const handlerFile = fileURLToPath(new URL('../build/handler.js', import.meta.url));
  if (!existsSync(handlerFile)) throw new Error(`no dashboard build at ${handlerFile}: run \`npm run -w web build\` or start with --dev`);
  const { handler } = (await import(handlerFile)) as { handler: Parameters<typeof createServer>[1] };
  const server = createServer(handler);
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  return () => new Promise<void>((resolve) => server.close(() => resolve()));
}

async function serveDev(host: string, port: number): Promise<() => Promise<void>> {
  const { createServer: createVite } = await import('vite');
  const vite = await createVite({ root: webRoot, configFile: `${webRoot}/vite.config.ts`, server: { host, port, strictPort: true } });
  await vite.listen();
  return () => vite.close();
}

async function run(): Promise<void> {
  const config = loadConfigOrExit();
  const dev = process.argv.includes('--dev');
  const close = dev ? await serveDev(config.bindHost, config.webPort) : await serveBuild(config.bindHost, config.webPort, webOrigin(config));
  console.log(`web: dashboard (${dev ? 'dev server' : 'build'}) listening on http://${config.bindHost}:${config.webPort}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

run().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
