// One validate rule on one resource (pkg/engine/handlers/validation/validate_resource.go): context,
// preconditions, then `deny`, else `pattern` / `anyPattern`, else `foreach` (nested, element-scoped).
import { evaluateConditionsWithMessage } from './conditions.js'
import type { RuleValues } from './context-entries.js'
import { loadContext } from './context-entries.js'
import { deepEqual, isMap } from './json.js'
import type { PodSecurityExclusion } from './pod-security.js'
import { podSecurityViolations } from './pod-security.js'
import { matchPattern } from './validate.js'
import type { ElementData, EvalContext } from './variables.js'
import { defaultResolver, substituteAll, substituteString, SubstitutionError } from './variables.js'

type Obj = Record<string, unknown>

export type RuleStatus = 'pass' | 'fail' | 'skip' | 'error'

export interface Outcome {
  readonly status: RuleStatus
  readonly message: string
  /** JSON path (`/spec/containers/0/image/`) of a pattern failure. */
  readonly path?: string
  /** The path is already relative to the resource (set by foreach for its elements). */
  readonly pathAbsolute?: boolean
}

export interface ValidatorInput {
  readonly ruleName: string
  /** The rule's `validate.message` (used for every level of foreach). */
  readonly message?: string
  readonly deny?: unknown
  readonly pattern?: unknown
  readonly anyPattern?: unknown
  readonly foreach?: unknown
  /** `validate.podSecurity`: `{ level, version, exclude }`. */
  readonly podSecurity?: unknown
  readonly context?: unknown
  readonly preconditions?: unknown
}

export interface ValidatorScope {
  readonly ctx: EvalContext
  /** The document patterns are matched against: the resource, or a foreach element. */
  readonly target: unknown
  readonly values?: RuleValues
  readonly nesting: number
  readonly isDelete: boolean
  readonly isUpdate?: boolean
  /** Inside an element-scoped foreach: patterns apply to the element. */
  readonly scoped?: boolean
  /** A PolicyException exempts the resource (checked after the rule's preconditions). */
  readonly excepted?: (ctx: EvalContext) => boolean
  /** Where the current foreach element sits in the resource, when its list is a plain path. */
  readonly elementPointer?: string
}

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

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** `validator.validate`: undefined means "no rule response". */
export function validate(input: ValidatorInput, scope: ValidatorScope): Outcome | undefined {
  // Without entries or values there is nothing to load (and a foreach element's context stays unbuilt).
  if (scope.values !== undefined || (Array.isArray(input.context) && input.context.length > 0))
    try {
      loadContext(
        input.context,
        scope.ctx,
        scope.values,
        scope.nesting > 0 ? (scope.ctx.data.elementIndex as number) : undefined
      )
    } catch (error) {
      return { status: 'error', message: `failed to load context: ${describe(error)}` }
    }
  try {
    const pre = evaluateConditionsWithMessage(input.preconditions, scope.ctx)
    if (!pre.result)
      return {
        status: 'skip',
        message: ['preconditions not met', pre.message].filter(Boolean).join('; ')
      }
  } catch (error) {
    return { status: 'error', message: `failed to evaluate preconditions: ${describe(error)}` }
  }
  try {
    if (scope.nesting === 0 && scope.excepted?.(scope.ctx))
      return { status: 'skip', message: 'rule skipped due to policy exception' }
  } catch (error) {
    return {
      status: 'error',
      message: `failed to evaluate policy exception conditions: ${describe(error)}`
    }
  }
  if (isMap(input.podSecurity)) return validatePodSecurity(input, scope)
  if (input.deny !== undefined && input.deny !== null) return validateDeny(input, scope)
  if (input.pattern !== undefined || input.anyPattern !== undefined) {
    // A deleted resource is not pattern-checked (only a foreach element would be).
    if (scope.isDelete && !scope.scoped) return undefined
    const outcome = validatePatterns(input, scope)
    return scope.isUpdate ? unchangedOnUpdate(input, scope, outcome) : outcome
  }
  if (Array.isArray(input.foreach)) return validateForeach(input, scope)
  return undefined
}

/**
 * On UPDATE a pattern rule is checked against the old object too; a failure that the old object had
 * already is skipped (validateOldObject). The CLI uses the same object as old and new.
 */
