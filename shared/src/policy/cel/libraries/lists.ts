// The Kubernetes CEL list and set libraries (`k8s.io/apiserver/pkg/cel/library/lists.go`, `sets`) and
// cel-go's `ext.Lists` that Kubernetes enables: `isSorted`, `sum`, `min`, `max`, `indexOf`,
// `lastIndexOf`, `slice`, `flatten`, `reverse`, `distinct`, `sort`, `lists.range`, and
// `sets.contains` / `sets.equivalent` / `sets.intersects`. Equality is CEL equality (ints and doubles
// compare by value).
import type { Environment } from '@marcbachmann/cel-js'

export class SetsNamespace {}
export class ListsNamespace {}

function celEquals(a: unknown, b: unknown): boolean {
  if (
    (typeof a === 'bigint' || typeof a === 'number') &&
    (typeof b === 'bigint' || typeof b === 'number')
  )
    return Number(a) === Number(b)
  if (a === b) return true
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => celEquals(x, b[i]))
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ka = Object.keys(a as object)
    const kb = Object.keys(b as object)
    return (
      ka.length === kb.length &&
      ka.every(k => celEquals((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    )
  }
  return false
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0
  if (
    (typeof a === 'bigint' || typeof a === 'number') &&
    (typeof b === 'bigint' || typeof b === 'number')
  ) {
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0
    return Number(a) - Number(b)
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b)
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime()
  throw new Error(`no such overload: comparison of ${typeof a} and ${typeof b}`)
}

function extreme(list: readonly unknown[], sign: number): unknown {
  if (list.length === 0) throw new Error('min/max of an empty list')
  return list.reduce((best, x) => (compare(x, best) * sign > 0 ? x : best))
}

function sum(list: readonly unknown[]): unknown {
  if (list.length === 0) return 0n
  if (list.every(x => typeof x === 'bigint')) return (list as bigint[]).reduce((a, b) => a + b, 0n)
  if (list.every(x => typeof x === 'number')) return (list as number[]).reduce((a, b) => a + b, 0)
  throw new Error('no such overload: sum of mixed types')
}

function flatten(list: readonly unknown[], depth: number): unknown[] {
  if (depth < 0) throw new Error('level must be non-negative')
  const out: unknown[] = []
  for (const x of list)
    if (Array.isArray(x) && depth > 0) out.push(...flatten(x, depth - 1))
    else out.push(x)
  return out
}

export function registerLists(env: Environment): void {
  env.registerType('SetsNamespace', SetsNamespace)
  env.registerConstant('sets', 'SetsNamespace', new SetsNamespace())
  env.registerType('ListsNamespace', ListsNamespace)
  env.registerConstant('lists', 'ListsNamespace', new ListsNamespace())
  env.registerFunction('list.isSorted(): bool', (l: unknown[]) =>
    l.every((x, i) => i === 0 || compare(l[i - 1], x) <= 0)
  )
  env.registerFunction('list.sum(): dyn', (l: unknown[]) => sum(l))
  env.registerFunction('list.min(): dyn', (l: unknown[]) => extreme(l, -1))
  env.registerFunction('list.max(): dyn', (l: unknown[]) => extreme(l, 1))
  env.registerFunction('list.indexOf(dyn): int', (l: unknown[], v: unknown) =>
    BigInt(l.findIndex(x => celEquals(x, v)))
  )
  env.registerFunction('list.lastIndexOf(dyn): int', (l: unknown[], v: unknown) => {
    for (let i = l.length - 1; i >= 0; i--) if (celEquals(l[i], v)) return BigInt(i)
    return -1n
  })
  env.registerFunction('list.slice(int, int): list', (l: unknown[], a: bigint, b: bigint) => {
    const from = Number(a)
    const to = Number(b)
    if (from < 0 || to < from || to > l.length)
      throw new Error(`cannot slice(${from}, ${to}) a list of size ${l.length}`)
    return l.slice(from, to)
  })
  env.registerFunction('list.flatten(): list', (l: unknown[]) => flatten(l, 1))
  env.registerFunction('list.flatten(int): list', (l: unknown[], d: bigint) =>
    flatten(l, Number(d))
  )
  env.registerFunction('list.reverse(): list', (l: unknown[]) => [...l].reverse())
  env.registerFunction('list.distinct(): list', (l: unknown[]) =>
    l.filter((x, i) => l.findIndex(y => celEquals(x, y)) === i)
  )
  env.registerFunction('list.sort(): list', (l: unknown[]) => [...l].sort(compare))
  env.registerFunction('ListsNamespace.range(int): list<int>', (_: unknown, n: bigint) =>
    Array.from({ length: Math.max(0, Number(n)) }, (_x, i) => BigInt(i))
  )
  env.registerFunction(
    'SetsNamespace.contains(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => b.every(x => a.some(y => celEquals(x, y)))
  )
  env.registerFunction(
    'SetsNamespace.equivalent(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) =>
      b.every(x => a.some(y => celEquals(x, y))) && a.every(x => b.some(y => celEquals(x, y)))
  )
  env.registerFunction(
    'SetsNamespace.intersects(list, list): bool',
    (_: unknown, a: unknown[], b: unknown[]) => a.some(x => b.some(y => celEquals(x, y)))
  )
}

export { celEquals }
