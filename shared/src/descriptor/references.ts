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

export type ParsedEnvValue = { readonly parts: readonly EnvPart[] } | { readonly error: string }

const PLACEHOLDER = /\$\$|\$\{([^}]*)\}/g

/** Splits a value into text and references; `$$` escapes a dollar sign (as in Score). */
export function parseEnvValue(value: string): ParsedEnvValue {
  const parts: EnvPart[] = []
  let text = ''
  let last = 0
  for (const match of value.matchAll(PLACEHOLDER)) {
    text += value.slice(last, match.index)
    last = (match.index ?? 0) + match[0].length
    if (match[0] === '$$') {
      text += '$'
      continue
    }
    const expression = match[1].trim()
    const segments = expression.split('.')
    if (segments.length !== 3 || segments.some(s => s.length === 0)) {
      return {
        error: `'\${${expression}}' is not a reference idp understands; write \${secrets.<secret>.<key>} or \${resources.<resource>.<output>}.`
      }
    }
    if (text) parts.push({ kind: 'text', text })
    text = ''
    const [root, name, field] = segments
    if (root === 'secrets') parts.push({ kind: 'secret', secret: name, key: field, expression })
    else if (root === 'resources')
      parts.push({ kind: 'resource', resource: name, output: field, expression })
    else {
      return {
        error: `'\${${expression}}' starts with '${root}'; references start with 'secrets' or 'resources'.`
      }
    }
  }
  text += value.slice(last)
  if (text) parts.push({ kind: 'text', text })
  return { parts }
}