function unchangedOnUpdate(
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

function passed(ruleName: string): Outcome {
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

function validatePodSecurity(input: ValidatorInput, scope: ValidatorScope): Outcome {
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

function validateDeny(input: ValidatorInput, scope: ValidatorScope): Outcome {
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

function validatePatterns(input: ValidatorInput, scope: ValidatorScope): Outcome {
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

/** The foreach list's elements; undefined when the list cannot be evaluated (the entry is skipped). */
function evaluateList(list: unknown, ctx: EvalContext): unknown[] | undefined {
  let expression = String(list ?? '')
  if (expression.includes('{{'))
    expression = String(substituteString(expression, defaultResolver(ctx)))
  // A list naming a field the resource lacks (`spec.initContainers`) is the common case: no throw.
  const result = ctx.queryOrMissing(expression)
  if (result === undefined) return undefined
  return Array.isArray(result) ? result : [result]
}

function validateForeach(input: ValidatorInput, scope: ValidatorScope): Outcome | undefined {
  let applied = 0
  for (const item of input.foreach as Obj[]) {
    if (!isMap(item)) continue
    let elements: unknown[] | undefined
    try {
      elements = evaluateList(item.list, scope.ctx)
    } catch {
      continue
    }
    if (elements === undefined) continue
    const { outcome, count } = validateElements(input, item, elements, scope)
    if (outcome.status !== 'pass') return outcome
    applied += count
  }
  if (applied === 0) return { status: 'skip', message: 'rule skipped' }
  return passed(input.ruleName)
}

// A foreach list that is a plain path, by list text: where its elements sit, from the resource
// (`request.object.spec.containers` → `/spec/containers`) or below the current element (`element.ports`).
const listPaths = new Map<string, { readonly fromElement: boolean; readonly path: string } | null>()

function listPathOf(list: string): { readonly fromElement: boolean; readonly path: string } | null {
  let parsed = listPaths.get(list)
  if (parsed === undefined) {
    const m = /^\s*(request\.object|element)((?:\.[A-Za-z_][A-Za-z0-9_]*)+)\s*$/.exec(list)
    parsed = m
      ? { fromElement: m[1] === 'element', path: m[2].slice(1).split('.').join('/') }
      : null
    if (listPaths.size >= 10_000) listPaths.clear()
    listPaths.set(list, parsed)
  }
  return parsed
}

/** `request.object.spec.containers` → `/spec/containers`; `element.ports` → below the element. */
function listPointer(list: unknown, scope: ValidatorScope): string | undefined {
  const parsed = listPathOf(String(list ?? ''))
  if (!parsed) return undefined
  if (!parsed.fromElement) return `/${parsed.path}`
  return scope.elementPointer === undefined ? undefined : `${scope.elementPointer}/${parsed.path}`
}

// What the validator reads of a foreach entry, by entry: the same for every element and resource.
const foreachInputs = new WeakMap<Obj, ValidatorInput>()

function foreachInputOf(input: ValidatorInput, item: Obj): ValidatorInput {
  let child = foreachInputs.get(item)
  if (!child || child.ruleName !== input.ruleName || child.message !== input.message) {
    child = {
      ruleName: input.ruleName,
      message: input.message,
      deny: item.deny,
      pattern: item.pattern,
      anyPattern: item.anyPattern,
      foreach: item.foreach,
      context: item.context,
      preconditions: item.preconditions
    }
    foreachInputs.set(item, child)
  }
  return child
}

/**
 * Makes a failing element's path relative to the resource: a pattern inside an element-scoped foreach
 * reports a path inside the element; a deny has no path, so the element itself is the place.
 */
function placeOutcome(r: Outcome, scoped: boolean, elementPointer: string | undefined): Outcome {
  if (r.pathAbsolute) return r
  const { status, message, path } = r
  if (scoped && path !== undefined)
    return elementPointer === undefined
      ? { status, message }
      : { status, message, path: `${elementPointer}${path}`, pathAbsolute: true }
  if (path !== undefined) return { status, message, path, pathAbsolute: true }
  return elementPointer === undefined
    ? { status, message }
    : { status, message, path: `${elementPointer}/`, pathAbsolute: true }
}

function validateElements(
  input: ValidatorInput,
  item: Obj,
  elements: unknown[],
  scope: ValidatorScope
): { outcome: Outcome; count: number } {
  let count = 0
  const nesting = scope.nesting
  const child = foreachInputOf(input, item)
  const base = listPointer(item.list, scope)
  const elementScope = item.elementScope
  // An element that adds nothing to its context leaves the next one (of this list, or of another
  // list or rule evaluated in the same context) its data object to reuse.
  const shared: ElementData | undefined =
    scope.values === undefined && !(Array.isArray(child.context) && child.context.length > 0)
      ? scope.ctx.sharedElementData()
      : undefined
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]
    if (element === null || element === undefined) continue
    const ctx = scope.ctx.elementChild(element, index, nesting, shared)
    let scoped = isMap(element)
    if (typeof elementScope === 'boolean') {
      if (elementScope && !scoped)
        return {
          outcome: {
            status: 'error',
            message: 'cannot use elementScope=true foreach rules for elements that are not maps'
          },
          count
        }
      scoped = elementScope
    }
    const elementPointer = base === undefined ? undefined : `${base}/${index}`
    const r = validate(child, {
      ctx,
      target: scoped ? element : scope.target,
      values: scope.values,
      nesting: nesting + 1,
      isDelete: scope.isDelete,
      isUpdate: scope.isUpdate,
      scoped: scoped || scope.scoped,
      excepted: scope.excepted,
      elementPointer
    })
    if (!r || r.status === 'skip') continue
    if (r.status !== 'pass') {
      if (r.status === 'error' && index < elements.length - 1) continue
      return { outcome: placeOutcome(r, scoped, elementPointer), count }
    }
    count++
  }
  return { outcome: PASSED_ELEMENTS, count }
}

const PASSED_ELEMENTS: Outcome = { status: 'pass', message: '' }
