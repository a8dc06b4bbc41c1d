// ClusterPolicy / Policy `validate.cel` (pkg/engine/handlers/validation/validate_cel.go): the rule's
// `validate.cel` expressions, variables, auditAnnotations and paramKind/paramRef, with the rule's
// `celPreconditions` as match conditions, run through Kubernetes' admission-policy validator. A
// precondition not met skips the rule; a false expression fails it with its message (or the rule's
// `validate.message`); an evaluation error denies, i.e. fails, as failurePolicy Fail does. Params come
// from the test's `paramResources` / cluster resources; a missing one is an error.
import type { CelPolicyRequest } from './evaluate.js'
import { fieldPathToPointer } from './field-path.js'
import { celActivation } from './request.js'
import { clusterScopedKinds } from './resources.js'
import type { CompiledValidator } from './validator.js'
import { compileValidator, runValidator } from './validator.js'

type Obj = Record<string, unknown>

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

const compiled = new WeakMap<Obj, CompiledValidator>()

function validatorFor(rule: Obj): CompiledValidator {
  const hit = compiled.get(rule)
  if (hit) return hit
  const validate = isMap(rule.validate) ? rule.validate : {}
  const cel = isMap(validate.cel) ? validate.cel : {}
  const ruleMessage = typeof validate.message === 'string' ? validate.message : undefined
  const validations = (Array.isArray(cel.expressions) ? cel.expressions.filter(isMap) : []).map(
    e =>
      (typeof e.message !== 'string' || e.message === '') && ruleMessage
        ? { ...e, message: ruleMessage }
        : e
  )
  const validator = compileValidator({
    matchConditions: rule.celPreconditions,
    variables: cel.variables,
    validations,
    auditAnnotations: cel.auditAnnotations
  })
  compiled.set(rule, validator)
  return validator
}

interface CachedActivation {
  readonly request: CelPolicyRequest
  readonly activation: Record<string, unknown>
}

// Every validate.cel rule of every policy on one resource sees the same activation: built once.
const activations = new WeakMap<Obj, CachedActivation>()

function sameRequest(a: CelPolicyRequest, b: CelPolicyRequest): boolean {
  return (
    a.operation === b.operation &&
    a.fixtures === b.fixtures &&
    a.oldObject === b.oldObject &&
    a.userInfo === b.userInfo &&
    a.subResource === b.subResource
  )
}

function sharedActivation(object: Obj, request: CelPolicyRequest): Record<string, unknown> {
  const cached = activations.get(object)
  if (cached && sameRequest(cached.request, request)) return cached.activation
  const activation = celActivation(object, request, null, 'name-only')
  activations.set(object, { request, activation })
  return activation
}

/** The CEL expressions of a rule (`validate.cel`, `celPreconditions`) that do not compile. */
export function celRuleCompileErrors(rule: Obj): readonly string[] {
  return validatorFor(rule).compileErrors
}

export interface CelRuleOutcome {
  readonly status: 'pass' | 'fail' | 'skip' | 'error'
  readonly message: string
  readonly fieldPath?: string
  /** The fieldPath as a JSON pointer (where validate-policy puts the finding). */
  readonly path?: string
}

function paramsOf(cel: Obj, object: Obj, paramResources: readonly Obj[]): unknown[] | string {
  if (!isMap(cel.paramKind)) return [null]
  const kind = String(cel.paramKind.kind ?? '')
  const apiVersion = String(cel.paramKind.apiVersion ?? '')
  const ref = isMap(cel.paramRef) ? cel.paramRef : {}
  const meta = isMap(object.metadata) ? object.metadata : {}
  const namespaced = !clusterScopedKinds.has(kind)
  const namespace = namespaced ? String(ref.namespace ?? '') || String(meta.namespace ?? '') : ''
  const found = paramResources.filter(p => {
    const m = isMap(p.metadata) ? p.metadata : {}
    return (
      p.apiVersion === apiVersion &&
      p.kind === kind &&
      (!namespaced || String(m.namespace ?? '') === namespace) &&
      (typeof ref.name !== 'string' || ref.name === '' || m.name === ref.name)
    )
  })
  if (found.length > 0) return found
  if (ref.parameterNotFoundAction === 'Allow') return [null]
  return `error in parameterized resource: ${kind} ${String(ref.name ?? '')} not found in namespace '${namespace}'`
}

/** Evaluates one rule's `validate.cel` on a resource (match/exclude and JMESPath preconditions already held). */
export function validateCelRule(
  rule: Obj,
  object: Obj,
  request: CelPolicyRequest,
  paramResources: readonly Obj[] = []
): CelRuleOutcome {
  const validate = isMap(rule.validate) ? rule.validate : {}
  if (!isMap(validate.cel))
    return { status: 'error', message: 'celPreconditions can only be used with validate.cel' }
  const params = paramsOf(validate.cel, object, paramResources)
  if (typeof params === 'string') return { status: 'error', message: params }
  const validator = validatorFor(rule)
  let outcome: CelRuleOutcome = { status: 'pass', message: '' }
  for (const param of params) {
    const activation =
      param === null
        ? sharedActivation(object, request)
        : celActivation(object, request, param, 'name-only')
    const result = runValidator(validator, activation, { errorStatus: 'fail' })
    outcome = {
      status: result.status,
      message:
        result.status === 'skip'
          ? 'cel preconditions not met'
          : result.status === 'pass'
            ? `Validation rule '${String(rule.name)}' passed.`
            : result.message,
      ...(result.fieldPath
        ? { fieldPath: result.fieldPath, path: fieldPathToPointer(result.fieldPath) }
        : {})
    }
    if (result.status !== 'pass') break
  }
  return outcome
}
