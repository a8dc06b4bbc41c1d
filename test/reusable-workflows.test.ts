// The reusable workflows as written, run job by job with the committed bundles (test/workflow-runner.ts).
// deliver.yml: the example service repository on a push (render, validate, promote dev into a local bare
// GitOps repository, register the catalog), again with nothing to change, and on a pull request (a
// dry-run preview per environment, prod's gate refusing without failing the check). promote.yml: prod
// refused before staging, then staging promoted and recorded in the catalog. Both in broker mode: the
// service pipeline pushes idp/<environment>/<service> only, and gitops-gate.yml (the GitOps repository's
// own workflow) verifies and merges it into main; a tampered branch is refused there.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { haveNode24, repoRoot } from './run-bundle.js'
import type { Context, Value } from './workflow-expressions.js'
import { loadWorkflow, matrixOf, runJob, type JobRun, type WorkflowJob } from './workflow-runner.js'

const DIGEST = `sha256:${'ab'.repeat(32)}`
const IMAGES = [
  `checkout=ghcr.io/acme/checkout@${DIGEST}`,
  `checkout-worker=ghcr.io/acme/checkout-worker@${DIGEST}`,
  `nightly-report=ghcr.io/acme/checkout-report@${DIGEST}`
].join('\n')

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'dev',
      GIT_AUTHOR_EMAIL: 'dev@acme.io',
      GIT_COMMITTER_NAME: 'dev',
      GIT_COMMITTER_EMAIL: 'dev@acme.io'
    }
  }).trim()

let root: string
let serviceRepo: string
let platformRepo: string
let gitopsRepo: string
let jobCount = 0
interface Callable {
  readonly jobs: Record<string, WorkflowJob>
  readonly inputs: Record<string, { default?: Value }>
}
function callable(file: string): Callable {
  const path = join(repoRoot, '.github/workflows', file)
  const on = (
    parse(readFileSync(path, 'utf8')) as {
      on: { workflow_call: { inputs: Record<string, { default?: Value }> } }
    }
  ).on
  return { jobs: loadWorkflow(path).jobs, inputs: on.workflow_call.inputs }
}
const deliver = callable('deliver.yml')
const promote = callable('promote.yml')
const gate = callable('gitops-gate.yml')

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'idp-deliver-workflow-'))
  // The service repository: the example, committed.
  serviceRepo = join(root, 'service')
  cpSync(join(repoRoot, 'examples/service-repo'), serviceRepo, { recursive: true })
  git(serviceRepo, 'init', '-q', '-b', 'main')
  git(serviceRepo, 'add', '-A')
  git(serviceRepo, 'commit', '-q', '-m', 'checkout service')
  // The GitOps repository: bare, one commit on main.
  gitopsRepo = join(root, 'gitops.git')
  git(root, 'init', '-q', '--bare', '-b', 'main', gitopsRepo)
  const seed = join(root, 'seed')
  mkdirSync(seed)
  git(seed, 'init', '-q', '-b', 'main')
  writeFileSync(join(seed, 'README.md'), '# GitOps\n')
  git(seed, 'add', '-A')
  git(seed, 'commit', '-q', '-m', 'init')
  git(seed, 'push', '-q', `file://${gitopsRepo}`, 'main')
  // The platform repository: the example platform, pointed at the local GitOps repository.
  platformRepo = join(root, 'platform')
  cpSync(join(repoRoot, 'examples/platform'), platformRepo, { recursive: true })
  const config = join(platformRepo, 'platform.yaml')
  writeFileSync(
    config,
    readFileSync(config, 'utf8').replace(
      'repository: acme/gitops',
      `repository: file://${gitopsRepo}`
    )
  )
  git(platformRepo, 'init', '-q', '-b', 'main')
  git(platformRepo, 'add', '-A')
  git(platformRepo, 'commit', '-q', '-m', 'platform')
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

interface Event {
  readonly name: 'push' | 'pull_request'
  readonly sha: string
}

