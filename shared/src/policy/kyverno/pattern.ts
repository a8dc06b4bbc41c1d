// Scalar pattern values (pkg/engine/pattern/pattern.go, pkg/engine/operator): `|` (OR) is split before
// `&` (AND); each part may carry `>=`, `<=`, `>`, `<`, `!` or be a range `a-b` / `a!-b`; comparison is
// by Go duration, then quantity, then wildcard string. A missing value counts as "0" for the
// duration and quantity comparisons, so `<10` passes on an absent field.
import { parseDuration, parseQuantity } from './quantity.js'
import { wildcardMatch } from './wildcard.js'

type Op = '' | '>=' | '<=' | '>' | '<' | '!'

function operatorOf(pattern: string): Op {
  if (pattern.length < 2) return ''
  for (const op of ['>=', '<=', '>', '<', '!'] as const) if (pattern.startsWith(op)) return op
  return ''
}

const inRange = /^(-?\d+(?:\.\d+)?[A-Za-z]*)-(-?\d+(?:\.\d+)?[A-Za-z]*)$/
const notInRange = /^(-?\d+(?:\.\d+)?[A-Za-z]*)!-(-?\d+(?:\.\d+)?[A-Za-z]*)$/

function numberText(value: unknown): string | undefined {
  if (value === null || value === undefined) return '0'
  if (typeof value === 'string') return value
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(6)
  return undefined
}

function compare(result: number, op: Op): boolean {
  switch (op) {
    case '':
      return result === 0
    case '!':
      return result !== 0
    case '>':
      return result > 0
    case '<':
      return result < 0
    case '>=':
      return result >= 0
    case '<=':
      return result <= 0
  }
}

/** Go `strconv.FormatFloat(v, 'E', -1, 64)`, how floats are stringified for wildcard matching. */
function formatFloatE(v: number): string {
  const [mantissa, exp] = v.toExponential().split('e')
  const e = Number(exp)
  return `${mantissa}E${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`
}

function compareString(value: unknown, pattern: string, op: Op): boolean {
  if (op !== '' && op !== '!') return false
  let text: string
  if (typeof value === 'string') text = value
  // kyverno test reads every number as float64, which FormatFloat(v, 'E', -1, 64) writes as 5E+00.
  else if (typeof value === 'number') text = formatFloatE(value)
  else if (typeof value === 'boolean') text = String(value)
  else return false
  const matched = wildcardMatch(pattern, text)
  return op === '!' ? !matched : matched
}

/**
 * One part of a string pattern, parsed once: a comparison with its operand (and the operand read as
 * a duration and as a quantity), or a range as two comparisons.
 */
type PatternPart =
  | {
      readonly kind: 'compare'
      readonly op: Op
      readonly pattern: string
      readonly duration: number | undefined
      readonly quantity: number | undefined
    }
  | { readonly kind: 'either' | 'both'; readonly a: PatternPart; readonly b: PatternPart }

function validateString(value: unknown, part: Extract<PatternPart, { kind: 'compare' }>): boolean {
  const { op, pattern } = part
  const text = numberText(value)
  if (text !== undefined) {
    const pd = part.duration
    if (pd !== undefined) {
      const vd = parseDuration(text)
      if (vd !== undefined && compare(Math.sign(vd - pd), op)) return true
    }
    const pq = part.quantity
    if (pq !== undefined) {
      const vq = parseQuantity(text)
      if (vq !== undefined && compare(Math.sign(vq - pq), op)) return true
    }
  }
  return compareString(value, pattern, op)
}

function parsePart(part: string): PatternPart {
  const nr = notInRange.exec(part)
  if (nr) return { kind: 'either', a: parsePart(`< ${nr[1]}`), b: parsePart(`> ${nr[2]}`) }
  const r = inRange.exec(part)
  if (r) return { kind: 'both', a: parsePart(`>= ${r[1]}`), b: parsePart(`<= ${r[2]}`) }
  const op = operatorOf(part)
  const pattern = part.slice(op.length).trim()
  return {
    kind: 'compare',
    op,
    pattern,
    duration: parseDuration(pattern),
    quantity: parseQuantity(pattern)
  }
}

function validateStringPart(value: unknown, part: PatternPart): boolean {
  switch (part.kind) {
    case 'either':
      return validateStringPart(value, part.a) || validateStringPart(value, part.b)
    case 'both':
      return validateStringPart(value, part.a) && validateStringPart(value, part.b)
    default:
      return validateString(value, part)
  }
}

/** `a & b | c`: alternatives (`|`) of parts that must all hold (`&`). */
type StringPattern = readonly (readonly PatternPart[])[]

// By pattern text: a policy's patterns are checked against every resource. Bounded: a pattern may
// hold a variable substituted from the resource.
const stringPatterns = new Map<string, StringPattern>()

function stringPatternOf(pattern: string): StringPattern {
  let parsed = stringPatterns.get(pattern)
  if (parsed === undefined) {
    parsed = pattern
      .split('|')
      .map(p => p.trim())
      .map(alternative =>
        alternative
          .split('&')
          .map(p => p.trim())
          .map(parsePart)
      )
    if (stringPatterns.size >= 10_000) stringPatterns.clear()
    stringPatterns.set(pattern, parsed)
  }
  return parsed
}

function validateStringPattern(value: unknown, pattern: string): boolean {
  if (value === pattern) return true
  const alternatives = stringPatternOf(pattern)
  for (let i = 0; i < alternatives.length; i++) {
    const parts = alternatives[i]
    let all = true
    for (let j = 0; j < parts.length; j++)
      if (!validateStringPart(value, parts[j])) {
        all = false
        break
      }
    if (all) return true
  }
  return false
}

/** `pattern.Validate`: does a resource value satisfy a scalar pattern? */
export function validateValue(value: unknown, pattern: unknown): boolean {
  if (typeof pattern === 'boolean') return typeof value === 'boolean' && value === pattern
  if (typeof pattern === 'number') {
    if (typeof value === 'number') return value === pattern
    if (typeof value === 'string') {
      if (Number.isInteger(pattern)) return /^[+-]?\d+$/.test(value) && Number(value) === pattern
      const n = Number(value)
      return value.trim() !== '' && !Number.isNaN(n) && n === pattern
    }
    return false
  }
  if (pattern === null || pattern === undefined) {
    if (value === null || value === undefined) return true
    if (typeof value === 'number') return value === 0
    if (typeof value === 'string') return value === ''
    if (typeof value === 'boolean') return !value
    return false
  }
  if (typeof pattern === 'string') return validateStringPattern(value, pattern)
  if (Array.isArray(pattern)) return false
  if (typeof pattern === 'object')
    return value !== null && typeof value === 'object' && !Array.isArray(value)
  return false
}
