// Reports of the GitOps-side gate: annotations on the changed files, the job summary and SARIF,
// through the same reporters as validate, so a required check shows the gate's findings the way a
// developer sees validate's.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Finding } from '../policy/finding.js'
import { annotationsReporter } from '../policy/reporters/annotations.js'
import type { ReportSink } from '../policy/reporters/reporter.js'
import { sarifReporter } from '../policy/reporters/sarif.js'
import { summaryReporter } from '../policy/reporters/summary.js'
import { levelOf, ResultSet } from '../policy/result-set.js'
import type { Logger } from '../runtime/logger.js'
import type { VerifiedFolder } from './verify.js'
import { markdownText } from '../runtime/markdown.js'

export interface GateReportOptions {
  readonly title: string
  readonly folders: readonly VerifiedFolder[]
  /** Repository-relative, written under `workspace`. */
  readonly sarifFile?: string
  readonly annotate: boolean
  readonly workspace: string
  readonly logger: Logger
}

export interface GateReport {
  readonly results: ResultSet
  readonly summary: string
  readonly passed: boolean
}

/** Annotations, summary (with the folders checked) and SARIF of one gate run. */
export function reportGate(findings: readonly Finding[], options: GateReportOptions): GateReport {
  const results = new ResultSet(findings)
  const passed = results.passes('error')
  const parts: string[] = [
    `## ${passed ? '✅' : '❌'} ${markdownText(options.title)}`,
    '',
    ...(options.folders.length === 0
      ? ['No service folder changed.', '']
      : [
          '| Service folder | Service | Environment | Source | Result |',
          '|---|---|---|---|---|',
          ...options.folders.map(f => {
            const failed = results.problems.some(
              p =>
                levelOf(p) === 'error' &&
                (p.position?.file === f.path || p.position?.file?.startsWith(`${f.path}/`))
            )
            const r = f.record
            return `| ${markdownText(f.path)} | ${markdownText(r?.service ?? '')} | ${markdownText(r?.environment ?? '')} | ${markdownText(f.deleted ? '(deleted)' : (r?.source?.repository ?? ''))} | ${failed ? '❌ refused' : '✅ verified'} |`
          }),
          ''
        ])
  ]
  const sink: ReportSink = {
    annotate: annotation => options.logger.annotate(annotation),
    appendSummary: markdown => void parts.push(markdown),
    writeFile: (path, text) => {
      const absolute = resolve(options.workspace, path)
      mkdirSync(dirname(absolute), { recursive: true })
      writeFileSync(absolute, text)
    }
  }
  const context = { failOn: 'error' as const, sarifFile: options.sarifFile }
  if (options.annotate) annotationsReporter.write(results, context, sink)
  summaryReporter.write(results, context, sink)
  sarifReporter.write(results, context, sink)
  return { results, summary: parts.join('\n'), passed }
}