/** Runs every job of a called workflow in `needs` order, each in a fresh copy of the service repository. */
function runWorkflow(workflow: Callable, event: Event, inputs: Record<string, Value>) {
  const uploads: string[] = []
  const workspaces: Record<string, string> = {}
  const github: Context = {
    event_name: event.name,
    sha: event.sha,
    ref: event.name === 'push' ? 'refs/heads/main' : 'refs/pull/7/merge',
    ref_name: event.name === 'push' ? 'main' : '7/merge',
    ref_type: 'branch',
    repository: 'acme/checkout',
    token: 'job-token',
    event: {
      repository: { default_branch: 'main' },
      ...(event.name === 'pull_request'
        ? { pull_request: { head: { repo: { full_name: 'acme/checkout' } } } }
        : {})
    }
  }
  const allInputs = Object.fromEntries(
    Object.entries(workflow.inputs).map(([k, spec]) => [k, inputs[k] ?? spec.default ?? null])
  )
  const needs: Record<string, Value> = {}
  const runs: Record<string, JobRun[]> = {}
  for (const [name, job] of Object.entries(workflow.jobs)) {
    const contexts: Context = { github, inputs: allInputs, secrets: {}, vars: {}, needs }
    runs[name] = []
    for (const matrix of matrixOf(job, contexts)) {
      const workspace = join(root, `ws-${++jobCount}-${name}-${Object.values(matrix).join('-')}`)
      rmSync(workspace, { recursive: true, force: true })
      cpSync(serviceRepo, workspace, { recursive: true })
      git(workspace, 'checkout', '-q', event.sha)
      workspaces[`${name}${Object.values(matrix).join('-')}`] = workspace
      const run = runJob(job, {
        workspace,
        contexts: { ...contexts, matrix },
        env: {
          GITHUB_SHA: event.sha,
          GITHUB_REPOSITORY: 'acme/checkout',
          GITHUB_EVENT_NAME: event.name,
          GITHUB_RUN_ID: '42',
          GITHUB_RUN_NUMBER: event.name === 'push' ? '7' : '8',
          GITHUB_SERVER_URL: 'https://github.com',
          GITHUB_WORKSPACE: workspace
        },
        thirdParty(uses, with_) {
          if (uses.startsWith('actions/checkout@')) {
            if (with_.path === '.idp-platform') {
              const head = git(platformRepo, 'rev-parse', 'HEAD')
              if (with_.ref !== 'main' && with_.ref !== head) throw new Error(`no ref ${with_.ref}`)
              if (with_.repository !== 'acme/platform') throw new Error(`no ${with_.repository}`)
              cpSync(platformRepo, join(workspace, '.idp-platform'), { recursive: true })
            }
            return {}
          }
          if (uses.startsWith('github/codeql-action/upload-sarif@')) {
            if (!existsSync(join(workspace, with_.sarif_file))) throw new Error('no SARIF file')
            uploads.push(readFileSync(join(workspace, with_.sarif_file), 'utf8'))
            return {}
          }
          throw new Error(`unexpected third-party step ${uses}`)
        }
      })
      runs[name].push(run)
    }
    const ran = runs[name].filter(r => r.ran)
    needs[name] = {
      result: ran.length === 0 ? 'skipped' : ran.every(r => r.success) ? 'success' : 'failure',
      outputs: Object.assign({}, ...runs[name].map(r => r.outputs))
    }
  }
  return { runs, uploads, workspaces }
}

const gitopsTip = () => git(root, '--git-dir', gitopsRepo, 'rev-parse', 'main')
const branchTip = (branch: string) =>
  git(
    root,
    '--git-dir',
    gitopsRepo,
    'for-each-ref',
    '--format=%(objectname)',
    `refs/heads/${branch}`
  )

