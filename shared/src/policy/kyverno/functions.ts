// Kyverno's custom JMESPath functions (pkg/engine/jmespath/functions.go, time.go, arithmetic.go) on top
// of the standard set, registered once on the shared @jmespath-community/jmespath runtime. Functions
// whose names clash with the community library's own (`items`, `replace`, `sum`, `trim`, `split`) are
// overridden with Kyverno's signatures and behaviour.
import {
  registerFunction,
  TYPE_ANY,
  TYPE_ARRAY,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_STRING
} from '@jmespath-community/jmespath'
import type { JSONValue } from '@jmespath-community/jmespath'
import { parseYamlValue } from '../../boundary/yaml-limits.js'
import { createHash } from 'node:crypto'
import { add, divide, modulo, multiply, subtract, sum } from './arithmetic.js'
import { compareSemver, parseSemver } from './quantity.js'
import { goRegexMatch, goReplaceAll, goReplaceAllLiteral } from './regex.js'
import { wildcardMatch } from './wildcard.js'
import { normalizeImage } from './images.js'
import { x509Decode } from './x509.js'
import {
  formatRfc3339,
  timeAdd,
  timeAfter,
  timeBefore,
  timeBetween,
  timeDiff,
  timeParse,
  timeSince,
  timeToCron,
  timeTruncate,
  timeUtc
} from './time.js'

type Fn = (args: unknown[]) => unknown

let registered = false

function reg(name: string, fn: Fn, signature: number[][]): void {
  registerFunction(
    name,
    ((args: JSONValue[]) => fn(args) as JSONValue) as never,
    signature.map(types => ({ types })) as never,
    { override: true }
  )
}

const S = [TYPE_STRING]
const N = [TYPE_NUMBER]
const A = [TYPE_ANY]

function str(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value)
}

