// Kyverno's arithmetic functions (pkg/engine/jmespath/arithmetic.go): numbers, quantities and
// durations, each operand pair staying in its kind (quantity + quantity → quantity string, duration +
// duration → duration string, number with number → number).
import { parseDuration, parseQuantity } from './quantity.js'

type Operand =
  | { kind: 'number'; value: number }
  | { kind: 'quantity'; value: number; text: string }
  | { kind: 'duration'; value: number }

function operand(value: unknown, name: string): Operand {
  if (typeof value === 'number') return { kind: 'number', value }
  if (typeof value === 'string') {
    const q = parseQuantity(value)
    if (q !== undefined) return { kind: 'quantity', value: q, text: value }
    const d = parseDuration(value)
    if (d !== undefined) return { kind: 'duration', value: d }
  }
  throw new Error(`invalid type for ${name}: expected a number, quantity or duration`)
}

/** Go `time.Duration.String()` for a number of seconds. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s'
  const sign = seconds < 0 ? '-' : ''
  let rest = Math.abs(seconds)
  if (rest < 1) {
    if (rest < 1e-6) return `${sign}${Math.round(rest * 1e9)}ns`
    if (rest < 1e-3) return `${sign}${trim(rest * 1e6)}µs`
    return `${sign}${trim(rest * 1e3)}ms`
  }
  const h = Math.floor(rest / 3600)
  rest -= h * 3600
  const m = Math.floor(rest / 60)
  rest -= m * 60
  const s = trim(rest)
  if (h > 0) return `${sign}${h}h${m}m${s}s`
  if (m > 0) return `${sign}${m}m${s}s`
  return `${sign}${s}s`
}

function trim(n: number): string {
  return String(Number(n.toFixed(9)))
}

/**
 * Canonical quantity text as `resource.Quantity.String()` writes it: binary operands keep a binary
 * suffix (the largest that leaves an integer, `1.5Gi` → `1536Mi`), decimal ones a decimal suffix.
 */
function formatQuantity(value: number, like: string): string {
  const binary: [string, number][] = [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10]
  ]
  const decimal: [string, number][] = [
    ['E', 1e18],
    ['P', 1e15],
    ['T', 1e12],
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3]
  ]
  const integral = (n: number) => Math.abs(n - Math.round(n)) < 1e-9
  if (value !== 0 && /[KMGTPE]i$/.test(like) && integral(value))
    for (const [suffix, f] of binary)
      if (integral(value / f) && Math.abs(value) >= f) return `${Math.round(value / f)}${suffix}`
  if (integral(value)) {
    if (value !== 0 && !/^[+-]?\d+$/.test(like))
      for (const [suffix, f] of decimal)
        if (integral(value / f) && Math.abs(value) >= f) return `${Math.round(value / f)}${suffix}`
    return String(Math.round(value))
  }
  const milli = value * 1000
  if (integral(milli)) return `${Math.round(milli)}m`
  return `${Math.round(value * 1e9)}n`
}

function combine(
  a: unknown,
  b: unknown,
  name: string,
  op: (x: number, y: number) => number
): unknown {
  const x = operand(a, name)
  const y = operand(b, name)
  if (x.kind === 'number' && y.kind === 'number') return op(x.value, y.value)
  if (x.kind === 'duration' || y.kind === 'duration') {
    if (x.kind === 'quantity' || y.kind === 'quantity')
      throw new Error(`${name}: cannot mix durations and quantities`)
    return formatDuration(op(x.value, y.value))
  }
  const like = x.kind === 'quantity' ? x.text : (y as { text: string }).text
  return formatQuantity(op(x.value, y.value), like)
}

export const add = (a: unknown, b: unknown) => combine(a, b, 'add', (x, y) => x + y)
export const subtract = (a: unknown, b: unknown) => combine(a, b, 'subtract', (x, y) => x - y)

export function multiply(a: unknown, b: unknown): unknown {
  const x = operand(a, 'multiply')
  const y = operand(b, 'multiply')
  if (x.kind === 'number' && y.kind === 'number') return x.value * y.value
  if (x.kind !== 'number' && y.kind !== 'number')
    throw new Error('multiply: one operand must be a number')
  const scalable = x.kind === 'number' ? y : x
  const factor = x.kind === 'number' ? x.value : y.value
  if (scalable.kind === 'duration') return formatDuration(scalable.value * factor)
  return formatQuantity(scalable.value * factor, (scalable as { text: string }).text)
}

export function divide(a: unknown, b: unknown): unknown {
  const x = operand(a, 'divide')
  const y = operand(b, 'divide')
  if (y.value === 0) throw new Error('divide: division by zero')
  if (y.kind === 'number' && x.kind !== 'number') {
    if (x.kind === 'duration') return formatDuration(x.value / y.value)
    return formatQuantity(x.value / y.value, x.text)
  }
  return x.value / y.value
}

export function modulo(a: unknown, b: unknown): unknown {
  const x = operand(a, 'modulo')
  const y = operand(b, 'modulo')
  if (y.value === 0) throw new Error('modulo: division by zero')
  const r = x.value % y.value
  if (x.kind === 'number' && y.kind === 'number') return r
  if (x.kind === 'duration') return formatDuration(r)
  return formatQuantity(r, (x as { text: string }).text)
}

export function sum(items: unknown): unknown {
  if (!Array.isArray(items)) throw new Error('sum: expected an array')
  if (items.length === 0) return 0
  return items.slice(1).reduce((acc, item) => add(acc, item), items[0])
}