/** The GitOps repository's gate (gitops-gate.yml) on a push of a promotion branch: its merge job. */
function runGate(branch: string, extra: Record<string, Value> = {}): JobRun {
  const workspace = join(root, `ws-${++jobCount}-gate`)
  mkdirSync(workspace)
  const github: Context = {
    event_name: 'push',
    ref: `refs/heads/${branch}`,
    ref_name: branch,
    ref_type: 'branch',
    repository: 'acme/gitops',
    repository_owner: 'acme',
    token: 'job-token',
    event: { repository: { name: 'gitops', default_branch: 'main' } }
  }
  const inputs = Object.fromEntries(
    Object.entries(gate.inputs).map(([k, spec]) => [k, spec.default ?? null])
  )
  return runJob(gate.jobs.merge, {
    workspace,
    contexts: {
      github,
      inputs: { ...inputs, 'platform-ref': 'main', ...extra },
      secrets: {},
      vars: {},
      needs: {}
    },
    env: {
      // The GitOps repository is the caller; here a local bare repository stands in for it.
      GITHUB_REPOSITORY: `file://${gitopsRepo}`,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_WORKSPACE: workspace
    },
    thirdParty(uses, with_) {
      if (uses.startsWith('actions/checkout@') && with_.path === '.idp-platform') {
        if (with_.ref !== 'main' || with_.repository !== 'acme/platform')
          throw new Error(`no ${with_.repository}@${with_.ref}`)
        cpSync(platformRepo, join(workspace, '.idp-platform'), { recursive: true })
        return {}
      }
      throw new Error(`unexpected third-party step ${uses}`)
    }
  })
}
const failures = (run: JobRun) =>
  run.steps.filter(s => s.conclusion === 'failure').map(s => `${s.name}:\n${s.log}`)

