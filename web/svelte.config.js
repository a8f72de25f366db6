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
  },
};

export default config;
