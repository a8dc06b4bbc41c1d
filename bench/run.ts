// `npm run bench`: runs every bench/*.bench.ts (or those named on the command line), prints one table
// and writes bench/results.json. Each module's default export returns rows; figures are never asserted.
import { readdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { BenchRow } from './row.js'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(here)
  .filter(f => f.endsWith('.bench.ts'))
  .filter(f => only.length === 0 || only.some(o => f.startsWith(o)))
  .sort()

const rows: BenchRow[] = []
for (const file of files) {
  const mod = (await import(pathToFileURL(join(here, file)).href)) as {
    default: () => Promise<BenchRow[]>
  }
  process.stderr.write(`running ${file}\n`)
  rows.push(...(await mod.default()))
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

const machine = { node: process.version, platform: process.platform, arch: process.arch }
writeFileSync(join(here, 'results.json'), JSON.stringify({ machine, rows }, null, 2) + '\n')

function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1)
}
