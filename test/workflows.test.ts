// Every workflow of the repository and of the example service repository: actionlint (offline), pinned
// third-party actions, least-privilege permissions, no cluster credentials, and calls to our own actions
// and reusable workflows that match what those declare (actionlint cannot see remote action.yml files).
import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse } from 'yaml'
import {
  actionlintFiles,
  actionlintTexts,
  formatFinding,
  type ActionlintFinding
} from './actionlint.js'
import { repoRoot } from './run-bundle.js'

const workflowDirs = ['.github/workflows', 'examples/service-repo/.github/workflows']
const workflowFiles = workflowDirs.flatMap(dir =>
  existsSync(join(repoRoot, dir))
    ? readdirSync(join(repoRoot, dir))
        .filter(name => /\.ya?ml$/.test(name))
        .sort()
        .map(name => join(repoRoot, dir, name))
    : []
)
const rel = (file: string) => relative(repoRoot, file)

/** The organisation and repository service repos call: `acme/idp/actions/<name>@vN`. */
const OWN_ACTION = /^acme\/idp\/actions\/([a-z0-9-]+)@(.+)$/
const OWN_WORKFLOW = /^acme\/idp\/\.github\/workflows\/([a-z0-9-]+\.yml)@(.+)$/
/** The four actions of the design; an action folder that does not exist yet is still a valid target. */
const KNOWN_ACTIONS = ['render-manifests', 'validate-policy', 'promote', 'register-catalog']

interface Step {
  readonly uses?: string
  readonly with?: Record<string, unknown>
  readonly run?: string
}
interface Job {
  readonly permissions?: unknown
  readonly uses?: string
  readonly with?: Record<string, unknown>
  readonly secrets?: unknown
  readonly steps?: Step[]
}
interface Workflow {
  readonly on: Record<string, unknown>
  readonly permissions?: unknown
  readonly jobs: Record<string, Job>
}
interface ActionMeta {
  readonly inputs?: Record<string, { required?: boolean; default?: unknown }>
}
interface CallableWorkflow {
  readonly on: {
    workflow_call: {
      inputs?: Record<string, { required?: boolean; default?: unknown }>
      secrets?: Record<string, unknown>
    }
  }
}

const load = (file: string) => parse(readFileSync(file, 'utf8')) as Workflow
const steps = (workflow: Workflow) =>
  Object.entries(workflow.jobs).flatMap(([job, j]) => (j.steps ?? []).map(step => ({ job, step })))

describe('actionlint', () => {
  let findings: ActionlintFinding[]
  beforeAll(() => {
    findings = actionlintFiles(workflowFiles)
  })

  it('finds the workflows it is meant to check', () => {
    expect(workflowFiles.map(rel)).toEqual(
      expect.arrayContaining([
        '.github/workflows/ci.yml',
        '.github/workflows/deliver.yml',
        '.github/workflows/promote.yml',
        '.github/workflows/release.yml',
        'examples/service-repo/.github/workflows/deliver.yml',
        'examples/service-repo/.github/workflows/promote.yml'
      ])
    )
  })

  it.each(workflowFiles.map(rel))('%s has no findings', file => {
    expect(findings.filter(f => f.file === file).map(formatFinding)).toEqual([])
  })

  // Proof that the linter runs and reports: a workflow with two planted mistakes.
  it('reports script injection and unknown step outputs', () => {
    const planted = [
      'on: pull_request',
      'permissions: {}',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - run: echo "${{ github.event.pull_request.title }}"',
      '      - run: echo "${{ steps.nothing.outputs.x }}"'
    ].join('\n')
    const result = actionlintTexts([{ path: 'planted.yml', data: planted }])
    expect(result.map(f => f.line).sort()).toEqual([7, 8])
    expect(result[0].message).toMatch(/potentially untrusted/)
  })
})

