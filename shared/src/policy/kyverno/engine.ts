// Applying a ClusterPolicy / Policy to one resource (pkg/engine/engine.go, validation.go): for each
// rule (autogen rules included) match/exclude, then context, preconditions and the validate handler.
// A rule that does not match gives no response, as in Kyverno.
import type { CelFixtures } from '../cel/libraries/kyverno.js'
import type { MatchRequest } from '../cel/match.js'
import { validateCelRule } from '../cel/cluster-policy.js'
import { EvalContext } from './eval-context.js'
import type { PolicyException } from './exceptions.js'
import { isExcepted } from './exceptions.js'
import { OFFLINE_DATA } from './offline-context.js'
import { extractImages } from './images.js'
import { isMap } from './json.js'
import type { RequestInfo } from './match.js'
import { blockDecidedByKind, blockMatches, kindKeyOf, matchAdmitsKind } from './match.js'
import type { FailureAction, KyvernoPolicy } from './policy.js'
import { ruleFailureAction } from './policy.js'
import type { RuleValues } from './context-entries.js'
import type { Outcome, RuleStatus, ValidatorInput } from './validator.js'
import { validate } from './validator.js'

type Obj = Record<string, unknown>

export interface RuleResponse {
  /** The rule as evaluated (`autogen-<name>` for generated rules). */
  readonly rule: string
  /** The rule the author wrote. */
  readonly baseName: string
  readonly status: RuleStatus | 'unsupported'
  readonly message: string
  /** JSON path of a pattern failure inside the resource, when known. */
  readonly path?: string
  readonly failureAction: FailureAction
}

export interface ResourceRequest extends RequestInfo {
  /** Dotted-key values for the whole resource (values file `globalValues` + resource values). */
  readonly values?: Readonly<Record<string, unknown>>
  /** PolicyExceptions in force. */
  readonly exceptions?: readonly PolicyException[]
  /** Values-file values of one rule of this policy. */
  readonly ruleValues?: (policy: string, rule: string) => RuleValues | undefined
  /** What `validate.cel` rules may look up offline (cluster resources, image data, ...). */
  readonly celFixtures?: CelFixtures
  /** Objects a `validate.cel` paramRef may name. */
  readonly paramResources?: readonly Obj[]
  /** The object before an UPDATE (the same object when not given, as the CLI simulates it). */
  readonly oldObject?: Obj
  /** For a subresource request (values file `subresources`): its name and parent, for CEL matching. */
  readonly subResource?: string
  readonly parent?: MatchRequest['parent']
}

function namespaceOf(resource: Obj): string {
  const meta = isMap(resource.metadata) ? resource.metadata : {}
  return typeof meta.namespace === 'string' ? meta.namespace : ''
}

/** The JSON context Kyverno builds for an admission request in the CLI. */
export function requestContext(resource: Obj, request: ResourceRequest): EvalContext {
  const operation = request.operation
  const req: Obj = {
    operation,
    namespace: namespaceOf(resource),
    object: operation === 'DELETE' ? null : resource
  }
  if (operation === 'UPDATE') req.oldObject = request.oldObject ?? resource
  if (operation === 'DELETE') req.oldObject = resource
  const user = request.userInfo
  if (user) {
    req.userInfo = { username: user.username ?? '', groups: user.groups ?? [] }
    req.roles = user.roles ?? []
    req.clusterRoles = user.clusterRoles ?? []
  }
  const ctx = new EvalContext({ request: req, images: extractImages(resource) })
  // The test's cluster resources and mocks, for configMap / apiCall / globalReference entries.
  if (request.celFixtures) (ctx.data as Record<symbol, unknown>)[OFFLINE_DATA] = request.celFixtures
  if (user?.username?.startsWith('system:serviceaccount:')) {
    const [, , ns, name] = user.username.split(':')
    ctx.data.serviceAccountName = name
    ctx.data.serviceAccountNamespace = ns
  }
  for (const [key, value] of Object.entries(request.values ?? {})) ctx.setPath(key, value)
  return ctx
}

/**
 * `requestContext` for the rules of several policies on one resource: rules only read it (a rule with
 * context entries or values works on its own child), so its scalar answers are kept.
 */
export function sharedRequestContext(resource: Obj, request: ResourceRequest): EvalContext {
  const ctx = requestContext(resource, request)
  ctx.memoizeQueries()
  return ctx
}

