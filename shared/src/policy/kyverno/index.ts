// The Kyverno engine behind validate-policy: the platform's own ClusterPolicy / Policy files, unchanged,
// evaluated offline on rendered manifests. Findings carry the policy's title, category and failure
// action (Enforce → error, Audit → warning) and land on the failing field's line through the manifest
// (and the render record's source map, when there is one).
import { relative } from 'node:path'
import { readFileInItsRepository } from '../../boundary/files.js'
import { celRuleCompileErrors } from '../cel/cluster-policy.js'
import { CelPolicyEngine, celPolicyKinds, combineEngines, loadCelPolicies } from '../cel/engine.js'
import { UserError } from '../../runtime/errors.js'
import type { EvaluationContext, Manifest, PolicyEngine } from '../engine.js'
import type { Finding, FindingResult, PolicySeverity, Severity } from '../finding.js'
import { asPolicySeverity } from '../finding.js'
import { expandEntries } from '../manifests.js'
import type { PolicyFacts as FindingFacts } from '../source-map.js'
import { policyFindingOn } from '../source-map.js'
import type { Logger } from '../../runtime/logger.js'
import type { KindPlan, ResourceRequest, RuleResponse } from './engine.js'
import { applyRules, kindPlansOf, policyAppliesIn, sharedRequestContext } from './engine.js'
import { isMap } from './json.js'
import { kindKeyOf } from './match.js'
import type { PolicyException } from './exceptions.js'
import type { KyvernoPolicy } from './policy.js'
import { readPolicyFile } from './policy.js'
import { normaliseResource } from './test-files.js'

export type { KyvernoPolicy } from './policy.js'
export { runTests } from './test-runner.js'
import { reported } from './scored.js'

const TITLE = 'policies.kyverno.io/title'
const CATEGORY = 'policies.kyverno.io/category'
const DESCRIPTION = 'policies.kyverno.io/description'
const SEVERITY = 'policies.kyverno.io/severity'

/** `/spec/containers/0/image/` → `/spec/containers/0/image`. */
export function pointerOf(path: string | undefined): string | undefined {
  if (!path) return undefined
  let end = path.length
  while (end > 0 && path.charCodeAt(end - 1) === SLASH) end--
  if (end === 0) return ''
  const trimmed = path.slice(0, end)
  return path.charCodeAt(0) === SLASH ? trimmed : `/${trimmed}`
}

const SLASH = 47

function severityOf(response: RuleResponse): Severity {
  // A rule that could not be evaluated blocks like a failure would (Enforce) or warns (Audit).
  if (response.status === 'fail' || response.status === 'error')
    return response.failureAction === 'Enforce' ? 'error' : 'warning'
  return 'info'
}

function resultOf(response: RuleResponse): FindingResult {
  return response.status === 'unsupported' ? 'skip' : response.status
}

function messageOf(policy: KyvernoPolicy, response: RuleResponse): string {
  if (response.status === 'unsupported')
    return `Not evaluated: ${response.message} (not supported offline yet).`
  return response.message.trim() || `${policy.name}/${response.rule}: ${response.status}`
}

function scoredResult(policy: KyvernoPolicy, result: FindingResult): FindingResult {
  return reported(policy.annotations, result) as FindingResult
}

/** What every finding of a policy says about the policy, read from its annotations once. */
interface PolicyFacts extends FindingFacts {
  readonly title?: string
  readonly category?: string
  /** The description annotation as help text. */
  readonly help?: string
  /** The policy's own severity (`low` ... `critical`). */
  readonly policySeverity?: PolicySeverity
}

const factsByPolicy = new WeakMap<KyvernoPolicy, PolicyFacts>()

function factsOf(policy: KyvernoPolicy): PolicyFacts {
  let facts = factsByPolicy.get(policy)
  if (!facts) {
    facts = {
      source: 'kyverno',
      policy: policy.name,
      title: policy.annotations[TITLE] || undefined,
      category: policy.annotations[CATEGORY] || undefined,
      help: policy.annotations[DESCRIPTION]?.trim() || undefined,
      policySeverity: asPolicySeverity(policy.annotations[SEVERITY])
    }
    factsByPolicy.set(policy, facts)
  }
  return facts
}

