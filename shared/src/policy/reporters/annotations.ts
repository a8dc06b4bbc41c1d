import { currentSurface } from '../../runtime/surface.js'
import type { Annotation, AnnotationLevel } from '../../runtime/logger.js'
import type { Finding } from '../finding.js'
import type { ResultSet } from '../result-set.js'
import type { Reporter } from './reporter.js'
import { levelOf } from '../result-set.js'

/** GitHub shows at most this many annotations of each level per step; the rest only reach the log. */
export const ANNOTATIONS_PER_LEVEL = 10

export interface AnnotationOptions {
  /** Where the complete list is, named in the overflow notice. */
  readonly sarifFile?: string
  readonly reportFile?: string
}

/**
 * The annotations to emit, most severe first, at most ten per level. When some do not fit, the last
 * notice slot says how many more there are and where to read them.
 */
export function annotationsFor(results: ResultSet, options: AnnotationOptions = {}): Annotation[] {
  const problems = results.problems
  // A terminal has no per-step limit: `idp validate` shows every finding.
  if (currentSurface() === 'cli')
    return problems.flatMap(f => {
      const level = levelOf(f)
      return level === 'none' ? [] : [annotationOf(f, level)]
    })
  const byLevel: Record<AnnotationLevel, Finding[]> = { error: [], warning: [], notice: [] }
  for (const f of problems) {
    const level = levelOf(f)
    if (level !== 'none') byLevel[level].push(f)
  }
  const overflowing =
    byLevel.error.length > ANNOTATIONS_PER_LEVEL ||
    byLevel.warning.length > ANNOTATIONS_PER_LEVEL ||
    byLevel.notice.length > ANNOTATIONS_PER_LEVEL
  const noticeSlots = overflowing ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL
  const emitted: Annotation[] = [
    ...byLevel.error.slice(0, ANNOTATIONS_PER_LEVEL).map(f => annotationOf(f, 'error')),
    ...byLevel.warning.slice(0, ANNOTATIONS_PER_LEVEL).map(f => annotationOf(f, 'warning')),
    ...byLevel.notice.slice(0, noticeSlots).map(f => annotationOf(f, 'notice'))
  ]
  if (overflowing) {
    const more = problems.length - emitted.length
    const where = ['the job summary']
    if (options.sarifFile) where.push(`the SARIF file ${options.sarifFile}`)
    if (options.reportFile) where.push(`the PolicyReport ${options.reportFile}`)
    emitted.push({
      level: 'notice',
      title: 'More findings',
      message: `${more} more finding${more === 1 ? ' is' : 's are'} not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step); all ${problems.length} are in ${joinList(where)}.`
    })
  }
  return emitted
}

export function annotationOf(finding: Finding, level: AnnotationLevel): Annotation {
  const mapped =
    finding.position && finding.manifest && finding.position.file !== finding.manifest.file
  const rendered = finding.manifest
    ? `${finding.manifest.file}${finding.manifest.line ? `:${finding.manifest.line}` : ''}${finding.manifest.pointer ? ` (${finding.manifest.pointer})` : ''}`
    : undefined
  const resource = finding.resource
    ? `${finding.resource.kind}${finding.resource.name ? ` ${finding.resource.name}` : ''}`
    : undefined
  const context = [
    finding.environment ? `environment ${finding.environment}` : undefined,
    resource,
    mapped ? `rendered ${rendered}` : undefined
  ].filter(Boolean)
  return {
    level,
    // The rule id matches the README section and the SARIF rule; the policy's own severity helps triage.
    title: `${finding.policy}/${finding.rule}${finding.policySeverity ? ` (${finding.policySeverity})` : ''}`,
    message: clip(
      context.length > 0 ? `${finding.message}\n${context.join(' · ')}` : finding.message
    ),
    ...(finding.position ? { position: finding.position } : {})
  }
}

/** The runner cuts annotation messages at 4096 characters; cut them first, visibly. */
export const ANNOTATION_MAX_CHARS = 4000

function clip(message: string): string {
  return message.length <= ANNOTATION_MAX_CHARS
    ? message
    : `${message.slice(0, ANNOTATION_MAX_CHARS - 1)}…`
}

function joinList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

export const annotationsReporter: Reporter = {
  name: 'annotations',
  write: (results, context, sink) => {
    for (const annotation of annotationsFor(results, context)) sink.annotate(annotation)
  }
}
