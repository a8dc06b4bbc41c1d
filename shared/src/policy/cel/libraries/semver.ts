// The Kubernetes CEL semver library (`k8s.io/apiserver/pkg/cel/library/semverlib.go`): `semver("1.2.3")`,
// `isSemver`, `major`/`minor`/`patch`, `compareTo`, `isGreaterThan`, `isLessThan`. Strict SemVer 2.0
// (no leading `v`, no missing parts), precedence with pre-release identifiers as the spec orders them.
import type { Environment } from '@marcbachmann/cel-js'

const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/

export class Semver {
  constructor(
    readonly major: bigint,
    readonly minor: bigint,
    readonly patch: bigint,
    readonly pre: readonly string[]
  ) {}
}

function parse(text: string): Semver | undefined {
  const m = SEMVER.exec(text)
  if (!m) return undefined
  return new Semver(BigInt(m[1]), BigInt(m[2]), BigInt(m[3]), m[4] ? m[4].split('.') : [])
}

function comparePre(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] === undefined) return -1
    if (b[i] === undefined) return 1
    const na = /^\d+$/.test(a[i])
    const nb = /^\d+$/.test(b[i])
    if (na && nb) {
      const d = Number(a[i]) - Number(b[i])
      if (d !== 0) return Math.sign(d)
    } else if (na !== nb) return na ? -1 : 1
    else if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1
  }
  return 0
}

export function compareSemvers(a: Semver, b: Semver): number {
  for (const k of ['major', 'minor', 'patch'] as const)
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1
  return comparePre(a.pre, b.pre)
}

export function registerSemver(env: Environment): void {
  env.registerType('Semver', Semver)
  env.registerFunction('semver(string): Semver', (s: string) => {
    const v = parse(s)
    if (!v) throw new Error(`could not parse semver: ${s}`)
    return v
  })
  env.registerFunction('isSemver(string): bool', (s: string) => parse(s) !== undefined)
  env.registerFunction('Semver.major(): int', (v: Semver) => v.major)
  env.registerFunction('Semver.minor(): int', (v: Semver) => v.minor)
  env.registerFunction('Semver.patch(): int', (v: Semver) => v.patch)
  env.registerFunction('Semver.compareTo(Semver): int', (a: Semver, b: Semver) =>
    BigInt(compareSemvers(a, b))
  )
  env.registerFunction(
    'Semver.isGreaterThan(Semver): bool',
    (a: Semver, b: Semver) => compareSemvers(a, b) > 0
  )
  env.registerFunction(
    'Semver.isLessThan(Semver): bool',
    (a: Semver, b: Semver) => compareSemvers(a, b) < 0
  )
  env.registerOperator('Semver == Semver', (a: Semver, b: Semver) => compareSemvers(a, b) === 0)
}
