// The Kubernetes CEL quantity library (`k8s.io/apiserver/pkg/cel/library/quantity.go`):
// `quantity("500m")`, `isQuantity`, comparisons, `add`/`sub`, `asInteger`, `asApproximateFloat`,
// `isInteger`, `sign`. Values are held as doubles, exact for every quantity written in practice.
import type { Environment } from '@marcbachmann/cel-js'
import { parseQuantity } from '../../kyverno/quantity.js'

export class Quantity {
  constructor(
    readonly value: number,
    readonly text: string
  ) {}
  toString(): string {
    return this.text
  }
}

function quantity(text: string): Quantity {
  const value = parseQuantity(text)
  if (value === undefined)
    throw new Error(
      `quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${text}`
    )
  return new Quantity(value, text)
}

const cmp = (a: Quantity, b: Quantity): bigint =>
  a.value < b.value ? -1n : a.value > b.value ? 1n : 0n

export function registerQuantity(env: Environment): void {
  env.registerType('Quantity', Quantity)
  env.registerFunction('quantity(string): Quantity', quantity)
  env.registerFunction('isQuantity(string): bool', (s: string) => parseQuantity(s) !== undefined)
  env.registerFunction(
    'Quantity.isGreaterThan(Quantity): bool',
    (a: Quantity, b: Quantity) => a.value > b.value
  )
  env.registerFunction(
    'Quantity.isLessThan(Quantity): bool',
    (a: Quantity, b: Quantity) => a.value < b.value
  )
  env.registerFunction('Quantity.compareTo(Quantity): int', cmp)
  env.registerFunction('Quantity.sign(): int', (a: Quantity) => BigInt(Math.sign(a.value)))
  env.registerFunction('Quantity.isInteger(): bool', (a: Quantity) => Number.isSafeInteger(a.value))
  env.registerFunction('Quantity.asInteger(): int', (a: Quantity) => {
    if (!Number.isSafeInteger(a.value)) throw new Error('cannot convert value to integer')
    return BigInt(a.value)
  })
  env.registerFunction('Quantity.asApproximateFloat(): double', (a: Quantity) => a.value)
  env.registerFunction(
    'Quantity.add(Quantity): Quantity',
    (a: Quantity, b: Quantity) => new Quantity(a.value + b.value, String(a.value + b.value))
  )
  env.registerFunction(
    'Quantity.add(int): Quantity',
    (a: Quantity, b: bigint) => new Quantity(a.value + Number(b), String(a.value + Number(b)))
  )
  env.registerFunction(
    'Quantity.sub(Quantity): Quantity',
    (a: Quantity, b: Quantity) => new Quantity(a.value - b.value, String(a.value - b.value))
  )
  env.registerFunction(
    'Quantity.sub(int): Quantity',
    (a: Quantity, b: bigint) => new Quantity(a.value - Number(b), String(a.value - Number(b)))
  )
  env.registerOperator('Quantity == Quantity', (a: Quantity, b: Quantity) => a.value === b.value)
}
