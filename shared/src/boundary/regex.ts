// Boundary: how text that a service, a platform config or a policy supplies is matched. Every regular
// expression written by someone else than idp (platform configs, Kyverno policies, CRD and schema
// `pattern`s, Go time layouts) runs on RE2 (re2js): linear in the input, no backtracking, and with Go's
// syntax and semantics, which is what Kyverno and the Kubernetes API server use. Wildcards (`*`, `?`)
// are matched without any regular expression (boundary/wildcard.ts).
import { RE2JS, RE2JSException } from 're2js'

/** Longest pattern accepted: real ones are far shorter; compile time grows with program size. */
export const MAX_PATTERN_LENGTH = 8192

/** A pattern that does not compile (Go's message: "error parsing regexp: …"). */
export class RegExpSyntaxError extends Error {
  constructor(
    readonly pattern: string,
    message: string
  ) {
    super(message)
    this.name = 'RegExpSyntaxError'
  }
}

/** One match: the whole text and each group (undefined where a group did not take part). */
export interface LinearMatch {
  readonly index: number
  readonly end: number
  /** [0] is the whole match. */
  readonly groups: readonly (string | undefined)[]
}

export interface CompileOptions {
  /** JavaScript (ECMAScript) syntax, as JSON Schema `pattern` is written; translated to RE2. */
  readonly ecmaScript?: boolean
}

/** A compiled expression; methods mirror Go's `regexp.Regexp` (unanchored search, leftmost-first). */
export class LinearRegExp {
  private constructor(
    readonly source: string,
    private readonly re: RE2JS
  ) {}

  /** Compiles `pattern`; throws RegExpSyntaxError when it is not valid RE2 (Go `regexp.Compile`). */
  static compile(pattern: string, options: CompileOptions = {}): LinearRegExp {
    const key = `${options.ecmaScript ? 'e' : 'g'}:${pattern}`
    const cached = cache.get(key)
    if (cached) return cached
    if (pattern.length > MAX_PATTERN_LENGTH)
      throw new RegExpSyntaxError(
        pattern,
        `error parsing regexp: expression too long (${pattern.length} characters; at most ${MAX_PATTERN_LENGTH})`
      )
    let re: RE2JS
    try {
      re = RE2JS.compile(options.ecmaScript ? ecmaToRe2(pattern) : pattern)
    } catch (error) {
      if (error instanceof RE2JSException) throw new RegExpSyntaxError(pattern, error.message)
      throw error
    }
    const compiled = new LinearRegExp(pattern, re)
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    cache.set(key, compiled)
    return compiled
  }

  /** Whether the expression matches anywhere in `text` (Go `MatchString`). */
  test(text: string): boolean {
    return this.re.test(text)
  }

  /** The leftmost match in `text` at or after `from`, or undefined. */
  exec(text: string, from = 0): LinearMatch | undefined {
    const m = this.re.matcher(text)
    if (!m.find(from)) return undefined
    const groups: (string | undefined)[] = []
    for (let i = 0; i <= m.groupCount(); i++) groups.push(m.group(i) ?? undefined)
    return { index: m.start(), end: m.end(), groups }
  }

  /** Group names by index (Go `SubexpNames`; unnamed groups are ''). */
  groupNames(): string[] {
    const names = new Array<string>(this.re.groupCount() + 1).fill('')
    for (const [name, index] of Object.entries(this.re.namedGroups())) names[index] = name
    return names
  }

  /**
   * Go's `ReplaceAllStringFunc` loop: successive non-overlapping matches, an empty match right after
   * a previous match is ignored, and the search always moves on by at least one character.
   */
  replaceAll(text: string, replacement: (match: LinearMatch) => string): string {
    let out = ''
    let lastEnd = 0
    let searchFrom = 0
    while (searchFrom <= text.length) {
      const match = this.exec(text, searchFrom)
      if (!match) break
      out += text.slice(lastEnd, match.index)
      if (match.end > lastEnd || match.index === 0) out += replacement(match)
      lastEnd = match.end
      const width = (text.codePointAt(searchFrom) ?? 0) > 0xffff ? 2 : 1
      searchFrom = searchFrom + width > match.end ? searchFrom + width : match.end
    }
    return out + text.slice(lastEnd)
  }

  /** Go `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in `template` (`Regexp.Expand`). */
  replaceAllExpand(text: string, template: string): string {
    const names = this.groupNames()
    return this.replaceAll(text, match => expandTemplate(template, match, names))
  }

  /** Go `ReplaceAllLiteralString`. */
  replaceAllLiteral(text: string, replacement: string): string {
    return this.replaceAll(text, () => replacement)
  }
}

const CACHE_SIZE = 2000
const cache = new Map<string, LinearRegExp>()

/** Go `Regexp.Expand` for one match. */
function expandTemplate(template: string, match: LinearMatch, names: readonly string[]): string {
  let out = ''
  let rest = template
  for (;;) {
    const dollar = rest.indexOf('$')
    if (dollar < 0) break
    out += rest.slice(0, dollar)
    rest = rest.slice(dollar + 1)
    if (rest.startsWith('$')) {
      out += '$'
      rest = rest.slice(1)
      continue
    }
    const ref = /^(\{)?([\p{L}\p{Nd}_]+)/u.exec(rest)
    const braced = ref?.[1] === '{'
    if (!ref || (braced && rest[ref[0].length] !== '}')) {
      out += '$'
      continue
    }
    const name = ref[2]
    rest = rest.slice(ref[0].length + (braced ? 1 : 0))
    const index = /^(0|[1-9][0-9]{0,7})$/.test(name) ? Number(name) : names.indexOf(name)
    if (index >= 0 && index < match.groups.length) out += match.groups[index] ?? ''
  }
  return out + rest
}

/** JSON Schema patterns are ECMAScript; re2js translates its `\uXXXX`, `(?<name>` and `\/`. */
function ecmaToRe2(pattern: string): string {
  return RE2JS.translateRegExp(pattern)
}

/** Why `pattern` is not a valid RE2 expression, or undefined when it compiles. */
export function regExpSyntaxProblem(
  pattern: string,
  options: CompileOptions = {}
): string | undefined {
  try {
    LinearRegExp.compile(pattern, options)
    return undefined
  } catch (error) {
    if (error instanceof RegExpSyntaxError) return error.message
    throw error
  }
}

export interface AjvEngineOptions extends CompileOptions {
  /**
   * What a pattern RE2 cannot compile (lookaround, backreferences) does: `throw` makes the schema
   * fail to compile (callers report that to the schema's author); `reject-values` compiles a check
   * that no value passes, so validation fails closed at each value the pattern guards.
   */
  readonly onInvalid?: 'throw' | 'reject-values'
}

/**
 * The regular-expression engine for ajv (`code: { regExp: ajvRegExpEngine(…) }`): `pattern` and
 * `patternProperties` keys run in linear time.
 */
export function ajvRegExpEngine(options: AjvEngineOptions) {
  const engine = (pattern: string) => {
    let re: LinearRegExp
    try {
      re = LinearRegExp.compile(pattern, options)
    } catch (error) {
      if (error instanceof RegExpSyntaxError && options.onInvalid === 'reject-values')
        return { test: () => false, toString: () => `invalid:${pattern}` }
      throw error
    }
    // ajv shares one compiled pattern per `toString()`: it must name the pattern.
    return { test: (text: string) => re.test(text), toString: () => `re2:${pattern}` }
  }
  // Only read when ajv writes standalone code, which idp does for its built-in kinds alone.
  return Object.assign(engine, { code: 'new RegExp' })
}
