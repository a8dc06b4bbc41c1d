// Scalar parsers Kyverno compares with: Kubernetes resource quantities (`1Gi`, `500m`, `2`), Go
// durations (`1h30m`, `10s`) and tolerant semantic versions. Each returns undefined when the text does
// not parse, exactly where the Go parser would return an error.

const binarySuffixes: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60
}
const decimalSuffixes: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18
}

const quantityRe = /^([+-]?(?:\d+\.?\d*|\.\d+))([a-zA-Z]*|[eE][+-]?\d+)$/

/** k8s.io/apimachinery `resource.ParseQuantity`, as a number (exact enough for comparisons). */
export function parseQuantity(text: string): number | undefined {
  const s = text.trim()
  if (s === '' || s !== text) return undefined
  const m = quantityRe.exec(s)
  if (!m) return undefined
  const num = Number(m[1])
  if (!Number.isFinite(num)) return undefined
  const suffix = m[2]
  // Own keys only: a suffix such as `constructor` is not a unit.
  if (Object.hasOwn(binarySuffixes, suffix)) return num * binarySuffixes[suffix]
  if (Object.hasOwn(decimalSuffixes, suffix)) return num * decimalSuffixes[suffix]
  if (/^[eE][+-]?\d+$/.test(suffix)) return num * 10 ** Number(suffix.slice(1))
  return undefined
}

const durationUnits: Record<string, number> = {
  ns: 1e-9,
  us: 1e-6,
  µs: 1e-6,
  μs: 1e-6,
  ms: 1e-3,
  s: 1,
  m: 60,
  h: 3600
}

/** Go `time.ParseDuration`, in seconds. `"0"` parses; a bare number otherwise does not. */
export function parseDuration(text: string): number | undefined {
  let s = text
  if (s === '') return undefined
  let sign = 1
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1
    s = s.slice(1)
  }
  if (s === '0') return 0
  if (s === '') return undefined
  const re = /(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y
  let total = 0
  let pos = 0
  while (pos < s.length) {
    re.lastIndex = pos
    const m = re.exec(s)
    if (!m) return undefined
    total += Number(m[1]) * durationUnits[m[2]]
    pos = re.lastIndex
  }
  return sign * total
}

export interface SemVer {
  readonly major: number
  readonly minor: number
  readonly patch: number
  readonly pre: string
}

/** blang/semver `ParseTolerant`: optional `v`, missing minor/patch filled with 0. */
export function parseSemver(text: string): SemVer | undefined {
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(
    text.trim()
  )
  if (!m) return undefined
  return {
    major: Number(m[1]),
    minor: Number(m[2] ?? 0),
    patch: Number(m[3] ?? 0),
    pre: m[4] ?? ''
  }
}

export function compareSemver(a: SemVer, b: SemVer): number {
  for (const k of ['major', 'minor', 'patch'] as const)
    if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1
  if (a.pre === b.pre) return 0
  if (a.pre === '') return 1
  if (b.pre === '') return -1
  return a.pre < b.pre ? -1 : 1
}

/** Go's `fmt.Sprint` of a JSON value, as the In-family operators stringify keys. */
export function goSprint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>'
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `[${value.map(goSprint).join(' ')}]`
  if (typeof value === 'object') {
    const entries = Object.keys(value as object)
      .sort()
      .map(k => `${k}:${goSprint((value as Record<string, unknown>)[k])}`)
    return `map[${entries.join(' ')}]`
  }
  return String(value)
}
