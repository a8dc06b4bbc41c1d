// Cold start of each committed bundle under Node 24 (as the runner starts it) against `node -e 0`:
// the bundle is run with no inputs, so it loads, reads its inputs, fails fast on the missing required one
// (or does its smallest job) and exits — what is measured is start-up, not work.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { node24, repoRoot } from '../test/run-bundle.js'
import type { BenchRow } from './row.js'

const RUNS = 10

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]
}

function time(args: string[], env: NodeJS.ProcessEnv, cwd: string): number {
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint()
    spawnSync(node24, args, { env, cwd, stdio: 'ignore' })
    samples.push(Number(process.hrtime.bigint() - started) / 1e6)
  }
  return median(samples)
}

export default async function bench(): Promise<BenchRow[]> {
  if (!existsSync(node24)) return []
  const dir = mkdtempSync(join(tmpdir(), 'idp-bench-cold-'))
  try {
    const output = join(dir, 'output')
    const summary = join(dir, 'summary')
    writeFileSync(output, '')
    writeFileSync(summary, '')
    const env = {
      PATH: process.env.PATH,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_WORKSPACE: dir,
      RUNNER_TEMP: dir
    }
    const baseline = time(['-e', '0'], env, dir)
    const rows: BenchRow[] = [
      {
        benchmark: 'cold start',
        case: 'node -e 0 (Node 24)',
        value: baseline,
        unit: 'ms',
        notes: `median of ${RUNS}`
      }
    ]
    for (const action of readdirSync(join(repoRoot, 'actions')).sort()) {
      const bundle = join(repoRoot, 'actions', action, 'dist', 'index.js')
      if (!existsSync(bundle)) continue
      const ms = time([bundle], env, dir)
      rows.push({
        benchmark: 'cold start',
        case: action,
        value: ms,
        unit: 'ms',
        notes: `+${(ms - baseline).toFixed(0)} ms over node -e 0`
      })
    }
    return rows
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
