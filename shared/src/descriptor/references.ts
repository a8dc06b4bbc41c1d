/** Parsing of `${secrets.<name>.<key>}` and `${resources.<name>.<output>}` in component env values. */

export type EnvPart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'secret'
      readonly secret: string
      readonly key: string
      readonly expression: string
    }
  | {
      readonly kind: 'resource'
      readonly resource: string
      readonly output: string
      readonly expression: string
    }

export type ParsedEnvValue =
  { readonly parts: readonly EnvPart[] } | { readonly error: string; readonly hint: string }

const FORMS = '${secrets.<secret>.<key>} or ${resources.<resource>.<output>}'
const ESCAPE = 'For a literal dollar sign write $$ (so $${ gives the text ${).'
const HINT = `Write ${FORMS}. ${ESCAPE}`

/**
 * Splits a value into text and references; `$$` escapes a dollar sign (as in Score), a `$` before
 * anything but `{` or `$` is text. A `${` that is not closed, holds `$`/`{`, or does not name a
 * secret key or resource output is refused: passing it through would hand the container a
 * placeholder instead of the value the developer meant.
 */
export function parseEnvValue(value: string): ParsedEnvValue {
  const parts: EnvPart[] = []
  let text = ''
  let i = 0
  while (i < value.length) {
    const dollar = value.indexOf('$', i)
    if (dollar < 0) break
    text += value.slice(i, dollar)
    const next = value[dollar + 1]
    if (next === '$') {
      text += '$'
      i = dollar + 2
      continue
    }
    if (next !== '{') {
      text += '$'
      i = dollar + 1
      continue
    }
    const close = value.indexOf('}', dollar + 2)
    const inner = value.slice(dollar + 2, close < 0 ? undefined : close)
    const shown = `\${${inner}${close < 0 ? '' : '}'}`
    const nested = inner.search(/[${]/)
    if (nested >= 0) {
      return {
        error: `'${shown}' has '${inner[nested]}' inside a reference; references do not nest.`,
        hint: HINT
      }
    }
    if (close < 0) {
      return {
        error: `'${shown}' is not closed: a reference ends with '}'.`,
        hint: `Close it with '}' (${FORMS}). ${ESCAPE}`
      }
    }
    const parsed = parseReference(inner.trim())
    if ('error' in parsed) return parsed
    if (text) parts.push({ kind: 'text', text })
    text = ''
    parts.push(parsed)
    i = close + 1
  }
  text += value.slice(i)
  if (text) parts.push({ kind: 'text', text })
  return { parts }
}

function parseReference(
  expression: string
): Exclude<EnvPart, { kind: 'text' }> | { error: string; hint: string } {
  if (expression === '') {
    return {
      error: `'\${}' is empty.`,
      hint: HINT
    }
  }
  const segments = expression.split('.')
  if (segments.length !== 3 || segments.some(s => s.length === 0)) {
    return {
      error: `'\${${expression}}' is not a reference idp understands.`,
      hint: HINT
    }
  }
  const [root, name, field] = segments
  if (root === 'secrets') return { kind: 'secret', secret: name, key: field, expression }
  if (root === 'resources') return { kind: 'resource', resource: name, output: field, expression }
  return {
    error: `'\${${expression}}' starts with '${root}'; references start with 'secrets' or 'resources'.`,
    hint: HINT
  }
}
