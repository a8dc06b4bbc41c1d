/**
 * The grammars the cluster parses idp's text values with, so a value it would refuse (or read otherwise)
 * is refused at render time, on its idp.yaml line, instead of after promotion. Each answers with why the
 * value does not fit, or undefined when it does.
 */

/**
 * A Kubernetes resource quantity (k8s.io/apimachinery `resource.ParseQuantity`): a non-negative number
 * with a binary-SI (`Ki`…`Ei`), decimal-SI (`n`, `u`, `m`, `k`, `M`…`E`) or exponent (`e3`) suffix.
 */
const QUANTITY = /^\+?([0-9]+(\.[0-9]*)?|\.[0-9]+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$/

export function quantityProblem(value: string): string | undefined {
  if (QUANTITY.test(value)) return undefined
  if (value.startsWith('-')) return 'is negative'
  return 'is not a Kubernetes quantity (a number with an optional suffix such as 250m, 0.5, 512Mi or 2Gi)'
}

/** A Go duration (`time.ParseDuration`), as ESO reads `refreshInterval`: `1h`, `15m`, `1h30m`, `0`. */
const GO_DURATION =
  /^([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h)(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))*$/

/** Nanoseconds per Go duration unit. */
const GO_UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n
}
const GO_MAX_DURATION_NS = 2n ** 63n - 1n

/** A duration's length in nanoseconds as Go's time.ParseDuration adds it up (fractions truncated). */
function goDurationNs(value: string): bigint {
  let total = 0n
  for (const [, whole, fraction = '', unit] of value.matchAll(
    /([0-9]*)(?:\.([0-9]*))?(ns|us|µs|μs|ms|s|m|h)/g
  )) {
    const perUnit = GO_UNIT_NS[unit]
    total += BigInt(whole || '0') * perUnit
    if (fraction !== '') total += (BigInt(fraction) * perUnit) / 10n ** BigInt(fraction.length)
  }
  return total
}

export function goDurationProblem(value: string): string | undefined {
  if (value === '0') return undefined
  if (GO_DURATION.test(value))
    return goDurationNs(value) > GO_MAX_DURATION_NS
      ? 'is longer than a Go duration can be (at most 2562047h47m16.854775807s)'
      : undefined
  if (/^[0-9.]+[dwy]$/i.test(value))
    return 'uses a unit Go durations do not have (only ns, us, ms, s, m and h: write 24h for a day)'
  return 'is not a Go duration (a number and unit, such as 15m, 1h or 1h30m)'
}

// CronJob `spec.schedule`: robfig/cron v3 `ParseStandard` (five fields or a descriptor); the API server
// refuses TZ= and CRON_TZ= in it (`spec.timeZone` sets the zone).
const CRON_MACROS = new Set([
  '@yearly',
  '@annually',
  '@monthly',
  '@weekly',
  '@daily',
  '@midnight',
  '@hourly'
])
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']
const CRON_FIELDS: readonly { name: string; min: number; max: number; names?: string[] }[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS }
]

