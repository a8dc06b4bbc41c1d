// The CEL policy kinds in validate-policy: the platform's ValidatingPolicy / NamespacedValidatingPolicy
// and ValidatingAdmissionPolicy (+ bindings) files, unchanged, applied to the rendered manifests. Each
// response is a finding (passes and skips are `info`); a failure or error is an error when the policy
// (or its binding) denies (`Deny`), a warning for `Warn` / `Audit`. It lands on the failing validation's
// `fieldPath` when there is one — through the render record's source map on the idp.yaml line —
// otherwise on the resource. Objects in the policy files that are not policies (a ConfigMap of limits)
// are the params and `resource.Get` data, since offline there is no cluster to ask.
import type { EvaluationContext, Manifest, PolicyEngine } from '../engine.js'
import type { Finding, PolicySeverity, Severity } from '../finding.js'
import { asPolicySeverity } from '../finding.js'
import type { PolicyFacts as FindingFacts } from '../source-map.js'
import { policyFindingOn } from '../source-map.js'
import type { Problem } from '../../runtime/errors.js'
import { UserError } from '../../runtime/errors.js'
import { LineCounter } from 'yaml'
import { parseYamlStream } from '../../boundary/yaml-limits.js'
import { normaliseResource } from '../kyverno/test-files.js'
import { reported } from '../kyverno/scored.js'
import type { CelInputs, CelResponse } from './evaluate.js'
import { evaluateCelPolicy } from './evaluate.js'
import { fieldPathToPointer } from './field-path.js'
import type { MatchRequest } from './match.js'
import { constraintsAdmitKind, kindIdentityOf } from './match.js'
import { celActivation } from './request.js'
import type { CelFixtures } from './libraries/kyverno.js'
import type { CelPolicy } from './policies.js'
import { celDocumentFromObject } from './policies.js'

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const TITLE = 'policies.kyverno.io/title'
const CATEGORY = 'policies.kyverno.io/category'
const DESCRIPTION = 'policies.kyverno.io/description'
const SEVERITY = 'policies.kyverno.io/severity'

function severityOf(response: CelResponse): Severity {
  if (response.status !== 'fail' && response.status !== 'error') return 'info'
  return response.actions.includes('Deny') ? 'error' : 'warning'
}

function messageOf(policy: CelPolicy, facts: PolicyFacts, response: CelResponse): string {
  const own = response.message.trim()
  if (own) return own
  // `name: pass` and the like, one string per rule and status: most findings say one of these.
  let byStatus = facts.messages.get(response.rule)
  if (!byStatus) facts.messages.set(response.rule, (byStatus = new Map()))
  let message = byStatus.get(response.status)
  if (message === undefined) {
    message = `${policy.name}${response.rule ? `/${response.rule}` : ''}: ${response.status}`
    byStatus.set(response.status, message)
  }
  return message
}

/** What every finding of a policy says about the policy, read from its annotations once. */
interface PolicyFacts extends FindingFacts {
  readonly title?: string
  readonly category?: string
  readonly help?: string
  readonly policySeverity?: PolicySeverity
  /** The default messages (`name: pass`) said so far, by rule and status. */
  readonly messages: Map<string, Map<string, string>>
}

const factsByPolicy = new WeakMap<CelPolicy, PolicyFacts>()

function factsOf(policy: CelPolicy): PolicyFacts {
  let facts = factsByPolicy.get(policy)
  if (!facts) {
    const description = policy.annotations[DESCRIPTION]?.trim()
    facts = {
      source: 'kyverno',
      policy: policy.name,
      title: policy.annotations[TITLE] || undefined,
      category: policy.annotations[CATEGORY] || undefined,
      help: description || undefined,
      policySeverity: asPolicySeverity(policy.annotations[SEVERITY]),
      messages: new Map()
    }
    factsByPolicy.set(policy, facts)
  }
  return facts
}

export function celFindings(
  policy: CelPolicy,
  manifest: Manifest,
  responses: readonly CelResponse[],
  into: Finding[] = []
): Finding[] {
  const facts = factsOf(policy)
  for (const response of responses) {
    const pointer = response.status === 'fail' ? fieldPathToPointer(response.fieldPath) : undefined
    // `policies.kyverno.io/scored: "false"`: a failure is reported as a warn, and only warns.
    const result = reported(policy.annotations, response.status) as CelResponse['status'] | 'warn'
    into.push(
      policyFindingOn(
        manifest,
        facts,
        response.rule || policy.kind,
        result,
        result === 'warn' ? 'warning' : severityOf(response),
        messageOf(policy, facts, response),
        pointer
      )
    )
  }
  return into
}

export class CelPolicyEngine implements PolicyEngine {
  readonly name = 'kyverno-cel'

  constructor(
    readonly policies: readonly CelPolicy[],
    readonly inputs: CelInputs,
    readonly fixtures: CelFixtures
  ) {}

  /** The policies that may select resources of one kind, in order, by kind identity. */
  private readonly byKind = new Map<object, readonly CelPolicy[]>()

