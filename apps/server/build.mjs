// Bundles the server and our workspace packages (TypeScript sources) into dist/tollgate.js;
// third-party packages stay in node_modules and are loaded from there.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/tollgate.js',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  logLevel: 'warning',
  banner: { js: '#!/usr/bin/env node' },
  plugins: [
    {
      name: 'external-dependencies',
      setup(builder) {
        builder.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@tollgate/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
