import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The kit verifier runs in a module worker so it can import @custos/evidence like any module.
  worker: { format: 'es' },
  // Workspace packages export TypeScript source; their Node dependencies stay external at runtime.
  ssr: { noExternal: [/^@custos\//] },
  server: { fs: { allow: ['..'] } },
});
