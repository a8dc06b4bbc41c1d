// Kyverno's time functions (pkg/engine/jmespath/time.go) over RFC 3339 timestamps and Go layouts.
// Results are written in UTC (`2006-01-02T15:04:05Z`); Go keeps the input's offset, which names the
// same instant.
import { LinearRegExp } from '../../boundary/regex.js'
import { formatDuration } from './arithmetic.js'
import { parseDuration } from './quantity.js'

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December'
]
const days = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

// Go layout elements, longest first, with the pattern each reads and what it sets.
const elements: [string, string, string][] = [
  ['January', `(${months.join('|')})`, 'monthName'],
  ['Monday', `(?:${days.join('|')})`, ''],
  ['Jan', `(${months.map(m => m.slice(0, 3)).join('|')})`, 'monthShort'],
  ['Mon', `(?:${days.map(d => d.slice(0, 3)).join('|')})`, ''],
  ['2006', '(\\d{4})', 'year'],
  ['Z07:00', '(Z|[+-]\\d{2}:\\d{2})', 'zone'],
  ['-07:00', '([+-]\\d{2}:\\d{2})', 'zone'],
  ['Z0700', '(Z|[+-]\\d{4})', 'zone'],
  ['-0700', '([+-]\\d{4})', 'zone'],
  ['MST', '(?:[A-Z]{3,4})', ''],
  ['.000000000', '(\\.\\d{9})', 'frac'],
  ['.000000', '(\\.\\d{6})', 'frac'],
  ['.000', '(\\.\\d{3})', 'frac'],
  ['.999999999', '(\\.\\d{1,9})?', 'frac'],
  ['.999999', '(\\.\\d{1,6})?', 'frac'],
  ['.999', '(\\.\\d{1,3})?', 'frac'],
  ['01', '(\\d{2})', 'month'],
  ['02', '(\\d{2})', 'day'],
  ['_2', '[ ]?(\\d{1,2})', 'day'],
  ['15', '(\\d{2})', 'hour'],
  ['03', '(\\d{2})', 'hour12'],
  ['04', '(\\d{2})', 'minute'],
  ['05', '(\\d{2})', 'second'],
  ['06', '(\\d{2})', 'year2'],
  ['PM', '(AM|PM)', 'ampm'],
  ['pm', '(am|pm)', 'ampm'],
  ['1', '(\\d{1,2})', 'month'],
  ['2', '(\\d{1,2})', 'day'],
  ['3', '(\\d{1,2})', 'hour12'],
  ['4', '(\\d{1,2})', 'minute'],
  ['5', '(\\d{1,2})', 'second']
]

const RFC3339 = '2006-01-02T15:04:05Z07:00'

/** Go `time.Parse(layout, value)`; an empty layout means RFC 3339. */
export function parseGoTime(layout: string, value: string): Date {
  const fields: string[] = []
  let re = '^'
  let rest = layout === '' ? RFC3339 : layout
  while (rest.length > 0) {
    const hit = elements.find(([token]) => rest.startsWith(token))
    if (hit) {
      re += hit[1]
      if (hit[2]) fields.push(hit[2])
      rest = rest.slice(hit[0].length)
    } else {
      re += rest[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      rest = rest.slice(1)
    }
  }
  // A layout is policy text: its pattern runs on RE2, so `1111…` against a long value stays linear.
  const m = LinearRegExp.compile(`${re}$`).exec(value)?.groups
  if (!m) throw new Error(`cannot parse "${value}" as "${layout || RFC3339}"`)
  const v: Record<string, string> = {}
  fields.forEach((f, i) => (v[f] = m[i + 1] ?? ''))
  const month = v.month
    ? Number(v.month) - 1
    : v.monthName
      ? months.indexOf(v.monthName)
      : v.monthShort
        ? months.findIndex(x => x.startsWith(v.monthShort))
        : 0
  let hour = Number(v.hour ?? v.hour12 ?? 0)
  if (v.ampm && /pm/i.test(v.ampm) && hour < 12) hour += 12
  if (v.ampm && /am/i.test(v.ampm) && hour === 12) hour = 0
  const year = v.year
    ? Number(v.year)
    : v.year2
      ? 2000 + Number(v.year2) - (Number(v.year2) >= 69 ? 100 : 0)
      : 0
  const ms = v.frac ? Math.round(Number(`0${v.frac}`) * 1000) : 0
  let t = Date.UTC(
    year,
    month,
    Number(v.day || 1),
    hour,
    Number(v.minute || 0),
    Number(v.second || 0),
    ms
  )
  if (v.zone && v.zone !== 'Z') {
    const z = /([+-])(\d{2}):?(\d{2})/.exec(v.zone)!
    t -= (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3])) * 60000
  }
  return new Date(t)
}

export function formatRfc3339(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z')
}

function duration(text: string): number {
  const d = parseDuration(text)
  if (d === undefined) throw new Error(`invalid duration '${text}'`)
  return d
}

export const timeSince = (layout: string, start: string, end: string): string =>
  formatDuration(
    ((end === '' ? new Date() : parseGoTime(layout, end)).getTime() -
      parseGoTime(layout, start).getTime()) /
      1000
  )
export const timeAdd = (t: string, d: string): string =>
  formatRfc3339(new Date(parseGoTime('', t).getTime() + duration(d) * 1000))
export const timeUtc = (t: string): string => formatRfc3339(parseGoTime('', t))
export const timeParse = (layout: string, t: string): string =>
  formatRfc3339(parseGoTime(layout, t))
export const timeBefore = (a: string, b: string): boolean => parseGoTime('', a) < parseGoTime('', b)
export const timeAfter = (a: string, b: string): boolean => parseGoTime('', a) > parseGoTime('', b)
export const timeDiff = (a: string, b: string): string =>
  formatDuration((parseGoTime('', b).getTime() - parseGoTime('', a).getTime()) / 1000)

export function timeBetween(t: string, start: string, end: string): boolean {
  const x = parseGoTime('', t)
  return x > parseGoTime('', start) && x < parseGoTime('', end)
}

/** Go `Time.Truncate`: down to a multiple of the duration (durations that divide a day align with the epoch). */
export function timeTruncate(t: string, d: string): string {
  const step = duration(d) * 1000
  const ms = parseGoTime('', t).getTime()
  return formatRfc3339(new Date(step > 0 ? Math.floor(ms / step) * step : ms))
}

/** `minute hour day-of-month month day-of-week` of the instant, in UTC. */
export function timeToCron(t: string): string {
  const x = parseGoTime('', t)
  return `${x.getUTCMinutes()} ${x.getUTCHours()} ${x.getUTCDate()} ${x.getUTCMonth() + 1} ${x.getUTCDay()}`
}
