// Preconditions and deny conditions (pkg/engine/variables/evaluate.go, operator/*.go). Operators are
// case-insensitive; Equals dispatches on the type of the key; the In-family compares stringified
// elements with wildcards in both directions and accepts JSON-array strings and ranges as values.
import type { EvalContext } from './eval-context.js'
import { deepEqual } from './json.js'
import { validateValue } from './pattern.js'
import { compareSemver, goSprint, parseDuration, parseQuantity, parseSemver } from './quantity.js'
import { lenientResolver, substituteAll } from './variables.js'
import { wildcardMatch } from './wildcard.js'

export interface Condition {
  readonly key?: unknown
  readonly operator?: string
  readonly value?: unknown
  readonly message?: string
}

export class ConditionError extends Error {}

/** Both sides as Go durations (seconds) when at least one is a duration string other than "0". */
function asDuration(v: unknown): number | undefined {
  return typeof v === 'string' && v !== '0' ? parseDuration(v) : undefined
}

function durations(key: unknown, value: unknown): [number, number] | undefined {
  let k = asDuration(key)
  let v = asDuration(value)
  if (k === undefined && v === undefined) return undefined
  if (k === undefined) {
    if (typeof key !== 'number') return undefined
    k = Number.isInteger(key) ? key : key
  }
  if (v === undefined) {
    if (typeof value !== 'number') return undefined
    v = value
  }
  return [k, v]
}

/** Go `strconv.ParseFloat`: undefined where it would fail (no spaces, no hex). */
function goFloat(text: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : undefined
}

export function equals(key: unknown, value: unknown): boolean {
  if (typeof key === 'boolean') return typeof value === 'boolean' && key === value
  if (typeof key === 'number') {
    if (typeof value === 'number') return key === value
    if (typeof value === 'string') return goFloat(value) === key
    return false
  }
  if (typeof key === 'string') {
    const d = durations(key, value)
    if (d) return d[0] === d[1]
    // A key that reads as a quantity compares only as a quantity: "100" does not equal "1*".
    const kq = parseQuantity(key)
    if (kq !== undefined && typeof value === 'string') {
      const vq = parseQuantity(value)
      return vq !== undefined && kq === vq
    }
    if (typeof value === 'string') return wildcardMatch(value, key)
    return false
  }
  if (key && typeof key === 'object') return deepEqual(key, value)
  return false
}

function toNumber(v: unknown): number | undefined {
  return typeof v === 'number' ? v : typeof v === 'string' ? goFloat(v) : undefined
}

function numeric(key: unknown, value: unknown, cmp: (c: number) => boolean): boolean {
  const d = durations(key, value)
  if (d) return cmp(Math.sign(d[0] - d[1]))
  const kn = toNumber(key)
  if (kn !== undefined) {
    const vn = toNumber(value)
    return vn !== undefined && cmp(Math.sign(kn - vn))
  }
  if (typeof key !== 'string' || typeof value !== 'string') return false
  const kq = parseQuantity(key)
  const vq = parseQuantity(value)
  if (kq !== undefined && vq !== undefined) return cmp(Math.sign(kq - vq))
  const ks = parseSemver(key)
  const vs = parseSemver(value)
  if (ks && vs) return cmp(compareSemver(ks, vs))
  return false
}

const rangeRe = /^\d+(\.\d+)?[A-Za-z]*!?-\d+(\.\d+)?[A-Za-z]*$/

/** [invalid type, found] for one stringified key element against the condition value. */
function keyInValue(key: string, value: unknown): [boolean, boolean] {
  if (Array.isArray(value)) return [false, inList(key, sprinted(value))]
  if (typeof value === 'string') {
    if (wildcardMatch(value, key)) return [false, true]
    if (rangeRe.test(value)) return [false, validateValue(key, value)]
    let arr: unknown
    try {
      arr = JSON.parse(value)
    } catch {
      return [false, false]
    }
    if (!Array.isArray(arr) || !arr.every(a => typeof a === 'string')) return [true, false]
    return [false, (arr as string[]).includes(key)]
  }
  return [true, false]
}

/** `fmt.Sprint` of every element: the list itself when it holds strings only (as it nearly always does). */
function sprinted(list: readonly unknown[]): readonly string[] {
  for (let i = 0; i < list.length; i++) if (typeof list[i] !== 'string') return list.map(goSprint)
  return list as readonly string[]
}

