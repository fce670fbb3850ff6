// @ts-check
/**
 * Lint, and above all the layer rules of docs/architecture.md: what may import what.
 * Do not relax the layer rules to make a file pass — move the code to the layer it belongs in.
 * Not type-aware (no parserOptions.project) so `npx eslint .` stays fast on two cores.
 */
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...new Set(builtinModules.map((m) => m.replace(/^node:/, '')))];

/** Relative imports that climb into another top-level part of the repo, at any depth. */
const climbInto = (...dirs) => `^(\\.\\./)+(${dirs.join('|')})(/|$)`;

const renderer = {
  paths: [{ name: 'electron', message: 'The renderer reaches the main process only through window.sakta (renderer/src/api/client.ts).' }],
  patterns: [
    { regex: '^node:', message: 'The renderer runs in a sandbox without Node: no node:* modules.' },
    {
      regex: `^(${nodeBuiltins.map((m) => m.replace(/[/]/g, '\\/')).join('|')})(/|$)`,
      message: 'The renderer runs in a sandbox without Node: no Node built-in modules.',
    },
    { regex: climbInto('electron'), message: 'The renderer may not import main-process code; call it through window.sakta.' },
    { regex: '^electron/', message: 'The renderer may not import electron.' },
  ],
};

const shared = {
  patterns: [
    { regex: '^(?!zod(/|$)|\\.{1,2}/)', message: 'shared/ may import only zod and other shared/ files (it runs in main, renderer and CLI alike).' },
    { regex: climbInto('electron', 'renderer', 'tests', 'scripts', 'bench', 'node_modules'), message: 'shared/ may not import from outside shared/.' },
  ],
};

/**
 * The layers inside electron/, lowest first (docs/architecture.md). A folder may import the folders of the
 * layers before its own and shared/; never a later layer, nor another folder of its own layer.
 */
const electronLayers = [['crypto'], ['base'], ['vault'], ['db'], ['blobs'], ['services'], ['ipc'], ['composition'], ['main', 'cli'], ['preload']];
const layerOrder = electronLayers.map((l) => l.join(', ')).join(' → ');

/** What each folder of electron/ may not import: the later layers and its peers; preload, bundled alone, imports only shared/. */
function forbiddenFor(folder) {
  const all = electronLayers.flat();
  if (folder === 'preload') return all.filter((f) => f !== 'preload');
  const at = electronLayers.findIndex((l) => l.includes(folder));
  return all.filter((f) => f !== folder && electronLayers.findIndex((l) => l.includes(f)) >= at);
}

const electronPackage = {
  paths: [{ name: 'electron', message: 'Services, crypto, storage, CLI and IPC code run under plain Node (tests, CLI): only electron/main and electron/preload import electron.' }],
  patterns: [{ regex: '^electron/', message: 'Only electron/main and electron/preload import electron.' }],
};

/**
 * One config block per folder of electron/ and per depth below it, so a relative import is matched by where it
 * lands (`../services/x` from electron/blobs/ is a climb into services, from electron/services/cases/ it is not).
 */
function electronLayerBlocks(maxDepth = 6) {
  const blocks = [];
  for (const folder of electronLayers.flat()) {
    const forbidden = forbiddenFor(folder);
    const shell = folder === 'main' || folder === 'preload';
    for (let depth = 0; depth <= maxDepth; depth++) {
      const dirs = '*/'.repeat(depth);
      const layerPatterns = forbidden.map((f) => ({
        regex: `^(\\.\\./){${depth + 1}}${f}(/|$)|^(\\.\\./){${depth + 2}}electron/${f}(/|$)`,
        message:
          folder === 'preload'
            ? `electron/preload is bundled on its own and imports only shared/, not electron/${f}.`
            : `electron/${folder} may not import electron/${f}: a layer imports only the layers below it (${layerOrder}). Move the shared piece down, or pass it in.`,
      }));
      blocks.push({
        files: [`electron/${folder}/${dirs}*.{ts,tsx,mts,cts}`],
        rules: {
          'no-restricted-imports': [
            'error',
            {
              paths: shell ? [] : electronPackage.paths,
              patterns: [
                ...(shell ? [] : electronPackage.patterns),
                { regex: climbInto('renderer'), message: 'Main-process code may not import the renderer.' },
                ...layerPatterns,
              ],
            },
          ],
        },
      });
    }
  }
  return blocks;
}

const noRawHtml = [
  {
    selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
    message: 'No dangerouslySetInnerHTML: case text may come from hostile documents. Render text nodes, or react-markdown without raw HTML.',
  },
  {
    selector: "AssignmentExpression > MemberExpression.left[property.name=/^(innerHTML|outerHTML)$/]",
    message: 'No innerHTML/outerHTML assignment: it parses its input as HTML. Use textContent or React.',
  },
  {
    selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
    message: 'No insertAdjacentHTML: it parses its input as HTML.',
  },
];

/**
 * The code base writes paired side effects as one comma statement (`if (x) (where.push(…), args.push(…));`),
 * which no-unused-expressions rejects wholesale. TypeScript already reports comma operands without
 * side effects (TS2695); this keeps the part of the rule that catches real slips such as `a === b;`.
 */
const noDeadExpressions = [
  {
    selector: 'ExpressionStatement > :matches(BinaryExpression, Identifier, MemberExpression, ArrowFunctionExpression, FunctionExpression, ObjectExpression, ArrayExpression, TemplateLiteral)',
    message: 'This expression does nothing on its own: a comparison or value used as a statement is usually a slip.',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', '.native/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', 'bench/tmp/**', 'release/**', 'out/**', '.vite/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'warn' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // `any` stays an error; a line that truly needs it says so with an eslint-disable comment.
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-expressions': 'off',
      'no-restricted-syntax': ['error', ...noRawHtml, ...noDeadExpressions],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', renderer] },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: {} },
    rules: { 'no-restricted-imports': ['error', shared] },
  },
  ...electronLayerBlocks(),
);
