#!/usr/bin/env node
/**
 * Builds Sakta's parts: `node scripts/build.mjs [renderer|cli|main|preload ...]`, no argument = all.
 * Targets whose entry file does not exist yet are skipped with a message, so the tree builds while
 * parts are still being written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// mupdf is ESM with top-level await: it stays outside the CommonJS bundle and is loaded with import().
// @automerge/automerge reads its .wasm from beside its own files at load, so it stays outside too.
const NATIVE = ['better-sqlite3-multiple-ciphers', 'sodium-native', 'libsodium-wrappers-sumo', 'pdfjs-dist', 'mupdf', '@automerge/automerge'];

// ESM sources use import.meta.url (createRequire, asset paths); in a CJS bundle it must come from __filename.
// Electron's sandboxed preload has no __filename (and needs no import.meta.url), hence the guard.
const importMetaBanner =
  "const __sakta_import_meta_url = typeof __filename === 'string' ? require('url').pathToFileURL(__filename).href : undefined;";

function nodeBundle(entry, outfile, extraExternal = []) {
  return {
    entry,
    async run() {
      const esbuild = await import('esbuild');
      const built = await esbuild.build({
        entryPoints: [path.join(root, entry)],
        outfile: path.join(root, outfile),
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node24',
        external: [...NATIVE, ...extraExternal],
        banner: { js: importMetaBanner },
        define: { 'import.meta.url': '__sakta_import_meta_url' },
        sourcemap: false,
        legalComments: 'none',
        logLevel: 'warning',
        write: false,
      });
      // Each file is put in place whole (written beside it, then renamed): `npm pack` rebuilds dist/cli.cjs while a
      // backup script or a test may be starting the CLI, and a reader of a file being rewritten got an empty
      // module, which ran nothing and exited 0 (a fresh-clone run failed crash-records.test.ts that way).
      for (const f of built.outputFiles) {
        const tmp = `${f.path}.${process.pid}.tmp`;
        fs.mkdirSync(path.dirname(f.path), { recursive: true });
        fs.writeFileSync(tmp, f.contents);
        fs.renameSync(tmp, f.path);
      }
      return outfile;
    },
  };
}

const TARGETS = {
  renderer: {
    entry: 'renderer/index.html',
    async run() {
      const { build } = await import('vite');
      await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
      return 'dist/renderer/';
    },
  },
  cli: nodeBundle('electron/cli/entry.ts', 'dist/cli.cjs'),
  main: nodeBundle('electron/main/index.ts', 'dist/main.cjs', ['electron']),
  preload: nodeBundle('electron/preload/index.ts', 'dist/preload.cjs', ['electron']),
};

const requested = process.argv.slice(2);
const unknown = requested.filter((t) => !(t in TARGETS));
if (unknown.length) {
  console.error(`Unknown build target: ${unknown.join(', ')}. Known: ${Object.keys(TARGETS).join(', ')}.`);
  process.exit(2);
}

for (const name of requested.length ? requested : Object.keys(TARGETS)) {
  const t = TARGETS[name];
  if (!fs.existsSync(path.join(root, t.entry))) {
    console.log(`build ${name}: skipped (${t.entry} does not exist yet)`);
    continue;
  }
  try {
    const out = await t.run();
    console.log(`build ${name}: ${out}`);
  } catch (e) {
    console.error(`build ${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