export function findingsFor(
  policy: KyvernoPolicy,
  manifest: Manifest,
  responses: readonly RuleResponse[],
  into: Finding[] = []
): Finding[] {
  const facts = factsOf(policy)
  for (const response of responses) {
    // `policies.kyverno.io/scored: "false"`: a failure is reported as a warn, and only warns.
    const result = scoredResult(policy, resultOf(response))
    into.push(
      policyFindingOn(
        manifest,
        facts,
        response.rule,
        result,
        result === 'warn' ? 'warning' : severityOf(response),
        messageOf(policy, response),
        response.status === 'fail' ? pointerOf(response.path) : undefined
      )
    )
  }
  return into
}

/** Rendered manifests often leave the namespace to the environment; Kyverno sees it set. */
function objectFor(manifest: Manifest, context: EvaluationContext): Record<string, unknown> {
  const object = manifest.object as Record<string, unknown>
  const metadata = isMap(object.metadata) ? object.metadata : {}
  if (context.namespace && metadata.namespace === undefined) {
    // normaliseResource copies the object and its metadata: the namespace is set on those copies.
    const normalised = normaliseResource(object)
    ;(normalised.metadata as Record<string, unknown>).namespace = context.namespace
    return normalised
  }
  return normaliseResource(object)
}

// `policy/rule` for the warning about a rule not evaluated, one string per rule (met per resource).
const unsupportedKeys = new WeakMap<KyvernoPolicy, Map<string, string>>()

function unsupportedKey(policy: KyvernoPolicy, rule: string): string {
  let byRule = unsupportedKeys.get(policy)
  if (!byRule) unsupportedKeys.set(policy, (byRule = new Map()))
  let key = byRule.get(rule)
  if (key === undefined) byRule.set(rule, (key = `${policy.name}/${rule}`))
  return key
}

interface PolicyRules {
  readonly policy: KyvernoPolicy
  readonly plans: readonly KindPlan[]
}

export class KyvernoEngine implements PolicyEngine {
  readonly name = 'kyverno'

  constructor(
    readonly policies: readonly KyvernoPolicy[],
    readonly exceptions: readonly PolicyException[] = []
  ) {}

  /** By kind: the policies with a rule that may select resources of the kind, with those rules. */
  private readonly byKind = new Map<string, readonly PolicyRules[]>()

  /**
   * The policies that can match this resource's kind, in order: most rules name a few kinds, so a
   * resource is only offered to policies with a rule for it (the others give no response, whatever its
   * content), and only those rules (engine.ts `kindPlansOf`).
   */
  private policiesFor(
    object: Record<string, unknown>,
    request: ResourceRequest
  ): readonly PolicyRules[] {
    const kind = kindKeyOf(object)
    let policies = this.byKind.get(kind)
    if (!policies) {
      policies = this.policies
        .filter(policy => !policy.unsupported)
        .map(policy => ({ policy, plans: kindPlansOf(policy, object, request) }))
        .filter(({ plans }) => plans.length > 0)
      this.byKind.set(kind, policies)
    }
    return policies
  }

