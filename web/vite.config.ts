import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [sveltekit()],
  // The kit verifier runs in a module worker so it can import @custos/evidence like any module.
  worker: { format: 'es' },
  // Workspace packages export TypeScript source and are bundled, except @custos/runbooks, which
  // reads its YAML and JSON schemas relative to its own files: the server build leaves it external
  // and loads it from runbooks/ at runtime (the server runs under tsx, which loads its TypeScript).
  // Vite will not externalise a .ts file through ssr.external, so Rollup is told directly.
  ssr: { noExternal: [/^@custos\//] },
  build: { rollupOptions: { external: (id) => id === '@custos/runbooks' } },
  server: { fs: { allow: ['..'] } },
});
