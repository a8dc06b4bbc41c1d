// The CEL strings extension as Kubernetes enables it (cel-go `ext.Strings`, version 2+): what cel-js
// lacks — `charAt`, `replace`, `reverse`, `format`, `strings.quote` — with cel-go's semantics
// (code-point indexing, `replace` with a limit, `%s %d %f %e %x %X %o %b %v` in `format`).
import type { Environment } from '@marcbachmann/cel-js'
import { celText } from '../values.js'

/** The receiver of `strings.quote(...)`. */
export class StringsNamespace {}

function codePoints(s: string): string[] {
  return [...s]
}

/** Go `strings.Replace(s, from, to, n)`; n < 0 replaces all, an empty `from` matches around each rune. */
function replaceN(s: string, from: string, to: string, n: number): string {
  if (n === 0 || (from === to && from !== '')) return s
  if (from === '') {
    const points = codePoints(s)
    let out = ''
    let done = 0
    for (let i = 0; i <= points.length; i++) {
      if (n < 0 || done < n) {
        out += to
        done++
      }
      out += points[i] ?? ''
    }
    return out
  }
  let out = ''
  let rest = s
  for (let done = 0; n < 0 || done < n; done++) {
    const at = rest.indexOf(from)
    if (at < 0) break
    out += rest.slice(0, at) + to
    rest = rest.slice(at + from.length)
  }
  return out + rest
}

/** Go's `%.Nf`: like toFixed, but an exact tie rounds to even (0.25 → "0.2"), as strconv does. */
function goFixed(x: number, digits: number): string {
  const scaled = Math.abs(x) * 10 ** digits
  if (scaled % 1 === 0.5 && Math.floor(scaled) % 2 === 0)
    return (Math.sign(x) * (Math.floor(scaled) / 10 ** digits)).toFixed(digits)
  return x.toFixed(digits)
}

function formatNumber(verb: string, value: unknown, precision: number | undefined): string {
  const n = typeof value === 'bigint' ? value : Number(value)
  switch (verb) {
    case 'd':
      if (typeof value !== 'bigint' && !Number.isInteger(n))
        throw new Error(
          `error during formatting: decimal clause can only be used on integers, was given ${typeof value}`
        )
      return String(n)
    case 'f':
      return goFixed(Number(n), precision ?? 6)
    case 'e': {
      const [m, e] = Number(n)
        .toExponential(precision ?? 6)
        .split('e')
      const exp = Number(e)
      return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`
    }
    case 'x':
    case 'X': {
      const text =
        typeof value === 'string'
          ? Buffer.from(value, 'utf8').toString('hex')
          : value instanceof Uint8Array
            ? Buffer.from(value).toString('hex')
            : (typeof n === 'bigint' ? n : BigInt(Math.trunc(Number(n)))).toString(16)
      return verb === 'X' ? text.toUpperCase() : text
    }
    case 'o':
      return (typeof n === 'bigint' ? n : BigInt(Math.trunc(Number(n)))).toString(8)
    case 'b':
      if (typeof value === 'boolean') return String(value)
      return (typeof n === 'bigint' ? n : BigInt(Math.trunc(Number(n)))).toString(2)
    default:
      throw new Error(`could not parse formatting clause: unrecognized formatting clause "${verb}"`)
  }
}

/** cel-go `format`: `%%`, `%s`/`%v`, `%d`, `%f`/`%.Nf`, `%e`, `%x`/`%X`, `%o`, `%b`. */
export function formatString(template: string, args: readonly unknown[]): string {
  let out = ''
  let next = 0
  for (let i = 0; i < template.length; i++) {
    const c = template[i]
    if (c !== '%') {
      out += c
      continue
    }
    if (template[i + 1] === '%') {
      out += '%'
      i++
      continue
    }
    let j = i + 1
    let precision: number | undefined
    if (template[j] === '.') {
      let digits = ''
      j++
      while (/[0-9]/.test(template[j] ?? '')) digits += template[j++]
      precision = Number(digits)
    }
    const verb = template[j]
    if (verb === undefined) throw new Error('unexpected end of format string')
    if (next >= args.length) throw new Error(`index ${next} out of range`)
    const arg = args[next++]
    out += verb === 's' || verb === 'v' ? celText(arg) : formatNumber(verb, arg, precision)
    i = j
  }
  return out
}

/** Go `strconv.Quote`-style quoting, as `strings.quote` does. */
function quote(s: string): string {
  return JSON.stringify(s)
}

export function registerStrings(env: Environment): void {
  env.registerType('StringsNamespace', StringsNamespace)
  env.registerConstant('strings', 'StringsNamespace', new StringsNamespace())
  env.registerFunction('string.charAt(int): string', (s: string, i: bigint) => {
    const points = codePoints(s)
    const at = Number(i)
    if (at < 0 || at > points.length) throw new Error(`index out of range: ${at}`)
    return points[at] ?? ''
  })
  env.registerFunction(
    'string.replace(string, string): string',
    (s: string, a: string, b: string) => replaceN(s, a, b, -1)
  )
  env.registerFunction(
    'string.replace(string, string, int): string',
    (s: string, a: string, b: string, n: bigint) => replaceN(s, a, b, Number(n))
  )
  env.registerFunction('string.reverse(): string', (s: string) => codePoints(s).reverse().join(''))
  env.registerFunction('string.format(list): string', (s: string, args: unknown[]) =>
    formatString(s, args)
  )
  env.registerFunction('StringsNamespace.quote(string): string', (_: unknown, s: string) =>
    quote(s)
  )
}