  /**
   * The policies that can select this resource's kind: most name a few kinds, so a resource is only
   * offered to those (the others would not select it and give no response, whatever its content).
   */
  private policiesFor(resource: Obj, request: MatchRequest): readonly CelPolicy[] {
    const kind = kindIdentityOf(resource)
    let policies = this.byKind.get(kind)
    if (!policies) {
      policies = this.policies.filter(
        policy =>
          // JSON-mode policies check payloads, not Kubernetes resources.
          !policy.unsupported &&
          policy.mode !== 'JSON' &&
          policy.variants.some(v => constraintsAdmitKind(v.matchConstraints, resource, request))
      )
      this.byKind.set(kind, policies)
    }
    return policies
  }

  async evaluate(manifests: readonly Manifest[], context: EvaluationContext): Promise<Finding[]> {
    const findings: Finding[] = []
    for (const manifest of manifests) {
      if (!isMap(manifest.object) || typeof manifest.object.kind !== 'string') continue
      const object = manifest.object as Obj
      const metadata = isMap(object.metadata) ? object.metadata : {}
      // Rendered manifests often leave the namespace to the environment; the cluster sees it set.
      const resource = normaliseResource(
        context.namespace && metadata.namespace === undefined
          ? { ...object, metadata: { ...metadata, namespace: context.namespace } }
          : object
      )
      const request = { operation: 'CREATE', fixtures: this.fixtures }
      // One activation per manifest, shared by every policy (each adds its own variables).
      const activation = celActivation(resource, request)
      for (const policy of this.policiesFor(resource, request)) {
        const responses = evaluateCelPolicy(policy, resource, request, this.inputs, activation)
        celFindings(policy, manifest, responses, findings)
      }
    }
    return findings
  }
}

export interface LoadedCelPolicies {
  readonly policies: CelPolicy[]
  readonly inputs: CelInputs
  readonly fixtures: CelFixtures
}

/** The documents of a YAML text with their first lines (syntax errors are the Kyverno reader's to report). */
function documentsOf(text: string): { value: unknown; line: number }[] {
  const lineCounter = new LineCounter()
  return parseYamlStream(text, { lineCounter })
    .filter(doc => doc.errors.length === 0)
    .map(doc => ({
      value: doc.toJS({ maxAliasCount: 1000 }) as unknown,
      line: doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : 1
    }))
}

/**
 * The CEL policies, bindings and CEL exceptions in policy files, with their other objects as data.
 * `readText` is the caller's confined reader (the same one the Kyverno reader uses).
 */
export function loadCelPolicies(
  files: readonly { path: string; display: string }[],
  readText: (path: string, display: string) => string
): LoadedCelPolicies {
  const policies: CelPolicy[] = []
  const exceptions: NonNullable<CelInputs['exceptions']>[number][] = []
  const bindings: NonNullable<CelInputs['bindings']>[number][] = []
  const data: Obj[] = []
  for (const { path, display } of files)
    for (const { value, line } of documentsOf(readText(path, display))) {
      if (!isMap(value)) continue
      const doc = celDocumentFromObject(value, display, line)
      if (doc && 'policy' in doc) policies.push(doc.policy)
      else if (doc && 'exception' in doc) exceptions.push(doc.exception)
      else if (doc && 'binding' in doc) bindings.push(doc.binding)
      else if (
        !String(value.apiVersion ?? '').includes('kyverno.io') &&
        typeof value.kind === 'string'
      )
        data.push(normaliseResource(value))
    }
  refuseUncompilable(policies)
  return {
    policies,
    inputs: { exceptions, bindings, paramResources: data },
    fixtures: { resources: data }
  }
}

/**
 * A policy whose expressions do not compile would be refused by Kyverno and the API server alike:
 * validate-policy refuses it too, at its line, instead of reporting an error on every resource.
 */
function refuseUncompilable(policies: readonly CelPolicy[]): void {
  const problems: Problem[] = policies.flatMap(policy =>
    (policy.variants[0]?.validator.compileErrors ?? []).map(error => ({
      message: `${policy.kind} '${policy.name}': a CEL expression does not compile: ${error}`,
      position: { file: policy.file, line: policy.line, column: 1 },
      hint: 'Fix the expression; the Kubernetes CEL syntax and libraries are described in docs/kyverno.md.'
    }))
  )
  if (problems.length > 0) throw new UserError(problems)
}

/** The kinds this engine evaluates (the Kyverno reader need not call them unsupported). */
export const celPolicyKinds = new Set([
  'ValidatingPolicy',
  'NamespacedValidatingPolicy',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding'
])

/** Runs several engines as one (the Kyverno loader returns ClusterPolicies and CEL kinds together). */
export function combineEngines(name: string, engines: readonly PolicyEngine[]): PolicyEngine {
  return {
    name,
    evaluate: async (manifests, context) => {
      // Into the first engine's own array, in engine order (as `.flat()` gives them), without a
      // third array of a million findings beside the two.
      const [first = [], ...rest] = await Promise.all(
        engines.map(e => e.evaluate(manifests, context))
      )
      for (const findings of rest) for (const finding of findings) first.push(finding)
      return first
    }
  }
}
