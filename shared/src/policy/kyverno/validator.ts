// One validate rule on one resource (pkg/engine/handlers/validation/validate_resource.go): context,
// preconditions, then `deny`, else `pattern` / `anyPattern`, else `foreach` (nested, element-scoped).
// This module runs the rule and its foreach levels; the checks that end a rule (podSecurity, deny,
// pattern, anyPattern) are in `validator-checks.ts`.
import { evaluateConditionsWithMessage } from './conditions.js'
import type { RuleValues } from './context-entries.js'
import { loadContext } from './context-entries.js'
import type { ElementData, EvalContext } from './eval-context.js'
import { isMap } from './json.js'
import {
  describe,
  passed,
  unchangedOnUpdate,
  validateDeny,
  validatePatterns,
  validatePodSecurity
} from './validator-checks.js'
import { defaultResolver, substituteString } from './variables.js'

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
