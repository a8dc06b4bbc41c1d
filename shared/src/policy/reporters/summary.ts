import { formatPosition } from '../../runtime/errors.js'
import type { Finding } from '../finding.js'
import type { FailOn, ResultSet } from '../result-set.js'
import { levelOf } from '../result-set.js'
import type { Reporter } from './reporter.js'

/** The runner refuses a step summary above 1 MiB; keep well under it for the other parts of the step. */
export const SUMMARY_BUDGET_BYTES = 1024 * 1024 - 16 * 1024

export interface SummaryOptions {
  readonly failOn: FailOn
  readonly sarifFile?: string
  readonly reportFile?: string
  readonly budgetBytes?: number
}

interface Row {
  readonly environment: string
  readonly resource: string
  errors: number
  warnings: number
  notices: number
  passed: number
  readonly problems: Finding[]
}

/**
 * The job summary: verdict, one table per environment with a row per resource and its counts, then
 * the findings of each resource in a collapsible section. Built once; when the budget runs out the
 * rest is left to the SARIF and PolicyReport files, and the summary says so.
 */
export function summaryMarkdown(results: ResultSet, options: SummaryOptions): string {
  const budget = options.budgetBytes ?? SUMMARY_BUDGET_BYTES
  const rows = rowsOf(results.findings)
  const icon = results.passes(options.failOn) ? '✅' : '❌'
  const head = [`### ${icon} ${escape(results.describe(options.failOn))}`, '']
  const tables: string[] = []
  for (const environment of [...new Set(rows.map(r => r.environment))]) {
    tables.push(`#### Environment: ${escape(environment)}`, '')
    tables.push('| Resource | Errors | Warnings | Notices | Passed |', '|---|---:|---:|---:|---:|')
    for (const r of rows.filter(r => r.environment === environment))
      tables.push(
        `| ${escape(r.resource)} | ${r.errors} | ${r.warnings} | ${r.notices} | ${r.passed} |`
      )
    tables.push('')
  }
  const details: string[] = []
  for (const r of rows.filter(r => r.problems.length > 0)) {
    const counts = [
      r.errors ? `${r.errors} error${r.errors === 1 ? '' : 's'}` : '',
      r.warnings ? `${r.warnings} warning${r.warnings === 1 ? '' : 's'}` : '',
      r.notices ? `${r.notices} notice${r.notices === 1 ? '' : 's'}` : ''
    ].filter(Boolean)
    const lines = [
      `<details><summary>${escape(r.environment)} · ${escape(r.resource)}: ${counts.join(', ')}</summary>`,
      '',
      ...r.problems.map(problemLine),
      '',
      '</details>',
      ''
    ]
    details.push(lines.join('\n'))
  }
  const where = [
    options.sarifFile ? `SARIF: \`${options.sarifFile}\`` : '',
    options.reportFile ? `PolicyReport: \`${options.reportFile}\`` : ''
  ].filter(Boolean)
  const tail = where.length > 0 ? `Complete results — ${where.join(' · ')}` : ''

  const out: string[] = [...head]
  let size = bytes(out.join('\n')) + bytes(tail) + 512
  let rowsCut = 0
  for (const line of tables) {
    if (size + bytes(line) + 1 > budget) {
      rowsCut++
      continue
    }
    out.push(line)
    size += bytes(line) + 1
  }
  if (rowsCut > 0) out.push(`_${rowsCut} table lines left out to stay under 1 MiB._`, '')
  let detailsCut = 0
  for (const block of details) {
    if (size + bytes(block) + 1 > budget) {
      detailsCut++
      continue
    }
    out.push(block)
    size += bytes(block) + 1
  }
  if (detailsCut > 0)
    out.push(
      `_Details of ${detailsCut} more resource${detailsCut === 1 ? '' : 's'} left out to stay under 1 MiB${where.length > 0 ? '; see the files below' : ''}._`,
      ''
    )
  if (tail) out.push(tail)
  return out.join('\n').trimEnd() + '\n'
}

function rowsOf(findings: readonly Finding[]): Row[] {
  const rows = new Map<string, Row>()
  for (const f of findings) {
    const environment = f.environment ?? '(no environment)'
    const resource = f.resource
      ? `${f.resource.kind} ${f.resource.name || '(unnamed)'}`
      : (f.manifest?.file ?? f.position?.file ?? '(no resource)')
    const key = `${environment}\u0000${resource}`
    let row = rows.get(key)
    if (!row) {
      row = { environment, resource, errors: 0, warnings: 0, notices: 0, passed: 0, problems: [] }
      rows.set(key, row)
    }
    const level = levelOf(f)
    if (f.result === 'pass') row.passed++
    if (level === 'none') continue
    row.problems.push(f)
    if (level === 'error') row.errors++
    else if (level === 'warning') row.warnings++
    else row.notices++
  }
  return [...rows.values()].sort(
    (a, b) => a.environment.localeCompare(b.environment) || a.resource.localeCompare(b.resource)
  )
}

function problemLine(f: Finding): string {
  const where = f.position ? ` ${escape(formatPosition(f.position))}` : ''
  const rendered =
    f.manifest && f.position && f.manifest.file !== f.position.file
      ? ` (rendered: ${escape(f.manifest.file)}${f.manifest.pointer ? ` \`${f.manifest.pointer}\`` : ''})`
      : ''
  return `- **${levelOf(f)}** \`${f.policy}/${f.rule}\`${where} — ${escape(f.message)}${rendered}`
}

/** Markdown and HTML in user text must not break the table or open tags. */
function escape(text: string): string {
  return text
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ')
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

export const summaryReporter: Reporter = {
  name: 'summary',
  write: (results, context, sink) => sink.appendSummary(summaryMarkdown(results, context))
}
