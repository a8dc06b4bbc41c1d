// The checks that end a validate rule without going deeper (`validator.ts` runs context,
// preconditions and foreach, then hands over here): `podSecurity`, `deny`, and `pattern` /
// `anyPattern` with the UPDATE re-check against the old object; and the outcomes and messages they
// share with the validator.
import { evaluateConditionsWithMessage } from './conditions.js'
import { deepEqual, isMap } from './json.js'
import type { PodSecurityExclusion } from './pod-security.js'
import { podSecurityViolations } from './pod-security.js'
import { matchPattern } from './validate.js'
import type { Outcome, ValidatorInput, ValidatorScope } from './validator.js'
import { defaultResolver, substituteAll, substituteString, SubstitutionError } from './variables.js'

type Obj = Record<string, unknown>

function message(input: ValidatorInput, scope: ValidatorScope, fallback: string): string {
  if (!input.message) return fallback
  try {
    const text = substituteString(input.message, defaultResolver(scope.ctx))
    return typeof text === 'string'
      ? text
      : "the produced message didn't resolve to a string, check your policy definition."
  } catch {
    return input.message
  }
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * On UPDATE a pattern rule is checked against the old object too; a failure that the old object had
 * already is skipped (validateOldObject). The CLI uses the same object as old and new.
 */
export function unchangedOnUpdate(
  input: ValidatorInput,
  scope: ValidatorScope,
  outcome: Outcome
): Outcome {
  if (outcome.status === 'pass') return outcome
  const request = (scope.ctx.data.request ?? {}) as Obj
  let prior = outcome
  if (!deepEqual(request.oldObject, request.object)) {
    const ctx = scope.ctx.child({ request: { ...request, object: request.oldObject } })
    const target = scope.target === request.object ? request.oldObject : scope.target
    prior = validatePatterns(input, { ...scope, ctx, target })
  }
  if (prior.status !== outcome.status || prior.message !== outcome.message) return outcome
  return {
    status: 'skip',
    message: 'skipping modified resource as validation results have not changed'
  }
}

// `validation rule 'x' passed.`, one outcome per rule name: a run says it once per rule and resource,
// and the findings keep the message.
const passedOutcomes = new Map<string, Outcome>()

export function passed(ruleName: string): Outcome {
  let outcome = passedOutcomes.get(ruleName)
  if (outcome === undefined) {
    outcome = { status: 'pass', message: `validation rule '${ruleName}' passed.` }
    if (passedOutcomes.size < 10_000) passedOutcomes.set(ruleName, outcome)
  }
  return outcome
}

// A `podSecurity` block's exclusions, by block: the same for every resource.
const podSecurityExclusions = new WeakMap<Obj, readonly PodSecurityExclusion[]>()

function exclusionsOf(pss: Obj): readonly PodSecurityExclusion[] {
  let exclude = podSecurityExclusions.get(pss)
  if (!exclude) {
    exclude = (Array.isArray(pss.exclude) ? pss.exclude.filter(isMap) : []).map(e => ({
      controlName: typeof e.controlName === 'string' ? e.controlName : undefined,
      images: Array.isArray(e.images) ? e.images.map(String) : undefined
    }))
    podSecurityExclusions.set(pss, exclude)
  }
  return exclude
}

export function validatePodSecurity(input: ValidatorInput, scope: ValidatorScope): Outcome {
  const pss = input.podSecurity as Obj
  const level = String(pss.level ?? 'baseline')
  const exclude = exclusionsOf(pss)
  const failing = podSecurityViolations(isMap(scope.target) ? scope.target : {}, level, exclude)
  if (failing.length === 0) return passed(input.ruleName)
  const version = String(pss.version ?? 'latest')
  return {
    status: 'fail',
    message: `Validation rule '${input.ruleName}' failed. It violates PodSecurity "${level}:${version}": ${failing.join(', ')}`
  }
}

export function validateDeny(input: ValidatorInput, scope: ValidatorScope): Outcome {
  const deny = input.deny as Obj
  let evaluated: { result: boolean; message: string }
  try {
    evaluated = evaluateConditionsWithMessage(
      isMap(deny) ? (deny.conditions ?? null) : null,
      scope.ctx
    )
  } catch (error) {
    return { status: 'error', message: `failed to check deny conditions: ${describe(error)}` }
  }
  if (!evaluated.result) return passed(input.ruleName)
  // getDenyMessage: the rule's message and the false conditions' messages, joined.
  const text = [input.message ?? '', evaluated.message].filter(Boolean).join('; ')
  if (text === '')
    return { status: 'fail', message: `validation error: rule ${input.ruleName} failed` }
  return { status: 'fail', message: message({ ...input, message: text }, scope, text) }
}

export function validatePatterns(input: ValidatorInput, scope: ValidatorScope): Outcome {
  const resolve = defaultResolver(scope.ctx)
  let pattern: unknown
  let anyPattern: unknown
  try {
    if (input.pattern !== undefined)
      pattern = substituteAll(input.pattern, resolve, [], scope.isDelete)
    else anyPattern = substituteAll(input.anyPattern, resolve, [], scope.isDelete)
  } catch (error) {
    if (error instanceof SubstitutionError || error instanceof Error)
      return { status: 'error', message: `variable substitution failed: ${describe(error)}` }
    throw error
  }
  if (pattern !== undefined) {
    const r = matchPattern(scope.target, pattern)
    switch (r.status) {
      case 'pass':
        return passed(input.ruleName)
      case 'skip':
        return { status: 'skip', message: r.message }
      case 'error':
        return {
          status: 'error',
          message: `${message(input, scope, 'validation error')} rule ${input.ruleName} execution error: ${r.message}`
        }
      case 'fail':
        return {
          status: 'fail',
          message: message(
            input,
            scope,
            `validation error: rule ${input.ruleName} failed at path ${r.path}`
          ),
          path: r.path
        }
    }
  }
  if (!Array.isArray(anyPattern))
    return { status: 'error', message: 'failed to deserialize anyPattern, expected type array' }
  const failures: string[] = []
  let firstFailPath: string | undefined
  let skipped = 0
  for (let i = 0; i < anyPattern.length; i++) {
    const r = matchPattern(scope.target, anyPattern[i])
    if (r.status === 'pass')
      return {
        status: 'pass',
        message: `validation rule '${input.ruleName}' anyPattern[${i}] passed.`
      }
    if (r.status === 'skip') skipped++
    else {
      failures.push(
        r.status === 'fail'
          ? `rule ${input.ruleName}[${i}] failed at path ${r.path}`
          : `rule ${input.ruleName}[${i}] failed: ${r.message}`
      )
      if (r.status === 'fail') firstFailPath ??= r.path
    }
  }
  if (skipped > 0 && failures.length === 0)
    return { status: 'skip', message: `rule ${input.ruleName} skipped` }
  if (failures.length > 0)
    return {
      status: 'fail',
      message: message(input, scope, `validation error: ${failures.join(' ')}`),
      path: firstFailPath
    }
  return { status: 'pass', message: input.message ?? '' }
}