  async evaluate(manifests: readonly Manifest[], context: EvaluationContext): Promise<Finding[]> {
    const findings: Finding[] = []
    const unsupported = new Map<string, string>()
    // One request for every manifest: it says nothing of the resource.
    const request = { operation: 'CREATE', exceptions: this.exceptions }
    for (const manifest of manifests) {
      if (!isMap(manifest.object) || typeof manifest.object.kind !== 'string') continue
      const object = objectFor(manifest, context)
      const shared = sharedRequestContext(object, request)
      for (const { policy, plans } of this.policiesFor(object, request)) {
        if (!policyAppliesIn(policy, object)) continue
        const responses = applyRules(policy, plans, object, request, shared)
        let evaluated = responses
        for (const r of responses)
          if (r.status === 'unsupported') {
            unsupported.set(unsupportedKey(policy, r.baseName), r.message)
            evaluated = responses.filter(r => r.status !== 'unsupported')
          }
        findingsFor(policy, manifest, evaluated, findings)
      }
    }
    // Mutate/generate rules are not validation; CEL and podSecurity rules are, and are not evaluated yet.
    for (const [rule, what] of unsupported)
      if (!/mutate|generate|verifyImages/.test(what))
        context.logger.warning(
          `kyverno: ${rule} is a ${what}, which is not evaluated offline yet; it was skipped.`
        )
    return findings
  }
}

/** A `validate.cel` rule that does not compile is refused at its policy's line, as Kyverno refuses it. */
function refuseUncompilableRules(policies: readonly KyvernoPolicy[]): void {
  const problems = policies.flatMap(policy =>
    policy.rules
      .filter(
        ({ rule, baseName }) =>
          rule.name === baseName &&
          isMap(rule.validate) &&
          (rule.validate.cel !== undefined || rule.celPreconditions !== undefined)
      )
      .flatMap(({ rule }) =>
        celRuleCompileErrors(rule).map(error => ({
          message: `${policy.kind} '${policy.name}' rule '${String(rule.name)}': a CEL expression does not compile: ${error}`,
          position: { file: policy.file, line: policy.line, column: 1 },
          hint: 'Fix the expression; the Kubernetes CEL syntax and libraries are described in docs/kyverno.md.'
        }))
      )
  )
  if (problems.length > 0) throw new UserError(problems)
}

/**
 * Loads Kyverno policies from files, folders (recursively) and globs: ClusterPolicy / Policy here, the
 * CEL kinds (ValidatingPolicy, ValidatingAdmissionPolicy + bindings, CEL PolicyExceptions) by the CEL
 * engine. Kinds neither evaluates yet (MutatingPolicy, ...) are reported once as a warning and left out.
 */
export async function loadKyvernoEngine(
  files: readonly string[],
  logger: Logger
): Promise<PolicyEngine> {
  // The files are confined by the caller (validate: the repository's, or the platform's own).
  const paths = expandEntries(files, process.cwd(), 'policies', null)
  const policies: KyvernoPolicy[] = []
  const shownPaths = paths.map(path => {
    const shown = relative(process.cwd(), path)
    return { path, display: shown && !shown.startsWith('..') ? shown : path }
  })
  for (const { path, display } of shownPaths) policies.push(...readPolicyFile(path, display))
  const cel = loadCelPolicies(shownPaths, (path, display) =>
    readFileInItsRepository(path, { what: 'The policy file', display })
  )
  const celHandled = (p: KyvernoPolicy) =>
    celPolicyKinds.has(p.unsupported ?? '') || p.unsupported === 'PolicyException'
  for (const p of policies.filter(p => p.unsupported && !celHandled(p)))
    logger.warning(
      `${p.file}:${p.line}: Kyverno ${p.unsupported} '${p.name}' is not evaluated offline yet; it was skipped.`
    )
  const exceptions = policies.flatMap(p => (p.exception ? [p.exception] : []))
  const evaluated = policies.filter(p => !p.unsupported && !p.exception)
  refuseUncompilableRules(evaluated)
  logger.debug(
    `kyverno: ${evaluated.length} policies (${evaluated.reduce((n, p) => n + p.rules.length, 0)} rules with autogen), ${exceptions.length} exceptions, from ${paths.length} files`
  )
  const kyverno = new KyvernoEngine(evaluated, exceptions)
  if (cel.policies.length === 0) return kyverno
  logger.debug(
    `kyverno: ${cel.policies.length} CEL policies (ValidatingPolicy, ValidatingAdmissionPolicy)`
  )
  return combineEngines('kyverno', [
    kyverno,
    new CelPolicyEngine(cel.policies, cel.inputs, cel.fixtures)
  ])
}
