import { stringify } from 'yaml'
import type { Finding, Severity } from '../finding.js'
import type { ResultSet } from '../result-set.js'
import type { Reporter } from './reporter.js'

/** PolicyReport severities (wgpolicyk8s.io/v1alpha2) for ours. */
const REPORT_SEVERITY: Record<Severity, string> = { error: 'high', warning: 'medium', info: 'info' }

export const POLICY_REPORT_SOURCE = 'idp'

export interface PolicyReportOptions {
  /** Names the report (`idp-validate-<environment>`). */
  readonly environment?: string
  /** Where it would live in the cluster. */
  readonly namespace?: string
}

/**
 * A Kubernetes Policy WG `PolicyReport` with every result, passes included, and the summary counts.
 * `properties` carry where to look: the developer's file and line, and the rendered file and pointer.
 */
export function policyReport(
  results: ResultSet,
  options: PolicyReportOptions = {}
): Record<string, unknown> {
  const metadata: Record<string, string> = {
    name: options.environment ? `idp-validate-${options.environment}` : 'idp-validate'
  }
  if (options.namespace) metadata.namespace = options.namespace
  return {
    apiVersion: 'wgpolicyk8s.io/v1alpha2',
    kind: 'PolicyReport',
    metadata,
    summary: { ...results.counts },
    results: results.findings.map(resultOf)
  }
}

function resultOf(f: Finding): Record<string, unknown> {
  const properties: Record<string, string> = {}
  if (f.position) {
    properties.file = f.position.file
    properties.line = String(f.position.line)
    properties.column = String(f.position.column)
  }
  if (f.manifest) {
    properties.manifest = f.manifest.file
    if (f.manifest.line !== undefined) properties.manifestLine = String(f.manifest.line)
    if (f.manifest.pointer) properties.pointer = f.manifest.pointer
  }
  if (f.environment) properties.environment = f.environment
  if (f.source) properties.engine = f.source
  return {
    source: POLICY_REPORT_SOURCE,
    policy: f.policy,
    rule: f.rule,
    result: f.result,
    message: f.message,
    // The policy's own severity when it states one; else the platform's level for the finding.
    severity: f.policySeverity ?? REPORT_SEVERITY[f.severity],
    category: f.category ?? f.source,
    scored: true,
    ...(f.resource
      ? {
          resources: [
            {
              apiVersion: f.resource.apiVersion,
              kind: f.resource.kind,
              name: f.resource.name,
              ...(f.resource.namespace ? { namespace: f.resource.namespace } : {})
            }
          ]
        }
      : {}),
    properties
  }
}

/**
 * The report as YAML with one result per line in flow style (JSON is YAML): a block-style dump of tens
 * of thousands of results costs more than validating them, and a line per result diffs and greps well.
 */
export function policyReportYaml(report: Record<string, unknown>): string {
  const { results, ...head } = report
  const lines = [stringify(head, { lineWidth: 0 }).trimEnd(), 'results:']
  const list = (results as unknown[]) ?? []
  if (list.length === 0) lines[1] = 'results: []'
  for (const result of list) lines.push(`  - ${JSON.stringify(result)}`)
  return lines.join('\n') + '\n'
}

/** YAML, or JSON when the file name ends in `.json`. */
export const policyReportReporter: Reporter = {
  name: 'policy-report',
  write: (results, context, sink) => {
    if (!context.reportFile) return
    const report = policyReport(results, context)
    sink.writeFile(
      context.reportFile,
      context.reportFile.endsWith('.json')
        ? JSON.stringify(report, null, 2) + '\n'
        : policyReportYaml(report)
    )
  }
}
