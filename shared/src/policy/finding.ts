import type { Position } from '../runtime/errors.js'

export type Severity = 'error' | 'warning' | 'info'

/** Severity words of the PolicyReport format (wgpolicyk8s.io/v1alpha2). */
export type PolicySeverity = 'critical' | 'high' | 'medium' | 'low' | 'info'

export function asPolicySeverity(value: string | undefined): PolicySeverity | undefined {
  const word = value?.trim().toLowerCase()
  return word === 'critical' ||
    word === 'high' ||
    word === 'medium' ||
    word === 'low' ||
    word === 'info'
    ? word
    : undefined
}

/** The result of one rule on one resource, as in a PolicyReport: passes are findings too. */
export type FindingResult = 'pass' | 'fail' | 'warn' | 'error' | 'skip'

/** The resource a finding is about. */
export interface ResourceRef {
  readonly apiVersion: string
  readonly kind: string
  readonly name: string
  readonly namespace?: string
}

/**
 * One evaluation result as plain data. Every engine (CRD schemas, ESO webhook rules, built-in
 * guardrails, Kyverno, CEL) yields these; every reporter reads only these.
 */
export interface Finding {
  /** The engine that produced it: `schema`, `external-secrets`, `guardrail`, `kyverno`, ... */
  readonly source: string
  /** Policy name (Kyverno policy, guardrail id, `crd-schema`). */
  readonly policy: string
  readonly rule: string
  readonly result: FindingResult
  /** Severity the platform assigned; decides annotation level and `fail-on`. */
  readonly severity: Severity
  readonly message: string
  readonly category?: string
  readonly title?: string
  /** The policy's own severity (Kyverno's `policies.kyverno.io/severity`), as a PolicyReport states it. */
  readonly policySeverity?: PolicySeverity
  readonly resource?: ResourceRef
  /** The rendered manifest the finding is about and where inside it. */
  readonly manifest?: {
    readonly file: string
    readonly line?: number
    readonly column?: number
    readonly pointer?: string
  }
  /** Where the developer should look: the `idp.yaml` line from the source map, else the manifest's line. */
  readonly position?: Position
  /** The environment the manifest was rendered for, when known. */
  readonly environment?: string
  /** Help text for the rule (SARIF rule help, README section link). */
  readonly help?: string
}

/**
 * The finding as a plain object of every Finding field (in the order engines write them): what a
 * spread or a serialisation of a finding needs, since some engines' findings read their fields
 * through getters (shared parts). A plain finding is returned as it is.
 */
export function plainFinding(f: Finding): Finding {
  if (Object.getPrototypeOf(f) === Object.prototype) return f
  return {
    source: f.source,
    policy: f.policy,
    rule: f.rule,
    result: f.result,
    severity: f.severity,
    message: f.message,
    category: f.category,
    title: f.title,
    help: f.help,
    policySeverity: f.policySeverity,
    resource: f.resource,
    manifest: f.manifest,
    position: f.position,
    environment: f.environment
  }
}