describe('deliver.yml', () => {
  const inputs = { image: IMAGES, 'catalog-mode': 'file' }
  let firstPush: ReturnType<typeof runWorkflow>

  it('on a push: renders, validates, promotes dev, registers the catalog', () => {
    if (!haveNode24()) throw new Error('Node 24 is missing: run npm ci (postinstall installs it)')
    const sha = git(serviceRepo, 'rev-parse', 'HEAD')
    firstPush = runWorkflow(deliver, { name: 'push', sha }, inputs)
    const [validate] = firstPush.runs.validate
    expect(failures(validate)).toEqual([])
    expect(JSON.parse(validate.outputs.environments)).toEqual(['dev', 'staging', 'prod'])
    expect(firstPush.uploads).toHaveLength(1)
    expect(JSON.parse(firstPush.uploads[0]).version).toBe('2.1.0')
    expect(firstPush.runs.preview.every(r => !r.ran)).toBe(true)

    // Broker mode: the pipeline pushed the promotion branch only; main is the gate's to write.
    const [promoted] = firstPush.runs.deliver
    expect(failures(promoted)).toEqual([])
    expect(promoted.outputs).toMatchObject({ environment: 'dev', changed: 'true' })
    expect(promoted.outputs['commit-sha']).toBe(branchTip('idp/dev/checkout'))
    const before = git(root, '--git-dir', gitopsRepo, 'ls-tree', '-r', '--name-only', 'main')
    expect(before).not.toContain('envs/dev/checkout/')

    // The central catalog repository, holding what the service's catalog step registered.
    const [registered] = firstPush.runs.catalog
    const catalogRepo = join(root, 'catalog.git')
    git(root, 'init', '-q', '--bare', '-b', 'main', catalogRepo)
    const catalogSeed = join(root, 'catalog-seed')
    mkdirSync(join(catalogSeed, 'services/checkout'), { recursive: true })
    cpSync(
      join(firstPush.workspaces.catalog, 'catalog-info.yaml'),
      join(catalogSeed, 'services/checkout/catalog-info.yaml')
    )
    git(catalogSeed, 'init', '-q', '-b', 'main')
    git(catalogSeed, 'add', '-A')
    git(catalogSeed, 'commit', '-q', '-m', 'checkout registered')
    git(catalogSeed, 'push', '-q', `file://${catalogRepo}`, 'main')
    expect(failures(registered)).toEqual([])

    const merged = runGate('idp/dev/checkout', { 'catalog-repository': `file://${catalogRepo}` })
    expect(failures(merged)).toEqual([])
    expect(merged.outputs.merged).toBe('true')
    expect(merged.outputs['commit-sha']).toBe(gitopsTip())
    // The gate recorded what it merged on the Component, with the merge commit.
    expect(merged.outputs['catalog-recorded']).toBe('true')
    const recorded = git(
      root,
      '--git-dir',
      catalogRepo,
      'show',
      'main:services/checkout/catalog-info.yaml'
    )
    expect(recorded).toContain(`idp.dev/env.dev.commit: "${gitopsTip()}"`)
    expect(recorded).toContain(`idp.dev/env.dev.source-commit: "${sha}"`)
    expect(merged.summary).toContain('✅ verified')
    const tree = git(root, '--git-dir', gitopsRepo, 'ls-tree', '-r', '--name-only', 'main')
    expect(tree).toContain('envs/dev/checkout/application.yaml')
    expect(tree).not.toContain('envs/staging/')
    expect(branchTip('idp/dev/checkout')).toBe('')

    const [catalog] = firstPush.runs.catalog
    expect(failures(catalog)).toEqual([])
    const entities = readFileSync(join(firstPush.workspaces.catalog, 'catalog-info.yaml'), 'utf8')
    expect(entities).toContain('name: checkout')
    // Broker mode: the pipeline's promotion could still have been refused, so it records no
    // deployment; the gate records what it merged (merge-gitops, catalog-repository).
    expect(entities).not.toContain('idp.dev/env.')
  }, 300000)

  it('on the same push again: nothing changes in the GitOps repository', () => {
    const before = gitopsTip()
    const again = runWorkflow(
      deliver,
      { name: 'push', sha: git(serviceRepo, 'rev-parse', 'HEAD') },
      inputs
    )
    const [promoted] = again.runs.deliver
    expect(failures(promoted)).toEqual([])
    expect(promoted.outputs.changed).toBe('false')
    expect(gitopsTip()).toBe(before)
  }, 300000)

  it('on a pull request: previews each environment, prod refused by its gate without failing', () => {
    const descriptor = join(serviceRepo, 'idp.yaml')
    writeFileSync(
      descriptor,
      readFileSync(descriptor, 'utf8').replace('LOG_LEVEL: info', 'LOG_LEVEL: debug')
    )
    git(serviceRepo, 'commit', '-q', '-am', 'more logs')
    const before = gitopsTip()
    const pr = runWorkflow(
      deliver,
      { name: 'pull_request', sha: git(serviceRepo, 'rev-parse', 'HEAD') },
      inputs
    )
    expect(failures(pr.runs.validate[0])).toEqual([])
    expect(pr.runs.deliver[0].ran).toBe(false)
    expect(pr.runs.catalog[0].ran).toBe(false)

    const byEnv = Object.fromEntries(
      pr.runs.preview.map(r => [r.steps.find(s => s.name.startsWith('Render '))!.name, r])
    )
    expect(Object.keys(byEnv).sort()).toEqual(['Render dev', 'Render prod', 'Render staging'])
    for (const run of pr.runs.preview) expect(failures(run)).toEqual([])

    const dryRun = (run: JobRun) => run.steps.find(s => s.name === 'Show the change (dry run)')!
    expect(dryRun(byEnv['Render dev']).outputs.changed).toBe('true')
    expect(dryRun(byEnv['Render dev']).outputs.diff).toContain('debug')
    expect(dryRun(byEnv['Render staging']).outcome).toBe('success')
    const prod = byEnv['Render prod']
    expect(dryRun(prod)).toMatchObject({ outcome: 'failure', conclusion: 'success' })
    expect(dryRun(prod).log).toMatch(/requires staging/)
    expect(prod.summary).toContain('prod: no preview')
    expect(gitopsTip()).toBe(before)
  }, 300000)
})

