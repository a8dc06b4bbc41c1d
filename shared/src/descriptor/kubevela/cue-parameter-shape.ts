// Reads the shape of a KubeVela definition's CUE `parameter:` block — field names, optionality,
// defaults, enums, lists, maps, open/closed structs, `#Definition` references — and compares it with a
// hand-written JSON Schema, so that upstream drift shows up as a list of differences.
//
// This is a reader for the subset of CUE that definition parameter blocks use, not a CUE evaluator:
// expressions that are not plain types or literals (`=~"re"` aside) are kept as opaque text, and
// fields under `if cond { ... }` are marked conditional (their requiredness depends on the condition).

export type CueShape =
  | { kind: 'struct'; fields: Map<string, CueField>; open: boolean; pattern?: CueShape }
  | { kind: 'list'; element?: CueShape }
  | { kind: 'ref'; name: string }
  | { kind: 'disjunction'; options: CueShape[]; defaultIndex?: number }
  | { kind: 'scalar'; text: string }

export interface CueField {
  readonly optional: boolean
  readonly conditional: boolean
  readonly shape: CueShape
}

export interface CueParameters {
  readonly parameter: CueShape
  /** `#Name: {...}` definitions declared in the template (`#HealthProbe`, `#PatchParams`). */
  readonly definitions: ReadonlyMap<string, CueShape>
}

const PUNCTUATION = ['...', '=~', '!~', '==', '!=', '<=', '>=', '&&', '||', '_|_']

function tokenize(text: string): string[] {
  const tokens: string[] = []
  let i = 0
  while (i < text.length) {
    const ch = text[i]!
    if (/\s/.test(ch)) i++
    else if (text.startsWith('//', i))
      i = text.indexOf('\n', i) === -1 ? text.length : text.indexOf('\n', i)
    else if (text.startsWith('#"""', i)) {
      const end = text.indexOf('"""#', i + 4)
      i = end === -1 ? text.length : end + 4
      tokens.push('""')
    } else if (ch === '"') {
      let j = i + 1
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1
      tokens.push(text.slice(i, j + 1))
      i = j + 1
    } else if (/[A-Za-z0-9_#$.]/.test(ch) && !text.startsWith('...', i)) {
      let j = i
      while (j < text.length && /[A-Za-z0-9_#$.]/.test(text[j]!)) j++
      tokens.push(text.slice(i, j))
      i = j
    } else {
      const op = PUNCTUATION.find(p => text.startsWith(p, i)) ?? ch
      tokens.push(op)
      i += op.length
    }
  }
  return tokens
}

class Parser {
  private pos = 0
  constructor(private readonly tokens: string[]) {}

  private peek(offset = 0): string | undefined {
    return this.tokens[this.pos + offset]
  }
  private next(): string {
    const token = this.tokens[this.pos++]
    if (token === undefined) throw new Error('unexpected end of CUE text')
    return token
  }
  private expect(token: string): void {
    const got = this.next()
    if (got !== token) throw new Error(`expected '${token}' but found '${got}' (token ${this.pos})`)
  }

  /** `label: value` at the current position; returns the value. */
  fieldValue(): CueShape {
    this.next()
    if (this.peek() === '?') this.next()
    this.expect(':')
    return this.expression()
  }

  expression(): CueShape {
    const options: CueShape[] = []
    let defaultIndex: number | undefined
    for (;;) {
      if (this.peek() === '*') {
        this.next()
        defaultIndex = options.length
      }
      options.push(this.unary())
      if (this.peek() !== '|' && this.peek() !== '&') break
      this.next()
    }
    if (options.length === 1) return options[0]!
    return defaultIndex === undefined
      ? { kind: 'disjunction', options }
      : { kind: 'disjunction', options, defaultIndex }
  }

  private unary(): CueShape {
    const token = this.next()
    if (token === '{') return this.structBody('}')
    if (token === '(') {
      const inner = this.expression()
      this.expect(')')
      return inner
    }
    if (token === '[') return this.bracket()
    if (token === 'close' && this.peek() === '(') {
      this.next()
      const inner = this.expression()
      this.expect(')')
      return inner
    }
    if (['=~', '!~', '<', '>', '<=', '>=', '!='].includes(token)) {
      const operand = this.unary()
      return { kind: 'scalar', text: `${token}${operand.kind === 'scalar' ? operand.text : ''}` }
    }
    // `a: b: value` shorthand for `a: {b: value}`.
    if (this.peek() === ':' || (this.peek() === '?' && this.peek(1) === ':')) {
      this.pos--
      const name = unquote(this.next())
      const optional = this.peek() === '?'
      this.pos--
      const shape = this.fieldValue()
      return {
        kind: 'struct',
        fields: new Map([[name, { optional, conditional: false, shape }]]),
        open: false
      }
    }
    if (token.startsWith('#')) return { kind: 'ref', name: token }
    return { kind: 'scalar', text: token }
  }

  /** After `[`: a list (`[...T]`, `["a"]`) or, when `]` is followed by `:`, a `[string]: T` map. */
  private bracket(): CueShape {
    const start = this.pos
    let depth = 1
    let end = start
    while (depth > 0) {
      const token = this.tokens[end++]
      if (token === undefined) throw new Error('unclosed [')
      if (token === '[') depth++
      if (token === ']') depth--
    }
    if (this.tokens[end] === ':') {
      this.pos = end + 1
      return { kind: 'struct', fields: new Map(), open: false, pattern: this.expression() }
    }
    let element: CueShape | undefined
    while (this.peek() !== ']') {
      if (this.peek() === '...') {
        this.next()
        if (this.peek() !== ']') element = this.expression()
      } else {
        element ??= this.expression()
      }
      if (this.peek() === ',') this.next()
    }
    this.next()
    return element === undefined ? { kind: 'list' } : { kind: 'list', element }
  }

  private structBody(close: string, conditional = false): CueShape & { kind: 'struct' } {
    const struct: CueShape & { kind: 'struct' } = { kind: 'struct', fields: new Map(), open: false }
    while (this.peek() !== close) {
      const token = this.peek()
      if (token === undefined) throw new Error('unclosed {')
      if (token === ',') {
        this.next()
      } else if (token === '...') {
        this.next()
        struct.open = true
      } else if (token === 'if') {
        while (this.next() !== '{');
        const inner = this.structBody('}', true)
        for (const [name, field] of inner.fields) struct.fields.set(name, field)
      } else if (token === '[') {
        this.next()
        const shape = this.bracket()
        if (shape.kind === 'struct' && shape.pattern) struct.pattern = shape.pattern
      } else {
        const name = unquote(token)
        const optional = this.peek(1) === '?'
        struct.fields.set(name, { optional, conditional, shape: this.fieldValue() })
      }
    }
    this.next()
    return struct
  }
}

function unquote(token: string): string {
  return token.startsWith('"') ? (JSON.parse(token) as string) : token
}

/** Parses the template-level `parameter:` and `#Name:` fields of a definition's CUE text. */
export function readCueParameters(text: string): CueParameters {
  const at = (pattern: RegExp) => {
    const match = pattern.exec(text)
    return match ? new Parser(tokenize(text.slice(match.index))).fieldValue() : undefined
  }
  const parameter = at(/^\tparameter\??:/m)
  if (!parameter) throw new Error('no template-level `parameter:` field found')
  const definitions = new Map<string, CueShape>()
  for (const match of text.matchAll(/^\t(#\w+):/gm)) {
    definitions.set(match[1]!, new Parser(tokenize(text.slice(match.index))).fieldValue())
  }
  return { parameter, definitions }
}