function unsupportedPart(rule: Obj): string | undefined {
  if (!isMap(rule.validate)) {
    if (rule.mutate) return 'mutate rule'
    if (rule.generate) return 'generate rule'
    if (rule.verifyImages) return 'verifyImages rule'
    return undefined
  }
  if (rule.validate.manifests) return 'manifests validate rule'
  if (rule.validate.assert) return 'assert validate rule'
  return undefined
}

// What the validator reads of a rule, by rule: the same for every resource the rule matches.
const validatorInputs = new WeakMap<Obj, ValidatorInput>()

function validatorInputOf(rule: Obj, v: Obj, name: string): ValidatorInput {
  let input = validatorInputs.get(rule)
  if (!input || input.ruleName !== name) {
    input = {
      ruleName: name,
      message: typeof v.message === 'string' ? v.message : undefined,
      deny: v.deny,
      pattern: v.pattern,
      anyPattern: v.anyPattern,
      foreach: v.foreach,
      podSecurity: v.podSecurity,
      context: rule.context,
      preconditions: rule.preconditions
    }
    validatorInputs.set(rule, input)
  }
  return input
}

function hasEntries(context: unknown): boolean {
  return Array.isArray(context) && context.length > 0
}

// The request as `validate.cel` rules see it, by request: every such rule on a resource shares it.
const celRequests = new WeakMap<ResourceRequest, ResourceRequest & { fixtures?: CelFixtures }>()

function celRequestOf(request: ResourceRequest): ResourceRequest & { fixtures?: CelFixtures } {
  let celRequest = celRequests.get(request)
  if (!celRequest) {
    celRequest = { ...request, fixtures: request.celFixtures }
    celRequests.set(request, celRequest)
  }
  return celRequest
}

/** A validator outcome as a rule response (its `path` when it has one). */
function responseOf(
  rule: string,
  baseName: string,
  outcome: Outcome,
  failureAction: FailureAction
): RuleResponse {
  const { status, message, path } = outcome
  return path === undefined
    ? { rule, baseName, status, message, failureAction }
    : { rule, baseName, status, message, path, failureAction }
}

/** What applyPolicy needs of one rule, worked out once. */
interface RulePlan {
  readonly rule: Obj
  readonly baseName: string
  /** The rule as evaluated (`autogen-<name>` for generated rules). */
  readonly name: string
  /** The rule's failure action when no override can depend on the namespace. */
  readonly failureAction: FailureAction | undefined
  readonly unsupported: string | undefined
}

/** A rule that may select resources of one kind and operation, with the checks still to run. */
export interface KindPlan {
  readonly plan: RulePlan
  /** `match` depends on more than the kind and operation: check it per resource. */
  readonly checkMatch: boolean
  /** `exclude` depends on more than the kind and operation: check it per resource. */
  readonly checkExclude: boolean
}

interface PolicyPlan {
  readonly rules: readonly RulePlan[]
  /** By operation and kind key: the rules that may select such a resource, in order. */
  readonly byKind: Map<string, Map<string, readonly KindPlan[]>>
}

const policyPlans = new WeakMap<KyvernoPolicy, PolicyPlan>()

function fixedFailureAction(policy: KyvernoPolicy, rule: Obj): FailureAction | undefined {
  const v = isMap(rule.validate) ? rule.validate : {}
  if (policy.overrides.length > 0 || v.failureActionOverrides !== undefined) return undefined
  return ruleFailureAction(policy, rule)
}

function policyPlanOf(policy: KyvernoPolicy): PolicyPlan {
  let plan = policyPlans.get(policy)
  if (!plan) {
    plan = {
      rules: policy.rules.map(({ rule, baseName }) => ({
        rule,
        baseName,
        name: String(rule.name),
        failureAction: fixedFailureAction(policy, rule),
        unsupported: unsupportedPart(rule)
      })),
      byKind: new Map()
    }
    policyPlans.set(policy, plan)
  }
  return plan
}

/**
 * The rules of a policy that may select this resource, by its kind and the operation: rules whose
 * `match` cannot select the kind are left out, and `match` / `exclude` blocks that depend on nothing
 * else are decided here once (the same `blockMatches` answer holds for every such resource).
 */
