#!/usr/bin/env node
// Bundles the CLI and the worker entry from src/ (run after tsc by `npm run build`) with esbuild, so a
// command loads a few files instead of hundreds of modules: Node's module resolution, file reads
// and compiles were most of the start-up CPU of `--help` and `validate`. The bundle replaces the
// two entry files in place (dist/cli/bin.js, dist/study/worker.js), so `npx metcc-sim`, the Slurm
// script and the worker pool run it unchanged; the code both share, and each command loaded on
// demand, go to chunks in dist/bundle/ (esbuild's code splitting keeps the lazy imports lazy).
// dist/bundle/meta.json (esbuild's metafile) lists the modules in each file (test/startup.test.ts).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * zod re-exports every one of its ~50 message locales (z.locales), which the bundler cannot drop
 * as z is used as a namespace object: half of zod's bytes, parsed on every `validate`. The
 * program sets no locale (zod's default, English, is the one it loads itself), so the bundle's
 * z.locales holds English alone.
 */
const zodEnglishOnly = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      /[\\/]node_modules[\\/]zod[\\/]/.test(args.importer) ? { path: path.join(path.dirname(args.importer), args.path), namespace: 'zod-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({
      contents: `export { default as en } from ${JSON.stringify(path.join(path.dirname(args.path), 'en.js'))};`,
      resolveDir: path.dirname(args.path),
    }));
  },
};

/**
 * yargs imports Node's assert (its module graph costs ~10 ms of CPU to load) for two internal
 * checks that never fail in use: the bundle gives it the two functions, which load the real
 * assert only to report a failure, so a failure reads exactly as before.
 */
const yargsLazyAssert = {
  name: 'yargs-lazy-assert',
  setup(b) {
    b.onResolve({ filter: /^assert$/ }, (args) => (/[\\/]node_modules[\\/]yargs[\\/]/.test(args.importer) ? { path: 'assert', namespace: 'lazy-assert' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'lazy-assert' }, () => ({
      contents: `import { createRequire } from 'node:module';
const real = () => createRequire(import.meta.url)('node:assert');
export function strictEqual(actual, expected, message) { if (actual !== expected) real().strictEqual(actual, expected, message); }
export function notStrictEqual(actual, expected, message) { if (actual === expected) real().notStrictEqual(actual, expected, message); }`,
      loader: 'js',
    }));
  },
};

/**
 * string-width (the width of each piece of help text yargs lays out; cliui and wrap-ansi each
 * bring a version) builds an Intl.Segmenter when it loads: ICU's segmentation data, ~15 ms of
 * CPU. The bundle builds it on first use instead; and where the version has no fast path for
 * printable ASCII (version 8 has one of its own), adds it: such a string is as wide as it is long
 * (none of its characters is a control, zero-width, combining or emoji character, and each is
 * narrow), so the segmenter is built only for the first other string. The build fails if a
 * string-width no longer reads as expected.
 */
const stringWidthLazySegmenter = {
  name: 'string-width-lazy-segmenter',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/](?:.*[\\/])?string-width[\\/]index\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const made = 'const segmenter = new Intl.Segmenter();';
      if (!text.includes(made)) {
        if (text.includes('Intl.Segmenter')) throw new Error(`scripts/bundle.mjs: ${args.path} is not a string-width the plugin knows: check stringWidthLazySegmenter`);
        return undefined;
      }
      let contents = text.replace(made, 'let segmenter;').replaceAll('segmenter.segment(', '(segmenter ??= new Intl.Segmenter()).segment(');
      if (!text.includes('/^[\\u0020-\\u007E]*$/')) {
        const start = 'export default function stringWidth(string, options = {}) {';
        if (!text.includes(start)) throw new Error(`scripts/bundle.mjs: ${args.path} has no ASCII fast path nor the function the plugin knows`);
        contents = contents.replace(start, `${start}\n\tif (typeof string === 'string' && /^[\\u0020-\\u007E]*$/.test(string)) return string.length;`);
      }
      return { contents, loader: 'js' };
    });
  },
};

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}/package.json`, 'utf8'));
rmSync(`${root}/dist/bundle`, { recursive: true, force: true });
const result = await build({
  absWorkingDir: root,
  entryPoints: { 'cli/bin': 'src/cli/bin.ts', 'study/worker': 'src/study/worker.ts' },
  outdir: 'dist',
  chunkNames: 'bundle/[name]-[hash]',
  allowOverwrite: true,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // ES module builds where a package has one (jsonc-parser's main is a UMD build that requires its files at run time)
  mainFields: ['module', 'main'],
  // HiGHS loads its WebAssembly beside its own file: it stays a package import
  external: ['highs'],
  // the CommonJS packages inside call require() for Node's own modules
  banner: { js: "import { createRequire as __metccCreateRequire } from 'node:module'; const require = __metccCreateRequire(import.meta.url);" },
  define: { __METCC_SIM_VERSION__: JSON.stringify(pkg.version) },
  plugins: [zodEnglishOnly, yargsLazyAssert, stringWidthLazySegmenter],
  // yaml's Node build reads process.env.LOG_TOKENS once per token (a getenv each: two thirds of
  // parsing the baseline, ~20 ms warm and far more cold); its ES module build for other platforms
  // is the same parser without that debug hook (it finds Buffer where there is one)
  alias: { yaml: './node_modules/yaml/browser/index.js' },
  metafile: true,
  legalComments: 'none',
  minifyWhitespace: !process.env.BUNDLE_READABLE,
  minifySyntax: !process.env.BUNDLE_READABLE,
  logLevel: 'warning',
});
mkdirSync(`${root}/dist/bundle`, { recursive: true });
writeFileSync(`${root}/dist/bundle/meta.json`, JSON.stringify(result.metafile));
