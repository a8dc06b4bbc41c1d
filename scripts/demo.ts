// `npm run demo`: the example service through render → validate → promote into a local bare GitOps
// repository → register into a local catalog folder, printing each step's summary. Everything lands in
// demo-out/ (ignored). A second run reports that nothing changed; `--env prod` shows the gate refusing
// prod before staging holds the same images and digest; `--env staging` promotes staging.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { catalogCommand } from '../shared/src/commands/catalog.js'
import { loadPlatformConfig, resolveGitopsTarget } from '../shared/src/descriptor/platform.js'
import { promoteCommand } from '../shared/src/commands/promote.js'
import { renderCommand } from '../shared/src/commands/render.js'
import { validateCommand } from '../shared/src/commands/validate.js'
import { createBareRepo } from '../shared/src/gitops/testing/git-fixtures.js'
import type { Command } from '../shared/src/runtime/command.js'
import { runLocal, type LocalRun } from '../shared/src/runtime/local.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } })
const environment = values.env!
const out = join(root, 'demo-out')
const gitops = join(out, 'gitops.git')
const digest = (c: string) => `sha256:${c.repeat(64)}`
const images = [
  `checkout=ghcr.io/acme/checkout@${digest('a')}`,
  `checkout-worker=ghcr.io/acme/checkout-worker@${digest('b')}`,
  `nightly-report=ghcr.io/acme/checkout-report@${digest('c')}`
].join('\n')
// The upstream CRDs sit beside the checkout when the reference material is there; without them the
// schema engine says which kinds it could not validate instead of passing them silently.
const referenceCrds = [
  'kubevela/crds',
  'external-secrets/crds',
  'crossplane/examples/configuration-aws-database-v1-claims/definition.yaml',
  'crossplane/examples/configuration-aws-database-v2-namespaced/definition.yaml'
]
  .map(p => join(root, '..', 'shared', 'schemas', p))
  .filter(existsSync)

mkdirSync(out, { recursive: true })
if (!existsSync(gitops))
  createBareRepo(gitops, {
    files: { 'README.md': '# acme gitops\n\nArgo CD syncs envs/<environment>/<service>/.\n' }
  })
// The demo platform is the example one with its GitOps repository pointed at the local bare repository.
const platformConfig = 'demo-out/platform/platform.yaml'
mkdirSync(join(out, 'platform'), { recursive: true })
cpSync(join(root, 'examples/platform/policies'), join(out, 'platform/policies'), {
  recursive: true
})
writeFileSync(
  join(root, platformConfig),
  readFileSync(join(root, 'examples/platform/platform.yaml'), 'utf8').replace(
    'repository: acme/gitops',
    `repository: ${pathToFileURL(gitops).href}`
  )
)

async function step<S>(
  title: string,
  command: Command<S>,
  inputs: Record<string, string>
): Promise<LocalRun> {
  console.log(`\n━━ ${title}`)
  const logger = new RecordingLogger()
  const run = await runLocal(command, inputs, {
    workspace: root,
    logger,
    env: { ...process.env, GITHUB_REPOSITORY: 'acme/checkout' }
  })
  for (const line of logger.lines.filter(l => l.level !== 'debug')) console.log(`  ${line.message}`)
  if (run.summary) console.log(`\n${run.summary}\n`)
  for (const [name, value] of Object.entries(run.outputs)) {
    if (name !== 'diff')
      console.log(`  ${name}: ${value.length > 200 ? `${value.slice(0, 200)}…` : value}`)
  }
  if (run.exitCode !== 0) console.log(`\n  ✗ ${run.failure}`)
  return run
}

const rendered = await step('render-manifests', renderCommand, {
  descriptor: 'examples/checkout/idp.yaml',
  'platform-config': platformConfig,
  environment: 'all',
  image: images,
  'output-dir': 'demo-out/rendered'
})
if (rendered.exitCode !== 0) process.exit(1)

const validated = await step(`validate-policy (${environment})`, validateCommand, {
  manifests: `demo-out/rendered/${environment}`,
  'platform-config': platformConfig,
  crds: referenceCrds.join('\n'),
  'report-file': `demo-out/reports/${environment}-policy-report.yaml`,
  'sarif-file': `demo-out/reports/${environment}.sarif`
})
if (validated.exitCode !== 0) process.exit(1)

const promoted = await step(`promote (${environment})`, promoteCommand, {
  manifests: `demo-out/rendered/${environment}`,
  environment,
  'platform-config': platformConfig
})
if (promoted.exitCode !== 0) {
  console.log(
    `\nThe ${environment} promotion was refused; nothing was written to the GitOps repository.`
  )
  process.exit(environment === 'prod' ? 0 : 1)
}

const target = resolveGitopsTarget(
  loadPlatformConfig(join(root, platformConfig)),
  environment,
  'checkout'
)
if (target.mode === 'pull-request') {
  console.log(
    promoted.outputs.changed === 'true'
      ? `\nProposed the release for ${environment} on idp/${environment}/checkout; it runs there once that branch is merged, and the catalog records it then.`
      : `\nNothing changed: idp/${environment}/checkout already proposes this render for ${environment}.`
  )
  process.exit(0)
}

const cataloged = await step('register-catalog', catalogCommand, {
  descriptor: 'examples/checkout/idp.yaml',
  'platform-config': platformConfig,
  mode: 'file',
  output: 'demo-out/catalog/catalog-info.yaml',
  environment,
  version: images.split('\n')[0].split('=')[1],
  manifests: `demo-out/rendered/${environment}`,
  'gitops-commit': promoted.outputs['commit-sha'] ?? ''
})
if (cataloged.exitCode !== 0) process.exit(1)

const nothing = promoted.outputs.changed === 'false' && cataloged.outputs.changed === 'false'
console.log(
  nothing
    ? `\nNothing changed: ${environment} already holds this render and the catalog is up to date.`
    : `\nPromoted ${environment} (${promoted.outputs['commit-sha']}) and registered ${cataloged.outputs.entities}.`
)