export function kindPlansOf(
  policy: KyvernoPolicy,
  resource: Obj,
  request: ResourceRequest
): readonly KindPlan[] {
  const plan = policyPlanOf(policy)
  let byKind = plan.byKind.get(request.operation)
  if (!byKind) plan.byKind.set(request.operation, (byKind = new Map()))
  const key = kindKeyOf(resource, request.subresource)
  let plans = byKind.get(key)
  if (!plans) {
    const admitted: KindPlan[] = []
    for (const rulePlan of plan.rules) {
      const { rule } = rulePlan
      if (!matchAdmitsKind(rule.match, resource, request)) continue
      const checkMatch = !blockDecidedByKind(rule.match)
      if (!checkMatch && !blockMatches(rule.match, resource, request, false)) continue
      const checkExclude = rule.exclude !== undefined && !blockDecidedByKind(rule.exclude)
      if (
        rule.exclude !== undefined &&
        !checkExclude &&
        blockMatches(rule.exclude, resource, request, true)
      )
        continue
      admitted.push({ plan: rulePlan, checkMatch, checkExclude })
    }
    // Bounded: kinds and operations are few, but a caller could name many subresources.
    if (byKind.size >= 1000) byKind.clear()
    byKind.set(key, (plans = admitted))
  }
  return plans
}

/** Every rule response of one policy on one resource. */
export function applyPolicy(
  policy: KyvernoPolicy,
  resource: Obj,
  request: ResourceRequest,
  /** The request context, when the caller evaluates several policies on the same resource. */
  shared?: EvalContext
): RuleResponse[] {
  if (policy.unsupported) return []
  if (!policyAppliesIn(policy, resource)) return []
  return applyRules(policy, kindPlansOf(policy, resource, request), resource, request, shared)
}

/** Whether a namespaced `Policy` applies to the resource's namespace (a ClusterPolicy always does). */
export function policyAppliesIn(policy: KyvernoPolicy, resource: Obj): boolean {
  return policy.namespace === undefined || namespaceOf(resource) === policy.namespace
}

/**
 * `applyPolicy` with the policy's rules for the resource's kind already looked up (`kindPlansOf`),
 * for a caller that evaluates many resources of few kinds; the policy is supported and applies in the
 * resource's namespace.
 */
export function applyRules(
  policy: KyvernoPolicy,
  plans: readonly KindPlan[],
  resource: Obj,
  request: ResourceRequest,
  shared?: EvalContext
): RuleResponse[] {
  const responses: RuleResponse[] = []
  let base: EvalContext | undefined = shared
  for (const { plan, checkMatch, checkExclude } of plans) {
    const { rule, baseName, name } = plan
    if (checkMatch && !blockMatches(rule.match, resource, request, false)) continue
    if (checkExclude && blockMatches(rule.exclude, resource, request, true)) continue
    // After matching: most rules do not select a given resource, and this allocates.
    const failureAction =
      plan.failureAction ?? ruleFailureAction(policy, rule, namespaceOf(resource))
    const unsupported = plan.unsupported
    if (unsupported) {
      responses.push({
        rule: name,
        baseName,
        status: 'unsupported',
        message: unsupported,
        failureAction
      })
      continue
    }
    if (!isMap(rule.validate)) continue
    base ??= sharedRequestContext(resource, request)
    if (rule.validate.cel !== undefined || rule.celPreconditions !== undefined) {
      // Exceptions are checked before the CEL handler, as for every rule (validate_cel.go).
      const excepted = request.exceptions?.length
        ? isExcepted(request.exceptions, policy, name, resource, request, base.child())
        : false
      const outcome = excepted
        ? { status: 'skip' as const, message: 'rule is skipped due to policy exceptions' }
        : validateCelRule(rule, resource, celRequestOf(request), request.paramResources)
      responses.push({ rule: name, baseName, ...outcome, failureAction })
      if (policy.applyOne && (outcome.status === 'pass' || outcome.status === 'fail')) break
      continue
    }
    const input = validatorInputOf(rule, rule.validate, name)
    const values =
      request.ruleValues?.(policy.name, baseName) ?? request.ruleValues?.(policy.name, name)
    const outcome = validate(input, {
      // Context entries and values are added to the rule's own copy; a rule without them only reads.
      ctx: values !== undefined || hasEntries(input.context) ? base.child() : base,
      target: resource,
      values,
      nesting: 0,
      excepted: request.exceptions?.length
        ? (ctx: EvalContext) =>
            isExcepted(request.exceptions!, policy, name, resource, request, ctx)
        : undefined,
      isDelete: request.operation === 'DELETE',
      isUpdate: request.operation === 'UPDATE'
    })
    if (!outcome) continue
    responses.push(responseOf(name, baseName, outcome, failureAction))
    // `applyRules: One` stops once a rule has applied (passed or failed).
    if (policy.applyOne && (outcome.status === 'pass' || outcome.status === 'fail')) break
  }
  return responses
}
