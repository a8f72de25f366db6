import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  // Runes everywhere: no legacy reactive statements in app code.
  compilerOptions: { runes: true },
  kit: {
    // adapter-node: server-side loads decode Temporal payloads and call the API with the user's session.
    adapter: adapter({ out: 'build', precompress: false }),
    typescript: {
      // svelte-check reads @custos/runbooks through a declaration (see that file for why).
      config: (tsconfig) => {
        tsconfig.compilerOptions.paths['@custos/runbooks'] = ['../src/lib/server/types/custos-runbooks.d.ts'];
        return tsconfig;
      },
    },
    alias: {
      // The Temporal payload codec, by file: @custos/runtime's entry point also pulls in the Temporal
      // worker (native bridge), which the dashboard must not load just to decrypt payloads.
      '$custos/payload-codec': '../lib/runtime/src/codec/aes-gcm-codec.ts',
    },
  },
};

export default config;