function valueList(value: unknown): [boolean, readonly string[]] {
  if (Array.isArray(value)) return [false, sprinted(value)]
  if (typeof value === 'string') {
    try {
      const arr = JSON.parse(value)
      if (Array.isArray(arr) && arr.every(a => typeof a === 'string'))
        return [false, arr as string[]]
      return [true, []]
    } catch {
      return [true, []]
    }
  }
  return [true, []]
}

function inList(key: string, list: readonly string[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const v = list[i]
    if (wildcardMatch(v, key) || wildcardMatch(key, v)) return true
  }
  return false
}

type SetMode = 'anyIn' | 'allIn' | 'anyNotIn' | 'allNotIn'

function setResult(mode: SetMode, count: number, found: readonly boolean[]): boolean {
  switch (mode) {
    case 'anyIn':
      return found.some(Boolean)
    case 'allIn':
      return count > 0 && found.every(Boolean)
    case 'anyNotIn':
      return found.some(f => !f)
    case 'allNotIn':
      return found.every(f => !f)
  }
}

function setOperator(mode: SetMode, key: unknown, value: unknown): boolean {
  if (Array.isArray(key)) {
    // No keys: nothing is in or out of a list, so only AllNotIn holds.
    if (key.length === 0 && Array.isArray(value)) return mode === 'allNotIn'
    const keys = sprinted(key)
    if (typeof value === 'string' && rangeRe.test(value)) {
      const inRange = keys.map(k => validateValue(k, value))
      return setResult(mode, keys.length, inRange)
    }
    const [invalid, list] = valueList(value)
    if (invalid) return false
    if (typeof value === 'string' && keys.length === 1 && keys[0] === value) {
      return mode === 'anyIn' || mode === 'allIn'
    }
    return setResult(
      mode,
      keys.length,
      keys.map(k => inList(k, list))
    )
  }
  if (key === null || key === undefined || typeof key === 'object') return false
  const [invalid, found] = keyInValue(goSprint(key), value)
  if (invalid) return false
  return mode === 'anyIn' || mode === 'allIn' ? found : !found
}

/**
 * The deprecated In / NotIn (operator/in.go, notin.go): a scalar key is a wildcard pattern over the
 * list elements; a list key must be a subset (In) or not (NotIn) of a list of strings, compared exactly.
 * A value of the wrong type is false for both.
 */
function deprecatedIn(key: unknown, value: unknown, negate: boolean): boolean {
  if (Array.isArray(key)) {
    const keys = key.map(goSprint)
    let list: string[]
    if (Array.isArray(value)) {
      if (!value.every(v => typeof v === 'string')) return false
      list = value as string[]
    } else if (typeof value === 'string') {
      if (keys.length === 1 && keys[0] === value) return !negate
      try {
        const parsed = JSON.parse(value) as unknown
        if (!Array.isArray(parsed) || !parsed.every(v => typeof v === 'string')) return false
        list = parsed as string[]
      } catch {
        return false
      }
    } else return false
    const missing = keys.some(k => !list.includes(k))
    return negate ? missing : !missing
  }
  if (key === null || key === undefined || typeof key === 'object' || typeof key === 'boolean')
    return false
  const k = goSprint(key)
  let found: boolean
  if (Array.isArray(value)) found = value.some(v => wildcardMatch(k, goSprint(v)))
  else if (typeof value === 'string') {
    if (wildcardMatch(value, k)) found = true
    else {
      try {
        const parsed = JSON.parse(value) as unknown
        if (!Array.isArray(parsed) || !parsed.every(v => typeof v === 'string')) return false
        found = (parsed as string[]).includes(k)
      } catch {
        return false
      }
    }
  } else return false
  return negate ? !found : found
}

/** Evaluates one operator on already-substituted key and value; unknown operators are errors. */
const greater = (c: number) => c > 0
const greaterOrEqual = (c: number) => c >= 0
const less = (c: number) => c < 0
const lessOrEqual = (c: number) => c <= 0

// Operator names as written in policies, lower-cased once each.
const lowerCased = new Map<string, string>()

function lowerCase(operator: string): string {
  let lower = lowerCased.get(operator)
  if (lower === undefined) {
    lower = operator.toLowerCase()
    if (lowerCased.size < 1000) lowerCased.set(operator, lower)
  }
  return lower
}

