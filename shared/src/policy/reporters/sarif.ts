import { createHash } from 'node:crypto'
import { isAbsolute } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Finding } from '../finding.js'
import type { ResultSet } from '../result-set.js'
import { levelOf } from '../result-set.js'
import type { Reporter } from './reporter.js'

export const SARIF_SCHEMA_URI =
  'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json'
export const SARIF_TOOL_NAME = 'idp validate-policy'
/** `runAutomationDetails.id`: one analysis category for this tool, as upload-sarif expects. */
export const SARIF_CATEGORY = 'idp-policy/'

/** Code scanning rejects a run with more results than this. */
export const SARIF_MAX_RESULTS = 25000

const SARIF_LEVEL = { error: 'error', warning: 'warning', notice: 'note' } as const

export function ruleIdOf(finding: Finding): string {
  return `${finding.policy}/${finding.rule}`
}

/**
 * SARIF 2.1.0 for code scanning: every rule that produced a result (passes included) with its help
 * text, and one result per finding that is not a pass, located on the developer's line with a
 * fingerprint that survives lines moving.
 */
export function sarifLog(results: ResultSet): Record<string, unknown> {
  const rules = new Map<string, Finding>()
  for (const f of results.findings) if (!rules.has(ruleIdOf(f))) rules.set(ruleIdOf(f), f)
  const ruleIds = [...rules.keys()].sort()
  const index = new Map(ruleIds.map((id, i) => [id, i]))
  // Most severe first, so what code scanning keeps is what matters.
  const problems = results.problems
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: SARIF_TOOL_NAME,
            rules: ruleIds.map(id => ruleOf(id, rules.get(id)!))
          }
        },
        automationDetails: { id: SARIF_CATEGORY },
        results: problems
          .slice(0, SARIF_MAX_RESULTS)
          .map(f => resultOf(f, index.get(ruleIdOf(f))!)),
        ...(problems.length > SARIF_MAX_RESULTS
          ? { properties: { omittedResults: problems.length - SARIF_MAX_RESULTS } }
          : {})
      }
    ]
  }
}

function ruleOf(id: string, f: Finding): Record<string, unknown> {
  const title = f.title ?? `${f.policy} ${f.rule}`
  const help = f.help ?? title
  return {
    id,
    name: id
      .split(/[^A-Za-z0-9]+/)
      .map(part => part.charAt(0).toUpperCase() + part.slice(1))
      .join(''),
    shortDescription: { text: title },
    fullDescription: { text: help },
    help: { text: help },
    defaultConfiguration: { level: SARIF_LEVEL[f.severity === 'info' ? 'notice' : f.severity] },
    properties: {
      tags: [f.source, ...(f.category ? [f.category] : [])],
      ...(f.policySeverity ? { 'problem.severity': f.policySeverity } : {})
    }
  }
}

function resultOf(f: Finding, ruleIndex: number): Record<string, unknown> {
  const level = levelOf(f)
  const position =
    f.position ??
    (f.manifest
      ? { file: f.manifest.file, line: f.manifest.line ?? 1, column: f.manifest.column ?? 1 }
      : undefined)
  const result: Record<string, unknown> = {
    ruleId: ruleIdOf(f),
    ruleIndex,
    level: level === 'none' ? 'none' : SARIF_LEVEL[level],
    message: { text: messageOf(f) },
    partialFingerprints: { 'idpFinding/v1': fingerprintOf(f) }
  }
  if (position) {
    result.locations = [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(position.file) },
          region: {
            startLine: Math.max(1, position.line),
            startColumn: Math.max(1, position.column)
          }
        }
      }
    ]
  }
  const properties: Record<string, string> = {}
  if (f.environment) properties.environment = f.environment
  if (f.manifest)
    properties.manifest = `${f.manifest.file}${f.manifest.pointer ? `#${f.manifest.pointer}` : ''}`
  if (f.resource) properties.resource = `${f.resource.kind}/${f.resource.name}`
  if (Object.keys(properties).length > 0) result.properties = properties
  return result
}

function messageOf(f: Finding): string {
  const mapped = f.manifest && f.position && f.manifest.file !== f.position.file
  return mapped
    ? `${f.message} (rendered: ${f.manifest!.file}${f.manifest!.pointer ? ` ${f.manifest!.pointer}` : ''})`
    : f.message
}

/** Stable across reformatting: rule, environment, resource and field, never the line. */
export function fingerprintOf(f: Finding): string {
  const r = f.resource
  const key = [
    ruleIdOf(f),
    f.environment ?? '',
    r ? `${r.apiVersion}/${r.kind}/${r.namespace ?? ''}/${r.name}` : (f.manifest?.file ?? ''),
    f.manifest?.pointer ?? ''
  ].join('|')
  return createHash('sha256').update(key).digest('hex').slice(0, 32)
}

/** Repository-relative paths stay relative (as code scanning wants); others become file URIs. */
function uriOf(file: string): string {
  return isAbsolute(file)
    ? pathToFileURL(file).href
    : file.split('/').map(encodeURIComponent).join('/')
}

export const sarifReporter: Reporter = {
  name: 'sarif',
  write: (results, context, sink) => {
    if (context.sarifFile)
      sink.writeFile(context.sarifFile, JSON.stringify(sarifLog(results), null, 2) + '\n')
  }
}
