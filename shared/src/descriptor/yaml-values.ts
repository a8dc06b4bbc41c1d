import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Parser,
  type Document,
  type Node,
  type Scalar
} from 'yaml'
import type { Position, Problem } from '../runtime/errors.js'

/**
 * What idp reads from a YAML file is JSON: mappings with text keys, lists, text, booleans, null and numbers
 * that survive the trip to the rendered manifests unchanged. Anything else the YAML library can build (a
 * binary, a set, a timestamp, a local `!tag`, an infinite or rounded number) is refused at its line,
 * because it would otherwise reach the output silently changed (a Buffer as a mapping, `.inf` as `null`,
 * 12345678901234567890 as 12345678901234567000).
 */

const CORE = 'tag:yaml.org,2002:'
/** Explicit tags the core schema gives meaning to; `!` is YAML's non-specific tag (plain text). */
const SCALAR_TAGS = new Map<string, (value: unknown) => boolean>([
  [`${CORE}str`, v => typeof v === 'string'],
  [`${CORE}int`, v => typeof v === 'number'],
  [`${CORE}float`, v => typeof v === 'number'],
  [`${CORE}bool`, v => typeof v === 'boolean'],
  [`${CORE}null`, v => v === null],
  ['!', v => typeof v === 'string']
])
const DECIMAL = /^[-+]?(\.\d+|\d+(\.\d*)?)([eE][-+]?\d+)?$/
const QUOTE_HINT = (text: string) =>
  `If you mean text, quote it ('${text.replace(/'/g, "''")}'); otherwise write a plain number.`

export interface YamlValueOptions {
  /**
   * A Kubernetes manifest or policy: its numbers are int64 and its keys any text, for the API server
   * to judge, so only tags, timestamps and keys that are collections are refused.
   */
  readonly kubernetes?: boolean
}

/** Every value of `doc` idp cannot carry unchanged, each at its own line and column. */
export function yamlValueProblems(
  doc: Document,
  text: string,
  position: (offset: number) => Position,
  what: string,
  options: YamlValueOptions = {}
): Problem[] {
  const problems: Problem[] = []
  let tagOffsets: number[] | undefined
  // Where the tag of a node starts: the last tag token before the node's value (only its anchor,
  // spaces and comments lie between them).
  const tagOffset = (node: Node): number => {
    tagOffsets ??= tagTokenOffsets(text)
    const start = node.range?.[0] ?? 0
    let found = start
    for (const offset of tagOffsets) {
      if (offset >= start) break
      found = offset
    }
    return found
  }
  const refuseTag = (node: Node, message: string) =>
    problems.push({
      message: `${what}: ${message}`,
      position: position(tagOffset(node)),
      hint: 'Remove the tag: idp reads plain YAML (mappings, lists, text, numbers, true/false, null); quote a value to keep it as text.'
    })

  // Iterative, so a deeply nested document cannot overflow the stack here.
  const stack: unknown[] = [doc.contents]
  while (stack.length > 0) {
    const node = stack.pop()
    if (!node || isAlias(node)) continue
    if (isScalar(node)) {
      checkScalar(node, position, what, refuseTag, problems, options)
    } else if (isMap(node) || isSeq(node)) {
      const expected = isMap(node) ? `${CORE}map` : `${CORE}seq`
      if (node.tag !== undefined && node.tag !== expected) {
        refuseTag(node, `the tag '${shortTag(node.tag)}' is not one idp reads.`)
      }
      for (let i = node.items.length - 1; i >= 0; i--) {
        const item = node.items[i]
        if (isPair(item)) {
          if (isMap(item.key) || isSeq(item.key)) {
            problems.push({
              message: `${what}: a mapping key is a ${isMap(item.key) ? 'mapping' : 'list'}; keys must be text.`,
              position: position((item.key as Node).range?.[0] ?? 0),
              hint: 'Write the key as plain text.'
            })
          } else if (!options.kubernetes && isScalar(item.key) && item.key.value === '__proto__') {
            problems.push({
              message: `${what}: a key named '__proto__' is not accepted; it would replace the mapping's prototype instead of adding a field.`,
              position: position(item.key.range?.[0] ?? 0),
              hint: 'Rename the key.'
            })
          } else stack.push(item.key)
          stack.push(item.value)
        } else stack.push(item)
      }
    }
  }
  return problems.sort((a, b) => a.position!.line - b.position!.line)
}

