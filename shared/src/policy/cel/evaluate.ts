// Applying a CEL policy to one resource. ValidatingPolicy (pkg/cel/policies/vpol/engine): for the policy
// and each autogen variant whose matchConstraints select the resource, CEL PolicyExceptions first (a
// matching exception without `images`/`allowedValues` turns the result into skip — or pass with
// `reportResult: pass`), then the validator; an evaluation error is `error`. ValidatingAdmissionPolicy
// (pkg/admissionpolicy, k8s.io/apiserver): evaluated with the first binding whose matchResources select
// the resource (or without one when the policy has none, as the Kyverno CLI does) and its params; an
// evaluation error is an `error`; missing params deny unless parameterNotFoundAction is Allow.
import type { MatchRequest } from './match.js'
import { constraintsMatch, labelSelectorMatches } from './match.js'
import type {
  AdmissionPolicyBinding,
  CelPolicy,
  CelPolicyException,
  CelPolicyVariant
} from './policies.js'
import type { CelRequest } from './request.js'
import { kyvernoBindings } from './libraries/kyverno.js'
import { celActivation } from './request.js'
import { toCel } from './values.js'
import { clusterScopedKinds } from './resources.js'
import type { CelOutcome, CelStatus, RunOptions } from './validator.js'
import { evaluateMatchConditions, runValidator } from './validator.js'

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export interface CelResponse {
  /** '' for the policy itself, `autogen` / `autogen-cronjobs`, or the binding's name for a VAP. */
  readonly rule: string
  readonly status: CelStatus
  readonly message: string
  readonly fieldPath?: string
  /** Deny / Warn / Audit. */
  readonly actions: readonly string[]
}

export interface CelInputs {
  readonly exceptions?: readonly CelPolicyException[]
  readonly bindings?: readonly AdmissionPolicyBinding[]
  /** Objects a paramRef may name (the test's `paramResources`, `clusterResources`). */
  readonly paramResources?: readonly Obj[]
}

export type CelPolicyRequest = CelRequest & MatchRequest

function namespaceOf(object: Obj): string {
  const meta = isMap(object.metadata) ? object.metadata : {}
  return typeof meta.namespace === 'string' ? meta.namespace : ''
}

const NO_EXCEPTIONS = Object.freeze({
  allowedImages: Object.freeze([]) as unknown as string[],
  allowedValues: Object.freeze([]) as unknown as string[]
})

function exceptionOutcome(
  policy: CelPolicy,
  exceptions: readonly CelPolicyException[],
  activation: Obj
): {
  response?: Omit<CelResponse, 'rule' | 'actions'>
  allowedImages: string[]
  allowedValues: string[]
} {
  // The common case, no exceptions at all: nothing to evaluate or allocate per resource.
  if (exceptions.length === 0) return NO_EXCEPTIONS
  const matched: CelPolicyException[] = []
  for (const ex of exceptions) {
    if (
      !ex.policyRefs.some(
        r => r.name === policy.name && (r.kind === undefined || r.kind === policy.kind)
      )
    )
      continue
    const result = evaluateMatchConditions(ex.validator, { ...activation, variables: {} })
    if (result === true) matched.push(ex)
    else if (result !== false)
      return {
        response: { status: 'error', message: `exception ${ex.name}: ${result.error}` },
        allowedImages: [],
        allowedValues: []
      }
  }
  const allowedImages = matched.flatMap(e => e.images)
  const allowedValues = matched.flatMap(e => e.allowedValues)
  if (matched.length > 0 && allowedImages.length === 0 && allowedValues.length === 0) {
    const names = matched.map(e => (e.namespace ? `${e.namespace}/${e.name}` : e.name)).join(', ')
    const pass = matched.some(e => e.reportResult === 'pass')
    return {
      response: {
        status: pass ? 'pass' : 'skip',
        message: `rule is ${pass ? 'passed' : 'skipped'} due to policy exception: ${names}`
      },
      allowedImages,
      allowedValues
    }
  }
  return { allowedImages, allowedValues }
}

const VARIANT_RUN: RunOptions = {
  errorStatus: 'error',
  defaultMessage: (_v, index) => `CEL expression validation failed at index ${index}`
}

function evaluateVariant(
  policy: CelPolicy,
  variant: CelPolicyVariant,
  object: Obj,
  request: CelPolicyRequest,
  inputs: CelInputs,
  base: () => Obj
): CelResponse | undefined {
  if (!constraintsMatch(variant.matchConstraints, object, request)) return undefined
  // The resource's activation, shared by every policy on it, holds `exceptions` for this run only (a
  // copy per policy and resource was most of what evaluation allocated).
  const activation = base()
  const ex = exceptionOutcome(policy, inputs.exceptions ?? [], activation)
  if (ex.response) return { rule: variant.rule, actions: policy.validationActions, ...ex.response }
  const previous = activation.exceptions
  activation.exceptions =
    ex === NO_EXCEPTIONS
      ? NO_EXCEPTIONS
      : { allowedImages: ex.allowedImages, allowedValues: ex.allowedValues }
  let outcome: CelOutcome
  try {
    outcome = runValidator(variant.validator, activation, VARIANT_RUN)
  } finally {
    activation.exceptions = previous
  }
  return responseOf(variant.rule, outcome, policy.validationActions)
}

