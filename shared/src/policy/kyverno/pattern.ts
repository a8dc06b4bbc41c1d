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

function validateString(value: unknown, pattern: string, op: Op): boolean {
  const text = numberText(value)
  if (text !== undefined) {
    const pd = parseDuration(pattern)
    const vd = parseDuration(text)
    if (pd !== undefined && vd !== undefined && compare(Math.sign(vd - pd), op)) return true
    const pq = parseQuantity(pattern)
    const vq = parseQuantity(text)
    if (pq !== undefined && vq !== undefined && compare(Math.sign(vq - pq), op)) return true
  }
  return compareString(value, pattern, op)
}

function validateStringPart(value: unknown, part: string): boolean {
  const nr = notInRange.exec(part)
  if (nr) return validateStringPart(value, `< ${nr[1]}`) || validateStringPart(value, `> ${nr[2]}`)
  const r = inRange.exec(part)
  if (r) return validateStringPart(value, `>= ${r[1]}`) && validateStringPart(value, `<= ${r[2]}`)
  const op = operatorOf(part)
  return validateString(value, part.slice(op.length).trim(), op)
}

function validateStringPattern(value: unknown, pattern: string): boolean {
  if (value === pattern) return true
  return pattern
    .split('|')
    .map(p => p.trim())
    .some(alternative =>
      alternative
        .split('&')
        .map(p => p.trim())
        .every(part => validateStringPart(value, part))
    )
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
