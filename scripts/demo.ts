// `npm run demo`: the example service through render → validate → promote into a local bare GitOps
// repository → register into a local catalog folder, printing each step's summary. Everything lands in
// demo-out/ (ignored). Promote runs in broker mode: it pushes idp/<environment>/checkout, and the GitOps
// side's gate (`idp gitops merge`) verifies and merges it; then two tampered branches (content edited
// after render, another service's folder) are refused with their reason. A second run reports that
// nothing changed; `--env prod` shows the gate refusing prod before staging holds the same images and
// digest; `--env staging` promotes staging.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { catalogCommand } from '../shared/src/commands/catalog.js'
import { loadPlatformConfig, resolveGitopsTarget } from '../shared/src/descriptor/platform.js'
import { promoteCommand } from '../shared/src/commands/promote.js'
import { renderCommand } from '../shared/src/commands/render.js'
import { validateCommand } from '../shared/src/commands/validate.js'
import { gitopsMergeCommand } from '../shared/src/commands/gitops-merge.js'
import { listFiles } from '../shared/src/gitops/folder.js'
import { promotionMessage, pushBranch, under } from '../shared/src/gitops/testing/broker-fixture.js'
import { createBareRepo, git } from '../shared/src/gitops/testing/git-fixtures.js'
import type { RenderRecord } from '../shared/src/render/record.js'
import type { Command } from '../shared/src/runtime/command.js'
import { runLocal, type LocalRun } from '../shared/src/runtime/local.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const { values } = parseArgs({ options: { env: { type: 'string', default: 'dev' } } })
const environment = values.env!
const out = join(root, 'demo-out')
const gitops = join(out, 'gitops.git')
const gitopsUrl = pathToFileURL(gitops).href
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
  // Validate reads only files inside the repository: the CRDs are copied into demo-out/.
  .map((source, i) => {
    const copy = join(out, 'crds', `${i}-${basename(source)}`)
    cpSync(source, copy, { recursive: true })
    return copy
  })

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

// Broker mode: the service pipeline only proposes (idp/<environment>/checkout); the GitOps repository's
// own gate verifies the branch and merges it with the platform's token (gitops-gate.yml in CI).
const promoted = await step(`promote (${environment}, broker mode)`, promoteCommand, {
  manifests: `demo-out/rendered/${environment}`,
  environment,
  'platform-config': platformConfig,
  mode: 'pull-request'
})
if (promoted.exitCode !== 0) {
  console.log(
    `\nThe ${environment} promotion was refused; nothing was written to the GitOps repository.`
  )
  process.exit(environment === 'prod' ? 0 : 1)
}

const branch = `idp/${environment}/checkout`
const merge = (title: string) =>
  step(title, gitopsMergeCommand, {
    branch,
    repository: gitopsUrl,
    'platform-config': platformConfig
  })
const merged = await merge(`gitops merge ${branch} (the GitOps side, platform token)`)
if (merged.exitCode !== 0) process.exit(1)

// Two branches a hostile pipeline could push with its idp/** key, refused by the same gate.
const folder = `envs/${environment}`
const renderedFolder = join(out, 'rendered', environment)
const files = Object.fromEntries(
  listFiles(renderedFolder).map(f => [f, readFileSync(join(renderedFolder, f), 'utf8')])
)
const record = JSON.parse(files['.idp/render.json']) as RenderRecord
const tampered: [string, Record<string, string>][] = [
  [
    'content edited after render',
    {
      ...under(`${folder}/checkout`, files),
      [`${folder}/checkout/application.yaml`]: `${files['application.yaml']}# replicas raised by hand\n`
    }
  ],
  ["another service's folder", under(`${folder}/payments`, files)]
]
for (const [what, changed] of tampered) {
  pushBranch(gitops, branch, { from: 'main', files: changed, message: promotionMessage(record) })
  const refused = await merge(`gitops merge ${branch}: ${what}`)
  if (refused.exitCode === 0) {
    console.log(`\n  ✗ the gate merged a branch with ${what}`)
    process.exit(1)
  }
  console.log(`\n  ✓ refused (${what}); ${folder} on main is unchanged.`)
}
git(gitops, 'branch', '-D', branch)

const target = resolveGitopsTarget(
  loadPlatformConfig(join(root, platformConfig)),
  environment,
  'checkout'
)
if (target.mode === 'pull-request' && merged.outputs.merged !== 'true') {
  console.log(
    promoted.outputs.changed === 'true'
      ? `\nProposed the release for ${environment} on ${branch}; it runs there once that branch is merged, and the catalog records it then.`
      : `\nNothing changed: ${branch} already proposes this render for ${environment}.`
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
  'gitops-commit': merged.outputs['commit-sha'] || promoted.outputs['commit-sha'] || ''
})
if (cataloged.exitCode !== 0) process.exit(1)

const nothing = promoted.outputs.changed === 'false' && cataloged.outputs.changed === 'false'
console.log(
  nothing
    ? `\nNothing changed: ${environment} already holds this render and the catalog is up to date.`
    : `\nPromoted ${environment} (${merged.outputs['commit-sha'] || promoted.outputs['commit-sha']}) and registered ${cataloged.outputs.entities}.`
)
