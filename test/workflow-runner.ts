// Runs the jobs of one of our workflows in a test, the way the runner would, with our committed bundles
// for `acme/idp/actions/<name>@…` steps (test/run-bundle.ts) and bash for `run:` steps. Third-party steps
// are replaced by their effect, which the test supplies (`thirdParty`): checkout → the files are already
// in the workspace, create-github-app-token → skipped unless a test gives it, upload-sarif → recorded.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'yaml'
import { runBundle } from './run-bundle.js'
import {
  condition,
  interpolate,
  toText,
  type Context,
  type Status,
  type Value
} from './workflow-expressions.js'

export interface WorkflowStep {
  readonly id?: string
  readonly name?: string
  readonly if?: string
  readonly uses?: string
  readonly run?: string
  readonly with?: Record<string, unknown>
  readonly env?: Record<string, unknown>
  readonly 'continue-on-error'?: boolean | string
}
export interface WorkflowJob {
  readonly needs?: string | string[]
  readonly if?: string
  readonly env?: Record<string, unknown>
  readonly outputs?: Record<string, string>
  readonly strategy?: { matrix?: Record<string, unknown> }
  readonly steps: WorkflowStep[]
}

export interface StepRecord {
  readonly name: string
  readonly outcome: 'success' | 'failure' | 'skipped'
  readonly conclusion: 'success' | 'failure' | 'skipped'
  readonly outputs: Record<string, string>
  readonly inputs?: Record<string, string>
  readonly log: string
}
export interface JobRun {
  readonly ran: boolean
  readonly success: boolean
  readonly outputs: Record<string, string>
  readonly steps: StepRecord[]
  readonly summary: string
}

/** What a test makes a third-party step do: return outputs, or throw to fail the step. */
export type ThirdParty = (
  uses: string,
  inputs: Record<string, string>
) => Record<string, string> | undefined

export interface JobContext {
  readonly workspace: string
  /** github, inputs, secrets, vars, needs (job → { outputs, result }), matrix. */
  readonly contexts: Context
  /** GITHUB_* and other variables the runner sets. */
  readonly env: Record<string, string>
  readonly thirdParty: ThirdParty
}

export function loadWorkflow(path: string): { jobs: Record<string, WorkflowJob> } {
  return parse(readFileSync(path, 'utf8')) as { jobs: Record<string, WorkflowJob> }
}

const OWN_ACTION = /^acme\/idp\/actions\/([a-z0-9-]+)@/