function checkScalar(
  node: Scalar,
  position: (offset: number) => Position,
  what: string,
  refuseTag: (node: Node, message: string) => void,
  problems: Problem[],
  options: YamlValueOptions
): void {
  const value: unknown = node.value
  if (node.tag !== undefined) {
    const fits = SCALAR_TAGS.get(node.tag)
    if (!fits) return refuseTag(node, `the tag '${shortTag(node.tag)}' is not one idp reads.`)
    if (!fits(value)) {
      return refuseTag(
        node,
        `the tag '${shortTag(node.tag)}' does not fit the value '${String(node.source ?? value)}'.`
      )
    }
  }
  const at = position(node.range?.[0] ?? 0)
  const written = String(node.source ?? value)
  if (value instanceof Date) {
    problems.push({
      message: `${what}: '${written}' is read as a timestamp (YAML 1.1); idp reads text, numbers, true/false and null only.`,
      position: at,
      hint: QUOTE_HINT(written)
    })
    return
  }
  if (value !== null && typeof value === 'object') {
    problems.push({
      message: `${what}: '${written}' is not a plain YAML value.`,
      position: at,
      hint: QUOTE_HINT(written)
    })
    return
  }
  if (typeof value !== 'number' || options.kubernetes) return
  const said = numberProblem(value, written)
  if (said) problems.push({ message: `${what}: ${said}`, position: at, hint: QUOTE_HINT(written) })
}

/** Why the number written as `written` would not reach a manifest as written, if it would not. */
function numberProblem(value: number, written: string): string | undefined {
  if (Number.isNaN(value)) return `'${written}' is not a number; manifests hold JSON numbers only.`
  if (!Number.isFinite(value)) {
    return `'${written}' is infinite (or too large for a number); manifests hold finite JSON numbers only.`
  }
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
    return `'${written}' is outside the safe integer range (±${Number.MAX_SAFE_INTEGER}); it would be rendered as ${String(value)}.`
  }
  if (
    DECIMAL.test(written) &&
    significantDigits(written) !== significantDigits(value.toExponential())
  ) {
    return `'${written}' cannot be represented exactly as a number; it would be rendered as ${String(value)}.`
  }
  return undefined
}

/** The digits of a decimal number without sign, point, exponent, leading and trailing zeros. */
function significantDigits(decimal: string): string {
  const mantissa = decimal.replace(/^[-+]/, '').split(/[eE]/)[0].replace('.', '')
  return mantissa.replace(/^0+/, '').replace(/0+$/, '')
}

function shortTag(tag: string): string {
  return tag.startsWith(CORE) ? `!!${tag.slice(CORE.length)}` : tag
}

/** Offsets of every tag token in the text, ascending (read from the concrete syntax tree). */
function tagTokenOffsets(text: string): number[] {
  const offsets: number[] = []
  const stack: unknown[] = [...new Parser().parse(text)]
  while (stack.length > 0) {
    const token = stack.pop()
    if (Array.isArray(token)) for (const item of token) stack.push(item)
    else if (token !== null && typeof token === 'object') {
      const t = token as { type?: unknown; offset?: unknown }
      if (t.type === 'tag' && typeof t.offset === 'number') offsets.push(t.offset)
      else
        for (const v of Object.values(token)) if (v !== null && typeof v === 'object') stack.push(v)
    }
  }
  return offsets.sort((a, b) => a - b)
}
