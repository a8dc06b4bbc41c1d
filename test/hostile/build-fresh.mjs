// Bundles each action from the current sources into a folder of `<action>/index.js`, with the options
// of scripts/build.mjs, without touching the committed actions/*/dist: for running the hostile suite
// against work in progress (`IDP_HOSTILE_DIST=<folder> npx jest test/hostile`).
// Usage: node test/hostile/build-fresh.mjs <folder>
import { build } from 'esbuild'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '../..')
const out = resolve(process.argv[2] ?? join(root, '.tmp/hostile-dist'))
// As in scripts/build.mjs: CommonJS dependencies inside an ESM bundle still call require().
const banner = [
  "import { createRequire as __idpCreateRequire } from 'node:module'",
  "import { fileURLToPath as __idpFileURLToPath } from 'node:url'",
  "import { dirname as __idpDirname } from 'node:path'",
  'const require = __idpCreateRequire(import.meta.url)',
  'const __filename = __idpFileURLToPath(import.meta.url)',
  'const __dirname = __idpDirname(__filename)'
].join('\n')
for (const action of ['render-manifests', 'validate-policy', 'promote', 'register-catalog']) {
  mkdirSync(join(out, action), { recursive: true })
  await build({
    entryPoints: [join(root, 'actions', action, 'src', 'main.ts')],
    outfile: join(out, action, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: banner },
    alias: { punycode: 'punycode/punycode.js' },
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8'
  })
  writeFileSync(join(out, action, 'package.json'), '{ "type": "module" }\n')
}
console.log(`built fresh bundles into ${out}`)