/** Runs one job (one matrix combination: pass `matrix` in contexts). */
export function runJob(job: WorkflowJob, ctx: JobContext): JobRun {
  const base: Context = { ...ctx.contexts, env: {}, steps: {}, job: { status: 'success' } }
  // A job's implicit success() means: every job it needs succeeded (a skipped one counts as not).
  const needed = typeof job.needs === 'string' ? [job.needs] : (job.needs ?? [])
  const needs = (ctx.contexts.needs ?? {}) as Record<string, { result?: Value }>
  const neededOk = needed.every(n => needs[n]?.result === 'success')
  if (!condition(job.if, base, { success: neededOk, cancelled: false })) {
    return { ran: false, success: true, outputs: {}, steps: [], summary: '' }
  }
  const jobEnv = evaluateMap(job.env, base)
  const steps: Record<string, Value> = {}
  const records: StepRecord[] = []
  let summary = ''
  let success = true
  const temp = mkdtempSync(join(tmpdir(), 'idp-job-'))
  try {
    for (const step of job.steps) {
      const context: Context = { ...base, env: jobEnv, steps }
      const status: Status = { success, cancelled: false }
      const name = toText(interpolate(step.name ?? step.uses ?? step.run ?? '', context))
      if (!condition(step.if, context, status)) {
        records.push({ name, outcome: 'skipped', conclusion: 'skipped', outputs: {}, log: '' })
        if (step.id) steps[step.id] = { outputs: {}, outcome: 'skipped', conclusion: 'skipped' }
        continue
      }
      const stepEnv = { ...jobEnv, ...evaluateMap(step.env, context) }
      const inputs = evaluateMap(step.with, context)
      let outputs: Record<string, string> = {}
      let ok = true
      let log = ''
      const own = step.uses ? OWN_ACTION.exec(step.uses) : null
      if (own) {
        const result = runBundle(own[1], {
          inputs,
          workspace: ctx.workspace,
          env: { ...ctx.env, ...stepEnv }
        })
        outputs = result.outputs
        ok = result.exitCode === 0
        summary += result.summary
        log = result.stdout + result.stderr
      } else if (step.uses) {
        try {
          outputs = ctx.thirdParty(step.uses, inputs) ?? {}
        } catch (error) {
          ok = false
          log = String(error)
        }
      } else {
        const outputFile = join(temp, 'output')
        const summaryFile = join(temp, 'summary')
        writeFileSync(outputFile, '')
        writeFileSync(summaryFile, '')
        const script = toText(interpolate(step.run, context))
        const result = spawnSync(
          'bash',
          ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script],
          {
            cwd: ctx.workspace,
            env: {
              PATH: process.env.PATH,
              HOME: process.env.HOME,
              ...ctx.env,
              ...stepEnv,
              GITHUB_OUTPUT: outputFile,
              GITHUB_STEP_SUMMARY: summaryFile,
              RUNNER_TEMP: temp
            },
            encoding: 'utf8'
          }
        )
        ok = result.status === 0
        outputs = parseRunOutputs(readFileSync(outputFile, 'utf8'))
        summary += readFileSync(summaryFile, 'utf8')
        log = result.stdout + result.stderr
      }
      const continueOnError = toText(interpolate(step['continue-on-error'] ?? false, context))
      const outcome = ok ? 'success' : 'failure'
      const conclusion = ok || continueOnError === 'true' ? 'success' : 'failure'
      if (conclusion === 'failure') success = false
      records.push({ name, outcome, conclusion, outputs, inputs, log })
      if (step.id) steps[step.id] = { outputs, outcome, conclusion }
    }
    const final: Context = { ...base, env: jobEnv, steps }
    const outputs = Object.fromEntries(
      Object.entries(job.outputs ?? {}).map(([k, v]) => [k, toText(interpolate(v, final))])
    )
    return { ran: true, success, outputs, steps: records, summary }
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

/** The matrix combinations of a job (only the `key: [values]` / `key: ${{ expr }}` form we use). */
export function matrixOf(job: WorkflowJob, contexts: Context): Record<string, Value>[] {
  const matrix = job.strategy?.matrix
  if (!matrix) return [{}]
  let combos: Record<string, Value>[] = [{}]
  for (const [key, raw] of Object.entries(matrix)) {
    const values = interpolate(raw, contexts)
    if (!Array.isArray(values)) throw new Error(`matrix.${key} is not a list`)
    combos = combos.flatMap(c => values.map(v => ({ ...c, [key]: v })))
  }
  return combos
}

function evaluateMap(map: Record<string, unknown> | undefined, context: Context) {
  return Object.fromEntries(
    Object.entries(map ?? {}).map(([k, v]) => [k, toText(interpolate(v, context))])
  )
}

/** `name=value` lines and `name<<DELIMITER` blocks, as the runner reads GITHUB_OUTPUT. */
function parseRunOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const block = /^([^=<]+)<<(.+)$/.exec(lines[i])
    if (block) {
      const value: string[] = []
      for (i++; i < lines.length && lines[i] !== block[2]; i++) value.push(lines[i])
      outputs[block[1]] = value.join('\n')
      continue
    }
    const pair = /^([^=]+)=(.*)$/.exec(lines[i])
    if (pair) outputs[pair[1]] = pair[2]
  }
  return outputs
}