describe.each(workflowFiles.map(rel))('%s', file => {
  const path = join(repoRoot, file)
  const text = readFileSync(path, 'utf8')
  const workflow = load(path)

  it('pins every third-party action by full commit SHA with a version comment', () => {
    const problems: string[] = []
    text.split('\n').forEach((line, i) => {
      const m = /^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/.exec(line)
      if (!m) return
      const [, ref, rest] = m
      if (ref.startsWith('./') || OWN_ACTION.test(ref) || OWN_WORKFLOW.test(ref)) return
      if (!/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(ref) || !/#\s*v\d+\.\d+\.\d+\b/.test(rest)) {
        problems.push(`${file}:${i + 1}: ${line.trim()}`)
      }
    })
    expect(problems).toEqual([])
  })

  it('sets permissions at the top and on every job', () => {
    expect(workflow.permissions).toBeDefined()
    const without = Object.entries(workflow.jobs)
      .filter(([, job]) => job.permissions === undefined)
      .map(([name]) => name)
    expect(without).toEqual([])
  })

  it('never runs on pull_request_target or workflow_run', () => {
    expect(Object.keys(workflow.on)).not.toContain('pull_request_target')
    expect(Object.keys(workflow.on)).not.toContain('workflow_run')
  })

  it('holds no cluster credentials', () => {
    expect(text).not.toMatch(
      /kubeconfig|kube_config|kubectl|helm upgrade|k8s-set-context|amazon-eks|get-gke-credentials|aks-set-context/i
    )
  })

  it('calls our actions with inputs they declare, at one major tag', () => {
    const problems: string[] = []
    for (const { job, step } of steps(workflow)) {
      const m = step.uses ? OWN_ACTION.exec(step.uses) : null
      if (!m) continue
      const [, name, ref] = m
      if (!/^v\d+$/.test(ref)) problems.push(`${job}: ${step.uses} is not a major tag`)
      const metaFile = join(repoRoot, 'actions', name, 'action.yml')
      if (!existsSync(metaFile)) {
        if (!KNOWN_ACTIONS.includes(name)) problems.push(`${job}: no action ${name}`)
        continue
      }
      const declared = (parse(readFileSync(metaFile, 'utf8')) as ActionMeta).inputs ?? {}
      for (const input of Object.keys(step.with ?? {})) {
        if (!(input in declared)) problems.push(`${job}: ${name} has no input '${input}'`)
      }
      for (const [input, spec] of Object.entries(declared)) {
        if (spec.required && spec.default === undefined && !(input in (step.with ?? {}))) {
          problems.push(`${job}: ${name} needs input '${input}'`)
        }
      }
    }
    const majors = new Set(
      steps(workflow)
        .map(({ step }) => (step.uses ? OWN_ACTION.exec(step.uses)?.[2] : undefined))
        .filter(ref => ref !== undefined)
    )
    expect(problems).toEqual([])
    expect(majors.size).toBeLessThanOrEqual(1)
  })

  it('reads only outputs our actions declare', () => {
    const problems: string[] = []
    for (const [jobName, job] of Object.entries(workflow.jobs)) {
      const actionOf = new Map<string, string>()
      for (const step of (job.steps ?? []) as (Step & { id?: string })[]) {
        const m = step.uses ? OWN_ACTION.exec(step.uses) : null
        if (m && step.id) actionOf.set(step.id, m[1])
      }
      const jobText = JSON.stringify(job)
      for (const [, id, output] of jobText.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
        const action = actionOf.get(id)
        const metaFile = action && join(repoRoot, 'actions', action, 'action.yml')
        if (!metaFile || !existsSync(metaFile)) continue
        const outputs = (parse(readFileSync(metaFile, 'utf8')) as { outputs?: object }).outputs
        if (!(output in (outputs ?? {})))
          problems.push(`${jobName}: ${action} has no output '${output}'`)
      }
    }
    expect(problems).toEqual([])
  })

  it('calls our reusable workflows with inputs and secrets they declare', () => {
    const problems: string[] = []
    for (const [name, job] of Object.entries(workflow.jobs)) {
      const m = job.uses ? OWN_WORKFLOW.exec(job.uses) : null
      if (!m) continue
      const callee = join(repoRoot, '.github/workflows', m[1])
      if (!existsSync(callee)) {
        problems.push(`${name}: ${m[1]} does not exist`)
        continue
      }
      const call = (parse(readFileSync(callee, 'utf8')) as CallableWorkflow).on.workflow_call
      const inputs = call.inputs ?? {}
      for (const input of Object.keys(job.with ?? {})) {
        if (!(input in inputs)) problems.push(`${name}: ${m[1]} has no input '${input}'`)
      }
      for (const [input, spec] of Object.entries(inputs)) {
        if (spec.required && !(input in (job.with ?? {}))) {
          problems.push(`${name}: ${m[1]} needs input '${input}'`)
        }
      }
      if (job.secrets !== 'inherit') {
        for (const secret of Object.keys((job.secrets as Record<string, unknown>) ?? {})) {
          if (!(secret in (call.secrets ?? {}))) problems.push(`${name}: no secret ${secret}`)
        }
      }
    }
    expect(problems).toEqual([])
  })
})

// The reusable workflows run in other teams' repositories: their job tokens only read (code scanning
// aside), and every write goes through an App token scoped to one repository with named permissions.
describe.each(['.github/workflows/deliver.yml', '.github/workflows/promote.yml'])('%s', file => {
  const workflow = load(join(repoRoot, file))

  // The job that promotes may ask for an OIDC token of its run (spec.gitops.identity); no other job.
  const promoting = file.endsWith('deliver.yml') ? 'deliver' : 'promote'

  it('asks the job token for read access only (and security-events for SARIF)', () => {
    const writes = Object.entries(workflow.jobs).flatMap(([name, job]) =>
      Object.entries((job.permissions as Record<string, string>) ?? {})
        .filter(([scope, level]) => level !== 'read' && scope !== 'security-events')
        .filter(([scope]) => !(name === promoting && scope === 'id-token'))
        .map(([scope, level]) => `${name}: ${scope}: ${level}`)
    )
    expect(writes).toEqual([])
  })

  it('lets the promoting job, and only it, request an OIDC token for the GitOps gate', () => {
    const withToken = Object.entries(workflow.jobs)
      .filter(([, job]) => (job.permissions as Record<string, string>)?.['id-token'] === 'write')
      .map(([name]) => name)
    expect(withToken).toEqual([promoting])
  })

  it('scopes every GitHub App token to named repositories and permissions', () => {
    const tokens = steps(workflow).filter(({ step }) =>
      step.uses?.startsWith('actions/create-github-app-token@')
    )
    expect(tokens.length).toBeGreaterThan(0)
    for (const { step } of tokens) {
      expect(step.with?.repositories).toBeTruthy()
      expect(step.with?.owner).toBeTruthy()
      expect(Object.keys(step.with ?? {}).some(k => k.startsWith('permission-'))).toBe(true)
    }
  })

  it('never persists a checkout token', () => {
    const checkouts = steps(workflow).filter(({ step }) =>
      step.uses?.startsWith('actions/checkout@')
    )
    for (const { step } of checkouts) expect(step.with?.['persist-credentials']).toBe(false)
  })
})