export function registerKyvernoFunctions(): void {
  if (registered) return
  registered = true
  reg('compare', ([a, b]) => ((a as string) < (b as string) ? -1 : a === b ? 0 : 1), [S, S])
  reg('equal_fold', ([a, b]) => (a as string).toLowerCase() === (b as string).toLowerCase(), [S, S])
  reg(
    'replace',
    ([s, o, n, c]) => {
      const count = c as number
      if (count < 0) return (s as string).split(o as string).join(n as string)
      let out = s as string
      let from = 0
      for (let i = 0; i < count; i++) {
        const at = out.indexOf(o as string, from)
        if (at < 0) break
        out = out.slice(0, at) + (n as string) + out.slice(at + (o as string).length)
        from = at + (n as string).length
      }
      return out
    },
    [S, S, S, N]
  )
  reg('replace_all', ([s, o, n]) => (s as string).split(o as string).join(n as string), [S, S, S])
  reg('to_upper', ([s]) => (s as string).toUpperCase(), [S])
  reg('to_lower', ([s]) => (s as string).toLowerCase(), [S])
  reg(
    'trim',
    ([s, cut]) => {
      const set = new Set((cut as string).split(''))
      let a = 0
      let b = (s as string).length
      while (a < b && set.has((s as string)[a])) a++
      while (b > a && set.has((s as string)[b - 1])) b--
      return (s as string).slice(a, b)
    },
    [S, S]
  )
  reg(
    'trim_prefix',
    ([s, p]) =>
      (s as string).startsWith(p as string) ? (s as string).slice((p as string).length) : s,
    [S, S]
  )
  reg('split', ([s, sep]) => (s as string).split(sep as string), [S, S])
  reg('regex_replace_all', ([re, src, rep]) => goReplaceAll(re as string, str(src), str(rep)), [
    S,
    [TYPE_STRING, TYPE_NUMBER],
    [TYPE_STRING, TYPE_NUMBER]
  ])
  reg(
    'regex_replace_all_literal',
    ([re, src, rep]) => goReplaceAllLiteral(re as string, str(src), str(rep)),
    [S, [TYPE_STRING, TYPE_NUMBER], [TYPE_STRING, TYPE_NUMBER]]
  )
  reg('regex_match', ([re, s]) => goRegexMatch(re as string, str(s)), [
    S,
    [TYPE_STRING, TYPE_NUMBER]
  ])
  reg('pattern_match', ([p, s]) => wildcardMatch(p as string, str(s)), [
    S,
    [TYPE_STRING, TYPE_NUMBER]
  ])
  reg(
    'label_match',
    ([selector, labels]) =>
      Object.entries(selector as Record<string, unknown>).every(
        ([k, v]) => (labels as Record<string, unknown>)[k] === v
      ),
    [[TYPE_OBJECT], [TYPE_OBJECT]]
  )
  reg(
    'to_boolean',
    ([s]) => {
      const v = (s as string).toLowerCase()
      if (v === 'true') return true
      if (v === 'false') return false
      throw new Error(`to_boolean: cannot convert '${s as string}'`)
    },
    [S]
  )
  reg('add', ([a, b]) => add(a, b), [A, A])
  reg('subtract', ([a, b]) => subtract(a, b), [A, A])
  reg('multiply', ([a, b]) => multiply(a, b), [A, A])
  reg('divide', ([a, b]) => divide(a, b), [A, A])
  reg('modulo', ([a, b]) => modulo(a, b), [A, A])
  reg('sum', ([a]) => sum(a), [[TYPE_ARRAY]])
  reg(
    'round',
    ([n, d]) => {
      const f = 10 ** (d as number)
      return Math.round((n as number) * f) / f
    },
    [N, N]
  )
  reg('base64_decode', ([s]) => Buffer.from(s as string, 'base64').toString('utf8'), [S])
  reg('base64_encode', ([s]) => Buffer.from(s as string, 'utf8').toString('base64'), [S])
  reg(
    'sha256',
    ([s]) =>
      createHash('sha256')
        .update(s as string)
        .digest('hex'),
    [S]
  )
  reg('truncate', ([s, n]) => (s as string).slice(0, Math.max(0, n as number)), [S, N])
  reg('parse_json', ([s]) => JSON.parse(s as string), [S])
  reg('x509_decode', ([s]) => x509Decode(s as string) as JSONValue, [S])
  // The text comes from a resource: parsed within the boundary's limits (depth, keys, documents).
  reg('parse_yaml', ([s]) => parseYamlValue(s as string) as JSONValue, [S])
  reg(
    'path_canonicalize',
    ([p]) => {
      const parts: string[] = []
      for (const part of (p as string).split('/')) {
        if (part === '' || part === '.') continue
        if (part === '..') parts.pop()
        else parts.push(part)
      }
      return ((p as string).startsWith('/') ? '/' : '') + parts.join('/') || '.'
    },
    [S]
  )
  reg(
    'semver_compare',
    ([v, range]) => {
      const version = parseSemver(v as string)
      if (!version) throw new Error(`semver_compare: invalid version '${v as string}'`)
      return (range as string).split('||').some(alt =>
        alt
          .trim()
          .split(/\s+/)
          .every(term => {
            const m = /^(>=|<=|>|<|!=|=)?\s*(.+)$/.exec(term)!
            const other = parseSemver(m[2])
            if (!other) throw new Error(`semver_compare: invalid range '${range as string}'`)
            const c = compareSemver(version, other)
            return {
              '>=': c >= 0,
              '<=': c <= 0,
              '>': c > 0,
              '<': c < 0,
              '!=': c !== 0,
              '=': c === 0
            }[m[1] ?? '=']!
          })
      )
    },
    [S, S]
  )
  reg(
    'lookup',
    ([collection, key]) => {
      if (Array.isArray(collection)) return collection[key as number] ?? null
      if (collection && typeof collection === 'object')
        return (collection as Record<string, unknown>)[key as string] ?? null
      throw new Error('lookup: expected an object or array')
    },
    [
      [TYPE_OBJECT, TYPE_ARRAY],
      [TYPE_STRING, TYPE_NUMBER]
    ]
  )
  reg(
    'items',
    ([collection, k, v]) => {
      if (Array.isArray(collection))
        return collection.map((value, i) => ({ [k as string]: i, [v as string]: value }))
      return Object.keys(collection as object)
        .sort()
        .map(key => ({
          [k as string]: key,
          [v as string]: (collection as Record<string, unknown>)[key]
        }))
    },
    [[TYPE_OBJECT, TYPE_ARRAY], S, S]
  )
  reg(
    'object_from_lists',
    ([keys, values]) =>
      Object.fromEntries(
        (keys as string[]).map((key, i) => [key, (values as unknown[])[i] ?? null])
      ),
    [[TYPE_ARRAY], [TYPE_ARRAY]]
  )
  reg('time_now', () => formatRfc3339(new Date()), [])
  reg('time_now_utc', () => formatRfc3339(new Date()), [])
  reg('time_since', ([l, a, b]) => timeSince(l as string, a as string, b as string), [S, S, S])
  reg('time_add', ([t, d]) => timeAdd(t as string, d as string), [S, S])
  reg('time_parse', ([l, t]) => timeParse(l as string, t as string), [S, S])
  reg('time_utc', ([t]) => timeUtc(t as string), [S])
  reg('time_diff', ([a, b]) => timeDiff(a as string, b as string), [S, S])
  reg('time_before', ([a, b]) => timeBefore(a as string, b as string), [S, S])
  reg('time_after', ([a, b]) => timeAfter(a as string, b as string), [S, S])
  reg('time_between', ([t, a, b]) => timeBetween(t as string, a as string, b as string), [S, S, S])
  reg('time_truncate', ([t, d]) => timeTruncate(t as string, d as string), [S, S])
  reg('time_to_cron', ([t]) => timeToCron(t as string), [S])
  reg('image_normalize', ([s]) => normalizeImage(s as string), [S])
  reg(
    'is_external_url',
    ([s]) => {
      try {
        const host = new URL(s as string).hostname
        return !/^(localhost|127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|\[?::1)/.test(host)
      } catch {
        return false
      }
    },
    [S]
  )
}
