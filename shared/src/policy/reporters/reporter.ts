import type { Annotation } from '../../runtime/logger.js'
import type { FailOn, ResultSet } from '../result-set.js'

/** Where reporters put what they produce; the caller decides what a file path or a summary means. */
export interface ReportSink {
  annotate(annotation: Annotation): void
  appendSummary(markdown: string): void
  /** `path` as the user named it (repository-relative); the sink resolves and creates folders. */
  writeFile(path: string, text: string): void
}

export interface ReportContext {
  readonly failOn: FailOn
  /** Repository-relative paths of the files written, so other reports can point at them. */
  readonly sarifFile?: string
  readonly reportFile?: string
  /** Set when every result is for one environment (names the PolicyReport). */
  readonly environment?: string
  readonly namespace?: string
}

/** One output of a validation run (annotations, job summary, SARIF, PolicyReport). */
export interface Reporter {
  readonly name: string
  write(results: ResultSet, context: ReportContext, sink: ReportSink): void
}