/** A response with `fieldPath` only when the outcome has one (the same object as a spread makes). */
function responseOf(rule: string, outcome: CelOutcome, actions: readonly string[]): CelResponse {
  return outcome.fieldPath
    ? {
        rule,
        status: outcome.status,
        message: outcome.message,
        fieldPath: outcome.fieldPath,
        actions
      }
    : { rule, status: outcome.status, message: outcome.message, actions }
}

/** The params a binding's paramRef selects (k8s: by name, or every object matching the selector). */
function paramsFor(
  policy: CelPolicy,
  binding: AdmissionPolicyBinding | undefined,
  object: Obj,
  inputs: CelInputs
): { params: unknown[] } | { notFound: string } {
  if (!policy.paramKind || !binding?.paramRef) return { params: [null] }
  const ref = binding.paramRef
  const { apiVersion, kind } = policy.paramKind
  const namespaced = !clusterScopedKinds.has(kind)
  const namespace = namespaced ? String(ref.namespace ?? '') || namespaceOf(object) : ''
  const candidates = (inputs.paramResources ?? []).filter(p => {
    const meta = isMap(p.metadata) ? p.metadata : {}
    return (
      p.apiVersion === apiVersion &&
      p.kind === kind &&
      (!namespaced || String(meta.namespace ?? '') === namespace)
    )
  })
  const selected =
    typeof ref.name === 'string' && ref.name !== ''
      ? candidates.filter(p => isMap(p.metadata) && p.metadata.name === ref.name)
      : candidates.filter(p => {
          const meta = isMap(p.metadata) ? p.metadata : {}
          const labels = isMap(meta.labels)
            ? Object.fromEntries(Object.entries(meta.labels).map(([k, v]) => [k, String(v)]))
            : {}
          return labelSelectorMatches(ref.selector ?? {}, labels)
        })
  if (selected.length > 0) return { params: selected }
  return {
    notFound:
      ref.parameterNotFoundAction === 'Allow'
        ? ''
        : `no params found for policy binding ${binding.name} (${kind} ${String(ref.name ?? 'by selector')})`
  }
}

function evaluateAdmissionPolicy(
  policy: CelPolicy,
  object: Obj,
  request: CelPolicyRequest,
  inputs: CelInputs,
  base: () => Obj
): CelResponse[] {
  const variant = policy.variants[0]
  if (!constraintsMatch(variant.matchConstraints, object, request)) return []
  const bindings = (inputs.bindings ?? []).filter(b => b.policyName === policy.name)
  // The first binding whose matchResources select the resource decides (pkg/admissionpolicy/validate.go).
  const binding = bindings.find(
    b => b.matchResources === undefined || constraintsMatch(b.matchResources, object, request)
  )
  if (bindings.length > 0 && !binding) return []
  const out: CelResponse[] = []
  {
    const actions = binding?.validationActions.length
      ? binding.validationActions
      : policy.validationActions
    const rule = binding?.name ?? ''
    const params = paramsFor(policy, binding, object, inputs)
    if ('notFound' in params) {
      out.push(
        params.notFound === ''
          ? {
              rule,
              status: 'pass',
              message: 'no params found; parameterNotFoundAction is Allow',
              actions
            }
          : { rule, status: 'fail', message: params.notFound, actions }
      )
      return out
    }
    let response: CelResponse | undefined
    for (const param of params.params) {
      const activation = param === null ? base() : { ...base(), params: toCel(param) }
      const outcome = runValidator(variant.validator, activation, {
        errorStatus: 'error'
      })
      response = responseOf(rule, outcome, actions)
      if (outcome.status !== 'pass') break
    }
    if (response) out.push(response)
  }
  return out
}

/**
 * A JSON-mode ValidatingPolicy on one payload (vpol/compiler/policy.go `evaluateJson`): `object` is the
 * payload, there are no match constraints, request or namespace; exceptions and match conditions apply.
 */
function evaluateJsonPayload(policy: CelPolicy, payload: Obj, inputs: CelInputs): CelResponse[] {
  const activation: Obj = {
    ...kyvernoBindings(noFixtures),
    object: toCel(payload),
    oldObject: null,
    request: null,
    namespaceObject: null,
    params: null
  }
  const variant = policy.variants[0]
  return [
    evaluateVariant(
      policy,
      { ...variant, matchConstraints: { resourceRules: [] } },
      payload,
      { operation: 'CREATE' },
      inputs,
      () => activation
    )!
  ]
}

const noFixtures = {}

/** The activation of an object and request, built on first use (a returned closure: no name to keep). */
function lazyActivation(object: Obj, request: CelPolicyRequest, built: Obj | undefined): () => Obj {
  return () => (built ??= celActivation(object, request))
}

/** Every response of one CEL policy on one resource; no response when it does not select the resource. */
export function evaluateCelPolicy(
  policy: CelPolicy,
  object: Obj,
  request: CelPolicyRequest,
  inputs: CelInputs = {},
  /** The activation of this object and request, when the caller evaluates many policies on it. */
  activation?: Obj
): CelResponse[] {
  if (policy.mode === 'JSON') return evaluateJsonPayload(policy, object, inputs)
  if (policy.namespace !== undefined && namespaceOf(object) !== policy.namespace) return []
  const base = lazyActivation(object, request, activation)
  if (policy.kind === 'ValidatingAdmissionPolicy')
    return evaluateAdmissionPolicy(policy, object, request, inputs, base)
  const responses: CelResponse[] = []
  for (const variant of policy.variants) {
    const response = evaluateVariant(policy, variant, object, request, inputs, base)
    if (response) responses.push(response)
  }
  return responses
}
