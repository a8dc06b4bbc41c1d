// A small evaluator for the GitHub Actions expression language, enough to run our own workflows' steps
// in tests: literals, context access (a.b, a['b'], a[expr]), ! && || == != < > <= >=, parentheses, and the
// functions fromJSON, toJSON, format, contains, startsWith, endsWith, and the status functions. Semantics
// follow the documented rules: && and || return an operand, falsy is false/0/''/null, == compares strings
// case-insensitively and otherwise converts both sides to numbers.

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value }
export type Context = Record<string, Value>
export interface Status {
  readonly success: boolean
  readonly cancelled: boolean
}

type Token = { kind: 'num' | 'str' | 'id' | 'op'; text: string; value?: Value }

function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < source.length) {
    const c = source[i]
    if (/\s/.test(c)) {
      i++
    } else if (c === "'") {
      let text = ''
      for (i++; i < source.length; i++) {
        if (source[i] === "'" && source[i + 1] === "'") {
          text += "'"
          i++
        } else if (source[i] === "'") break
        else text += source[i]
      }
      i++
      tokens.push({ kind: 'str', text, value: text })
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(source.slice(i))!
      tokens.push({ kind: 'num', text: m[0], value: Number(m[0]) })
      i += m[0].length
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(source.slice(i))!
      tokens.push({ kind: 'id', text: m[0] })
      i += m[0].length
    } else {
      const two = source.slice(i, i + 2)
      const op = ['&&', '||', '==', '!=', '<=', '>='].includes(two) ? two : c
      if (!'!<>()[].,'.includes(op) && op.length === 1) {
        throw new Error(`unexpected '${c}' in expression: ${source}`)
      }
      tokens.push({ kind: 'op', text: op })
      i += op.length
    }
  }
  return tokens
}

export function truthy(v: Value): boolean {
  return !(v === null || v === false || v === 0 || v === '' || Number.isNaN(v))
}

function toNumber(v: Value): number {
  if (v === null) return 0
  if (typeof v === 'boolean') return v ? 1 : 0
  if (typeof v === 'number') return v
  if (typeof v === 'string') return v.trim() === '' ? 0 : Number(v)
  return NaN
}

function looseEquals(a: Value, b: Value): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase()
  if (typeof a === 'object' && a !== null) return a === b
  return toNumber(a) === toNumber(b)
}

export function toText(v: Value): string {
  if (v === null) return ''
  if (typeof v === 'object') return JSON.stringify(v, null, 2)
  return String(v)
}

function index(target: Value, key: Value): Value {
  if (target === null || typeof target !== 'object') return null
  if (Array.isArray(target)) return target[toNumber(key)] ?? null
  const wanted = toText(key).toLowerCase()
  const found = Object.keys(target).find(k => k.toLowerCase() === wanted)
  return found === undefined ? null : target[found]
}

export function evaluate(source: string, context: Context, status?: Status): Value {
  const tokens = tokenize(source)
  let pos = 0
  const peek = () => tokens[pos]
  const take = (text?: string) => {
    const t = tokens[pos++]
    if (!t || (text && t.text !== text)) throw new Error(`expected '${text}' in: ${source}`)
    return t
  }

  const functions: Record<string, (args: Value[]) => Value> = {
    fromjson: ([s]) => JSON.parse(toText(s)) as Value,
    tojson: ([v]) => JSON.stringify(v, null, 2),
    format: ([f, ...args]) => toText(f).replace(/\{(\d+)\}/g, (_, n) => toText(args[Number(n)])),
    contains: ([hay, needle]) =>
      Array.isArray(hay)
        ? hay.some(v => looseEquals(v, needle))
        : toText(hay).toLowerCase().includes(toText(needle).toLowerCase()),
    startswith: ([s, p]) => toText(s).toLowerCase().startsWith(toText(p).toLowerCase()),
    endswith: ([s, p]) => toText(s).toLowerCase().endsWith(toText(p).toLowerCase()),
    success: () => status?.success ?? true,
    failure: () => !(status?.success ?? true),
    cancelled: () => status?.cancelled ?? false,
    always: () => true
  }

  function primary(): Value {
    const t = take()
    if (t.kind === 'str' || t.kind === 'num') return t.value!
    if (t.kind === 'op' && t.text === '(') {
      const v = or()
      take(')')
      return v
    }
    if (t.kind === 'op' && t.text === '!') return !truthy(primary())
    if (t.kind !== 'id') throw new Error(`unexpected '${t.text}' in: ${source}`)
    if (t.text === 'true' || t.text === 'false') return t.text === 'true'
    if (t.text === 'null') return null
    if (peek()?.text === '(') {
      take('(')
      const args: Value[] = []
      while (peek()?.text !== ')') {
        args.push(or())
        if (peek()?.text === ',') take(',')
      }
      take(')')
      const fn = functions[t.text.toLowerCase()]
      if (!fn) throw new Error(`unknown function ${t.text}`)
      return postfix(fn(args))
    }
    return postfix(index(context as Value, t.text))
  }

  function postfix(value: Value): Value {
    let v = value
    for (;;) {
      if (peek()?.text === '.') {
        take('.')
        v = index(v, take().text)
      } else if (peek()?.text === '[') {
        take('[')
        const key = or()
        take(']')
        v = index(v, key)
      } else return v
    }
  }

  function comparison(): Value {
    let left = primary()
    while (['==', '!=', '<', '>', '<=', '>='].includes(peek()?.text ?? '')) {
      const op = take().text
      const right = primary()
      if (op === '==') left = looseEquals(left, right)
      else if (op === '!=') left = !looseEquals(left, right)
      else {
        const [a, b] = [toNumber(left), toNumber(right)]
        left = op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b
      }
    }
    return left
  }

  function and(): Value {
    let left = comparison()
    while (peek()?.text === '&&') {
      take('&&')
      const right = comparison()
      left = truthy(left) ? right : left
    }
    return left
  }

  function or(): Value {
    let left = and()
    while (peek()?.text === '||') {
      take('||')
      const right = and()
      left = truthy(left) ? left : right
    }
    return left
  }

  const result = or()
  if (pos !== tokens.length) throw new Error(`trailing tokens in: ${source}`)
  return result
}

/** A workflow value: `${{ … }}` pieces interpolated; a value that is one expression keeps its type. */
export function interpolate(text: unknown, context: Context, status?: Status): Value {
  if (typeof text !== 'string') return (text ?? null) as Value
  const whole = /^\s*\$\{\{([\s\S]*?)\}\}\s*$/.exec(text)
  if (whole && !whole[1].includes('}}')) return evaluate(whole[1], context, status)
  return text.replace(/\$\{\{([\s\S]*?)\}\}/g, (_, expr: string) =>
    toText(evaluate(expr, context, status))
  )
}

/** An `if:` condition: with or without `${{ }}`; without a status function, success() is implied. */
export function condition(text: unknown, context: Context, status: Status): boolean {
  if (text === undefined) return status.success && !status.cancelled
  const source = String(text)
    .replace(/^\s*\$\{\{/, '')
    .replace(/\}\}\s*$/, '')
  const usesStatus = /\b(success|failure|cancelled|always)\s*\(/.test(source)
  const value = truthy(evaluate(source, context, status))
  return usesStatus ? value : value && status.success && !status.cancelled
}