export function cronScheduleProblem(value: string): string | undefined {
  const spec = value.trim()
  if (/^(CRON_)?TZ=/.test(spec))
    return 'sets a time zone in the schedule, which Kubernetes refuses (set the time zone with the timeZone property)'
  if (spec.startsWith('@every ')) {
    const why = goDurationProblem(spec.slice('@every '.length).trim())
    return why ? `has an @every interval that ${why}` : undefined
  }
  if (spec.startsWith('@'))
    return CRON_MACROS.has(spec)
      ? undefined
      : `is not a cron macro (${[...CRON_MACROS].join(', ')} or @every <duration>)`
  const fields = spec.split(/\s+/)
  if (fields.length !== 5)
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; a CronJob schedule has five (minute hour day-of-month month day-of-week)`
  for (let i = 0; i < 5; i++) {
    const why = cronFieldProblem(fields[i], CRON_FIELDS[i])
    if (why) return `has a ${CRON_FIELDS[i].name} field '${fields[i]}' that ${why}`
  }
  return undefined
}

function cronFieldProblem(field: string, bounds: (typeof CRON_FIELDS)[number]): string | undefined {
  const valueOf = (text: string): number | undefined => {
    if (/^[0-9]+$/.test(text)) return Number(text)
    const index = bounds.names?.indexOf(text.toLowerCase()) ?? -1
    return index < 0 ? undefined : index + (bounds.min === 1 ? 1 : 0)
  }
  for (const part of field.split(',')) {
    const [range, step, extra] = part.split('/')
    if (extra !== undefined) return 'has more than one /'
    if (step !== undefined && !(/^[0-9]+$/.test(step) && Number(step) > 0))
      return 'has a step that is not a positive number'
    if (range === '*' || range === '?') continue
    const [lowText, highText, more] = range.split('-')
    if (more !== undefined) return 'has a range with more than one -'
    const low = valueOf(lowText)
    const high = highText === undefined ? low : valueOf(highText)
    if (low === undefined || high === undefined)
      return `is not a number${bounds.names ? ' or name' : ''}, *, a range or a list`
    if (low < bounds.min || high > bounds.max) return `is outside ${bounds.min}-${bounds.max}`
    if (low > high) return 'has a range whose start is after its end'
  }
  return undefined
}

/** A label value: at most 63 characters, alphanumeric at both ends, `-`, `_` and `.` inside. */
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

export function labelValueProblem(value: string): string | undefined {
  if (value.length > 63) return `is ${value.length} characters long; a label value has at most 63`
  if (!LABEL_VALUE.test(value))
    return 'is not a label value (letters, digits, -, _ and ., starting and ending with a letter or digit)'
  return undefined
}

const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/

/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at most 63. */
export function qualifiedNameProblem(key: string): string | undefined {
  const slash = key.lastIndexOf('/')
  const prefix = slash < 0 ? undefined : key.slice(0, slash)
  const name = slash < 0 ? key : key.slice(slash + 1)
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix)))
    return 'has a prefix that is not a DNS subdomain (lower-case letters, digits, - and .)'
  if (name.length > 63) return `has a name part of ${name.length} characters; at most 63`
  if (!LABEL_NAME.test(name))
    return 'is not a qualified name (letters, digits, -, _ and ., starting and ending with a letter or digit)'
  return undefined
}

/** A Service name (DNS-1035 label): at most 63, lower-case, starting with a letter. */
export function serviceNameProblem(name: string): string | undefined {
  if (name.length > 63) return `is ${name.length} characters long; at most 63`
  if (!/^[a-z]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return 'is not a DNS-1035 label (lower-case letters, digits and -, starting with a letter)'
  return undefined
}

/** A DNS-1123 label (namespaces, names copied into labels): at most 63. */
export function dnsLabelProblem(name: string, max = 63): string | undefined {
  if (name.length > max) return `is ${name.length} characters long; at most ${max}`
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    return 'is not a DNS-1123 label (lower-case letters, digits and -)'
  return undefined
}

/** A DNS-1123 subdomain (Secret names): at most 253. */
export function dnsSubdomainProblem(name: string): string | undefined {
  if (name.length > 253) return `is ${name.length} characters long; at most 253`
  if (!DNS_SUBDOMAIN.test(name))
    return 'is not a DNS-1123 subdomain (lower-case letters, digits, - and .)'
  return undefined
}

/** A container port number or an IANA service name (`http`), as probes and Services take. */
export function portProblem(value: unknown): string | undefined {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 1 && value <= 65535
      ? undefined
      : 'is not a port number (1-65535)'
  if (typeof value === 'string')
    return value.length <= 15 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value) && /[a-z]/.test(value)
      ? undefined
      : 'is neither a port number (1-65535) nor a port name (at most 15 lower-case letters, digits and -)'
  return undefined
}
