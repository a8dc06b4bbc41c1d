// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), each in its own
// process so its peak memory is its own, prints one table and writes bench/results.json. Each module's
// default export returns rows; figures are never asserted.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchRow } from './row.js'

const here = dirname(fileURLToPath(import.meta.url))
const args = process.argv.slice(2)

if (args[0] === '--one') {
  const mod = (await import(pathToFileURL(join(here, args[1])).href)) as {
    default: () => Promise<BenchRow[]>
  }
  writeFileSync(args[2], JSON.stringify(await mod.default()))
} else {
  const files = readdirSync(here)
    .filter(f => f.endsWith('.bench.ts'))
    .filter(f => args.length === 0 || args.some(o => f.startsWith(o)))
    .sort()
  const scratch = mkdtempSync(join(tmpdir(), 'idp-bench-'))
  const rows: BenchRow[] = []
  try {
    for (const file of files) {
      process.stderr.write(`running ${file}\n`)
      const out = join(scratch, `${file}.json`)
      execFileSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), '--one', file, out],
        {
          stdio: ['ignore', 'inherit', 'inherit']
        }
      )
      rows.push(...(JSON.parse(readFileSync(out, 'utf8')) as BenchRow[]))
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  const header = ['benchmark', 'case', 'value', 'unit', 'notes']
  const table = [
    header,
    ...rows.map(r => [r.benchmark, r.case, formatValue(r.value), r.unit, r.notes ?? ''])
  ]
  const widths = header.map((_, i) => Math.max(...table.map(row => row[i].length)))
  const line = (row: string[]) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`
  console.log(
    [
      line(header),
      `|${widths.map(w => '-'.repeat(w + 2)).join('|')}|`,
      ...table.slice(1).map(line)
    ].join('\n')
  )
  const machine = {
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    cpus: cpus().length
  }
  // A run of some benches replaces the rows it measured (benchmark and case) and keeps the others.
  const measured = new Set(rows.map(r => `${r.benchmark}\0${r.case}`))
  const kept =
    args.length === 0 ? [] : previousRows().filter(r => !measured.has(`${r.benchmark}\0${r.case}`))
  const all = [...kept, ...rows].sort((a, b) =>
    a.benchmark < b.benchmark ? -1 : a.benchmark > b.benchmark ? 1 : 0
  )
  writeFileSync(join(here, 'results.json'), JSON.stringify({ machine, rows: all }, null, 2) + '\n')
}

function previousRows(): BenchRow[] {
  try {
    return (JSON.parse(readFileSync(join(here, 'results.json'), 'utf8')) as { rows: BenchRow[] })
      .rows
  } catch {
    return []
  }
}

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1)
}
