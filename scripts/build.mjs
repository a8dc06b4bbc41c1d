// Bundles every actions/<name>/src/main.ts into actions/<name>/dist/ (entry index.js, ESM, Node 24)
// and the CLI (packages/cli/src/idp.ts) into packages/cli/dist/ (entry idp.js).
// Code a command loads with `import()` goes into its own chunk next to the entry, so an action or
// `idp --help` starts without reading the engines it does not use.
// `--check` builds the committed bundles (the actions') into a temporary folder and fails when a
// committed file differs, is missing or is left over. The CLI bundle is not committed: `npm pack` in
// packages/cli builds it (prepack). `--out <dir>` writes every bundle below <dir> instead (bench).
// Optional positional arguments restrict the build to the named actions (`cli` names the CLI).
import { build } from 'esbuild'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, dirname, relative } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const check = args.includes('--check')
const outIndex = args.indexOf('--out')
const outRoot = outIndex >= 0 ? args[outIndex + 1] : undefined
const only = args.filter((a, i) => !a.startsWith('--') && !(outIndex >= 0 && i === outIndex + 1))

// CommonJS dependencies inside an ESM bundle still call require() and read __dirname.
const banner = [
  "import { createRequire as __idpCreateRequire } from 'node:module'",
  "import { fileURLToPath as __idpFileURLToPath } from 'node:url'",
  "import { dirname as __idpDirname } from 'node:path'",
  'const require = __idpCreateRequire(import.meta.url)',
  'const __filename = __idpFileURLToPath(import.meta.url)',
  'const __dirname = __idpDirname(__filename)'
].join('\n')

// @actions/core imports its OIDC client (and through it @actions/http-client and undici, ~800 kB)
// at the top of core.js; idp never asks for an OIDC token, so these modules are declared free of
// side effects and esbuild leaves them out when nothing calls into them.
const unusedOidcClient = {
  name: 'unused-oidc-client',
  setup(builder) {
    builder.onResolve({ filter: /^(@actions\/http-client|\.\/oidc-utils\.js)$/ }, async args => {
      if (args.pluginData?.resolving) return undefined
      const resolved = await builder.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true }
      })
      return { ...resolved, sideEffects: false }
    })
  }
}

/** One bundle: its entry, the folder it is written to, the entry file's name, committed or not. */
const actionTargets = readdirSync(join(root, 'actions'), { withFileTypes: true })
  .filter(d => d.isDirectory() && existsSync(join(root, 'actions', d.name, 'src', 'main.ts')))
  .map(d => ({
    name: d.name,
    entry: join(root, 'actions', d.name, 'src', 'main.ts'),
    dist: join('actions', d.name, 'dist'),
    entryName: 'index',
    committed: true
  }))
const cliTarget = {
  name: 'cli',
  entry: join(root, 'packages', 'cli', 'src', 'idp.ts'),
  dist: join('packages', 'cli', 'dist'),
  entryName: 'idp',
  committed: false
}
const targets = [...actionTargets, cliTarget]
  .filter(t => (only.length === 0 ? !check || t.committed : only.includes(t.name)))
  .sort((a, b) => a.name.localeCompare(b.name))

async function bundle(target, outdir) {
  rmSync(outdir, { recursive: true, force: true })
  mkdirSync(outdir, { recursive: true })
  await build({
    entryPoints: { [target.entryName]: target.entry },
    outdir,
    // Chunks sit next to the entry, so a dependency's __dirname means the same folder everywhere.
    chunkNames: '[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    banner: { js: banner },
    // `require('punycode')` means Node's deprecated core module (a DEP0040 warning on Node 22+);
    // the userland package of the same name is what dependencies such as ajv-formats-draft2019 ship.
    alias: { punycode: 'punycode/punycode.js' },
    plugins: [unusedOidcClient],
    legalComments: 'none',
    logLevel: 'warning',
    charset: 'utf8'
  })
  // The folder marks itself as ESM wherever it is copied.
  writeFileSync(join(outdir, 'package.json'), '{ "type": "module" }\n')
}

const stale = []
for (const target of targets) {
  if (check) {
    const scratch = mkdtempSync(join(tmpdir(), `idp-build-${target.name}-`))
    try {
      await bundle(target, scratch)
      const committedDir = join(root, target.dist)
      const fresh = readdirSync(scratch).sort()
      const committed = existsSync(committedDir) ? readdirSync(committedDir).sort() : []
      for (const file of new Set([...fresh, ...committed])) {
        const a = join(scratch, file)
        const b = join(committedDir, file)
        if (!existsSync(a) || !existsSync(b) || !readFileSync(a).equals(readFileSync(b)))
          stale.push(join(target.dist, file))
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  } else {
    const outdir = outRoot ? join(outRoot, target.dist) : join(root, target.dist)
    await bundle(target, outdir)
    console.log(`built ${relative(root, join(outdir, `${target.entryName}.js`))}`)
  }
}
if (stale.length > 0) {
  console.error(`Stale bundles (run \`npm run build\` and commit):\n  ${stale.join('\n  ')}`)
  process.exit(1)
}
if (check) console.log(`bundles fresh: ${targets.map(t => t.name).join(', ')}`)