export function evaluateOperator(operator: string, key: unknown, value: unknown): boolean {
  switch (lowerCase(operator)) {
    case 'equal':
    case 'equals':
      return equals(key, value)
    case 'notequal':
    case 'notequals':
      return !equals(key, value)
    case 'in':
      return deprecatedIn(key, value, false)
    case 'anyin':
      return setOperator('anyIn', key, value)

    case 'allin':
      return setOperator('allIn', key, value)
    case 'notin':
      return deprecatedIn(key, value, true)
    case 'anynotin':
      return setOperator('anyNotIn', key, value)
    case 'allnotin':
      return setOperator('allNotIn', key, value)
    case 'greaterthan':
    case 'durationgreaterthan':
      return numeric(key, value, greater)
    case 'greaterthanorequals':
    case 'durationgreaterthanorequals':
      return numeric(key, value, greaterOrEqual)
    case 'lessthan':
    case 'durationlessthan':
      return numeric(key, value, less)
    case 'lessthanorequals':
    case 'durationlessthanorequals':
      return numeric(key, value, lessOrEqual)
    default:
      throw new ConditionError(`unknown condition operator '${operator}'`)
  }
}

/** One condition: key and value substituted (unresolved variables become ""), then the operator. */
export function evaluateCondition(condition: Condition, ctx: EvalContext): boolean {
  const resolve = lenientResolver(ctx)
  const key = substituteAll(condition.key ?? null, resolve)
  const value = substituteAll(condition.value ?? null, resolve)
  return evaluateOperator(String(condition.operator ?? ''), key, value)
}

export interface ConditionsResult {
  readonly result: boolean
  /** The `message`s of the conditions that were false, joined with "; " (evaluate.go). */
  readonly message: string
}

/**
 * `{any: [...], all: [...]}` (some `any` true AND every `all` true; an absent block is true) or the
 * legacy bare list (AND). Evaluation stops where Kyverno stops: at the first true `any` and the
 * first false `all`.
 */
export function evaluateConditionsWithMessage(
  conditions: unknown,
  ctx: EvalContext
): ConditionsResult {
  if (conditions === null || conditions === undefined) return HOLDS
  const reasons = noReasons
  // Emptied first too: an evaluation that threw may have left messages behind.
  reasons.length = 0
  let result: boolean
  if (Array.isArray(conditions)) result = every(conditions as Condition[], ctx, reasons)
  else {
    const block = conditions as { any?: Condition[]; all?: Condition[] }
    const anyResult = Array.isArray(block.any) ? some(block.any, ctx, reasons) : true
    const allResult = Array.isArray(block.all) ? every(block.all, ctx, reasons) : true
    result = anyResult && allResult
  }
  if (reasons.length === 0) return result ? HOLDS : FAILS
  const message = reasons.length === 1 ? reasons[0] : reasons.join('; ')
  reasons.length = 0
  return { result, message }
}

// The usual answers, shared (results are read, never changed).
const HOLDS: ConditionsResult = { result: true, message: '' }
const FAILS: ConditionsResult = { result: false, message: '' }
// The messages of false conditions, gathered here and emptied before returning: condition blocks do
// not nest (no condition evaluates another block), so one evaluation at a time uses it.
const noReasons: string[] = []

/** One condition, noting the message of a false one. */
function check(c: Condition, ctx: EvalContext, reasons: string[]): boolean {
  const ok = evaluateCondition(c, ctx)
  if (!ok && typeof c.message === 'string' && c.message !== '') reasons.push(c.message)
  return ok
}

/** `Array.every` over the conditions, stopping at the first false one. */
function every(conditions: readonly Condition[], ctx: EvalContext, reasons: string[]): boolean {
  for (let i = 0; i < conditions.length; i++) if (!check(conditions[i], ctx, reasons)) return false
  return true
}

/** `Array.some` over the conditions, stopping at the first true one. */
function some(conditions: readonly Condition[], ctx: EvalContext, reasons: string[]): boolean {
  for (let i = 0; i < conditions.length; i++) if (check(conditions[i], ctx, reasons)) return true
  return false
}

export function evaluateConditions(conditions: unknown, ctx: EvalContext): boolean {
  return evaluateConditionsWithMessage(conditions, ctx).result
}
