// Bundles every actions/<name>/src/main.ts into actions/<name>/dist/index.js (ESM, Node 24).
// `--check` builds into a temporary folder and fails when the committed bundle differs.
// Optional positional arguments restrict the build to the named actions.
import { build } from 'esbuild'
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  mkdirSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const check = args.includes('--check')
const only = args.filter(a => !a.startsWith('--'))

// CommonJS dependencies inside an ESM bundle still call require() and read __dirname.
const banner = [
  "import { createRequire as __idpCreateRequire } from 'node:module'",
  "import { fileURLToPath as __idpFileURLToPath } from 'node:url'",
  "import { dirname as __idpDirname } from 'node:path'",
  'const require = __idpCreateRequire(import.meta.url)',
  'const __filename = __idpFileURLToPath(import.meta.url)',
  'const __dirname = __idpDirname(__filename)'
].join('\n')

const actions = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'src', 'main.ts')))
  .map(d => d.name)
  .filter(name => only.length === 0 || only.includes(name))
  .sort()

let stale = []
for (const name of actions) {
  const outdir = check
    ? mkdtempSync(join(tmpdir(), `idp-build-${name}-`))
    : join(root, 'actions', name, 'dist')
  mkdirSync(outdir, { recursive: true })
  await build({
    entryPoints: [join(root, 'actions', name, 'src', 'main.ts')],
    outfile: join(outdir, 'index.js'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: banner },
    // `require('punycode')` means Node's deprecated core module (a DEP0040 warning on Node 22+);
    // the userland package of the same name is what dependencies such as ajv-formats-draft2019 ship.
    alias: { punycode: 'punycode/punycode.js' },
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8'
  })
  // The folder marks itself as ESM wherever it is copied.
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n')
  if (check) {
    for (const file of ['index.js', 'package.json']) {
      const committed = join(root, 'actions', name, 'dist', file)
      const fresh = readFileSync(join(outdir, file))
      if (!existsSync(committed) || !fresh.equals(readFileSync(committed)))
        stale.push(`actions/${name}/dist/${file}`)
    }
    rmSync(outdir, { recursive: true, force: true })
  } else {
    console.log(`built actions/${name}/dist/index.js`)
  }
}
if (stale.length > 0) {
  console.error(`Stale bundles (run \`npm run build\` and commit):\n  ${stale.join('\n  ')}`)
  process.exit(1)
}
if (check) console.log(`bundles fresh: ${actions.join(', ')}`)
