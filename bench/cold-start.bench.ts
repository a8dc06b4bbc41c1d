// Cold start under Node 24 (as the runner starts an action) against `node -e 0`, for bundles built
// from the current sources into a temporary folder (scripts/build.mjs --out), so the figures are the
// code's, whatever the committed dist holds:
// - each action bundle, run with no inputs: it loads, reads its inputs, fails fast on the missing
//   required one and exits — start-up, not work. Budget: 3× `node -e 0`.
// - the published CLI bundle's `idp --help`. Budget: 4× `node -e 0`.
// - for contrast, the repository's bin/idp.js (tsx compiling the sources at every start).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24, repoRoot } from '../test/run-bundle.js'
import type { BenchRow } from './row.js'

const RUNS = 15

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

interface Case {
  readonly name: string
  readonly args: string[]
}

/**
 * Median wall time per case, the cases taken in turn within each round so that a busy machine
 * slows them alike (the ratios to `node -e 0` are what the budgets are about).
 */
function timeAll(cases: readonly Case[], env: NodeJS.ProcessEnv, cwd: string, runs = RUNS) {
  const samples = new Map(cases.map(c => [c.name, [] as number[]]))
  for (let i = 0; i < runs; i++) {
    for (const c of cases) {
      const started = process.hrtime.bigint()
      spawnSync(node24, c.args, { env, cwd, stdio: 'ignore' })
      samples.get(c.name)!.push(Number(process.hrtime.bigint() - started) / 1e6)
    }
  }
  return new Map([...samples].map(([name, values]) => [name, median(values)]))
}

function versus(ms: number, baseline: number, budget: number): string {
  const ratio = ms / baseline
  return `${ratio.toFixed(1)}× node -e 0 (budget ${budget}×${ratio <= budget ? '' : ', OVER'})`
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(node24)) return []
  const dir = mkdtempSync(join(tmpdir(), 'idp-bench-cold-'))
  try {
    const built = join(dir, 'built')
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), '--out', built], {
      stdio: 'ignore'
    })
    const work = join(dir, 'work')
    execFileSync('mkdir', ['-p', work])
    const output = join(dir, 'output')
    const summary = join(dir, 'summary')
    writeFileSync(output, '')
    writeFileSync(summary, '')
    const env = {
      PATH: process.env.PATH,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_WORKSPACE: work,
      RUNNER_TEMP: dir
    }
    const actions = readdirSync(join(built, 'actions')).sort()
    const cli = join(built, 'packages', 'cli', 'dist', 'idp.js')
    const cases: Case[] = [
      { name: 'baseline', args: ['-e', '0'] },
      ...actions.map(a => ({ name: a, args: [join(built, 'actions', a, 'dist', 'index.js')] })),
      { name: 'cli', args: [cli, '--help'] }
    ]
    const times = timeAll(cases, env, work)
    const baseline = times.get('baseline')!
    const rows: BenchRow[] = [
      {
        benchmark: 'cold start',
        case: 'node -e 0 (Node 24)',
        value: baseline,
        unit: 'ms',
        notes: `median of ${RUNS}, cases interleaved`
      }
    ]
    for (const action of actions) {
      const ms = times.get(action)!
      rows.push({
        benchmark: 'cold start',
        case: action,
        value: ms,
        unit: 'ms',
        notes: versus(ms, baseline, 3)
      })
    }
    const cliHelp = times.get('cli')!
    rows.push({
      benchmark: 'cold start',
      case: 'idp --help (packed CLI)',
      value: cliHelp,
      unit: 'ms',
      notes: versus(cliHelp, baseline, 4)
    })
    // The repository's own bin/idp.js compiles the sources through tsx: for contrast only.
    const tsx = timeAll(
      [{ name: 'tsx', args: [join(repoRoot, 'bin', 'idp.js'), '--help'] }],
      env,
      work,
      3
    )
    const tsxHelp = tsx.get('tsx')!
    rows.push({
      benchmark: 'cold start',
      case: 'idp --help (bin/idp.js, tsx)',
      value: tsxHelp,
      unit: 'ms',
      notes: `${(tsxHelp / baseline).toFixed(1)}× node -e 0; the repository's own scripts, median of 3`
    })
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