describe('promote.yml', () => {
  it('refuses prod while staging does not run the release', () => {
    const before = gitopsTip()
    const sha = git(serviceRepo, 'rev-parse', 'HEAD')
    const run = runWorkflow(promote, { name: 'push', sha }, { environment: 'prod', image: IMAGES })
    const [job] = run.runs.promote
    expect(job.success).toBe(false)
    const step = job.steps.find(s => s.name === 'Promote to prod')!
    expect(step.outcome).toBe('failure')
    expect(step.log).toMatch(/prod requires staging first/)
    expect(run.runs.catalog[0].ran).toBe(false)
    expect(gitopsTip()).toBe(before)
  }, 300000)

  it('promotes staging (images given space-separated, as in the dispatch form) and records it', () => {
    const sha = git(serviceRepo, 'rev-parse', 'HEAD')
    const run = runWorkflow(
      promote,
      { name: 'push', sha },
      { environment: 'staging', image: IMAGES.split('\n').join(' '), 'catalog-mode': 'file' }
    )
    const [job] = run.runs.promote
    expect(failures(job)).toEqual([])
    expect(job.outputs).toMatchObject({
      changed: 'true',
      'commit-sha': branchTip('idp/staging/checkout')
    })
    const merged = runGate('idp/staging/checkout')
    expect(failures(merged)).toEqual([])
    expect(merged.outputs['commit-sha']).toBe(gitopsTip())
    const tree = git(root, '--git-dir', gitopsRepo, 'ls-tree', '-r', '--name-only', 'main')
    expect(tree).toContain('envs/staging/checkout/application.yaml')
    const [catalog] = run.runs.catalog
    expect(failures(catalog)).toEqual([])
    const entities = readFileSync(join(run.workspaces.catalog, 'catalog-info.yaml'), 'utf8')
    expect(entities).toContain('name: checkout')
    expect(entities).not.toContain('idp.dev/env.staging')
    // What runs where, read from the GitOps repository when this job ran: dev (merged by the gate
    // earlier) runs the first push; staging's branch was not merged yet.
    expect(catalog.summary).toContain('### What runs where')
    expect(catalog.summary).toMatch(
      /\| dev \| `checkout@sha256:abababababab`.* \| `[0-9a-f]{7}` \|/
    )
    expect(catalog.summary).toMatch(/\| staging \| — \| — \| — \| — \| not deployed \|/)
  }, 300000)
})

describe('gitops-gate.yml', () => {
  it("records merges in the catalog with the platform App's token, never the service's", () => {
    const steps = gate.jobs.merge.steps as {
      id?: string
      uses?: string
      with?: Record<string, string>
    }[]
    const merge = steps.find(s => s.id === 'merge')!
    expect(merge.with).toMatchObject({
      'catalog-repository': '${{ inputs.catalog-repository }}',
      'catalog-token': '${{ steps.catalog-token.outputs.token || secrets.CATALOG_PLATFORM_TOKEN }}',
      'backstage-url': '${{ inputs.backstage-url }}'
    })
    const token = steps.find(s => s.id === 'catalog-token')!
    expect(token.with).toMatchObject({
      'private-key': '${{ secrets.IDP_PLATFORM_APP_PRIVATE_KEY }}',
      'permission-contents': 'write'
    })
  })

  it('refuses a promotion branch edited after render, and main stays as it was', () => {
    const before = gitopsTip()
    const scratch = join(root, 'tamper')
    git(root, 'clone', '-q', '--branch', 'main', `file://${gitopsRepo}`, scratch)
    const file = join(scratch, 'envs/dev/checkout/application.yaml')
    writeFileSync(file, `${readFileSync(file, 'utf8')}# edited by hand\n`)
    git(
      scratch,
      'commit',
      '-q',
      '-am',
      git(root, '--git-dir', gitopsRepo, 'log', '-1', '--format=%B', 'main')
    )
    git(scratch, 'push', '-q', 'origin', 'HEAD:refs/heads/idp/dev/checkout')
    const refused = runGate('idp/dev/checkout')
    expect(refused.success).toBe(false)
    const step = refused.steps.find(s => s.name === 'Verify and merge')!
    expect(step.outcome).toBe('failure')
    expect(step.log).toMatch(/changed after it was rendered/)
    expect(gitopsTip()).toBe(before)
    expect(branchTip('idp/dev/checkout')).not.toBe('')
  }, 300000)
})
