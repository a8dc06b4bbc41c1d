// Boundary: how much structure a YAML file from a service (or a platform, a policy, a GitOps folder)
// can make idp build. Nesting is capped (deep nesting would overflow the stack of the parser and of
// every recursive walk after it), the number of documents in one stream is capped, and duplicate keys
// are found in linear time (the yaml library's own check compares every pair of keys: minutes of CPU
// for a mapping of 50,000 keys). Every problem becomes an error of its document, at the offset where
// it happens, so callers report it like any other syntax error.
import {
  Document,
  isAlias,
  isCollection,
  isMap,
  isPair,
  isScalar,
  parseAllDocuments,
  YAMLParseError,
  type LineCounter,
  type Node
} from 'yaml'

/** Deepest nesting of collections accepted (real files: descriptors ~10, CRD schemas ~40). */
export const MAX_YAML_DEPTH = 256
/** Most documents accepted in one stream (a real rendered folder holds a few hundred objects). */
export const MAX_YAML_DOCUMENTS = 10_000

export interface YamlStreamOptions {
  readonly lineCounter?: LineCounter
  readonly prettyErrors?: boolean
  /** Refuse a key that appears twice in one mapping (checked here, in linear time). */
  readonly uniqueKeys?: boolean
  readonly maxDepth?: number
  readonly maxDocuments?: number
}

const tooDeep = (max: number) =>
  `it nests collections deeper than ${max} levels, the most idp reads (real files nest a few dozen at most)`

/**
 * `parseAllDocuments` within bounds: never a stack overflow, never quadratic time. Problems are
 * added to the documents' `errors` (codes RESOURCE_EXHAUSTION and DUPLICATE_KEY).
 */
export function parseYamlStream(text: string, options: YamlStreamOptions = {}): Document.Parsed[] {
  const maxDepth = options.maxDepth ?? MAX_YAML_DEPTH
  const maxDocuments = options.maxDocuments ?? MAX_YAML_DOCUMENTS
  const markers = countDocumentMarkers(text, maxDocuments + 1)
  if (markers > maxDocuments)
    return [
      failed(
        text,
        options.lineCounter,
        0,
        `it holds more than ${maxDocuments} YAML documents, the most idp reads from one file`
      )
    ]
  let parsed: Document.Parsed[]
  try {
    const result = parseAllDocuments(text, {
      lineCounter: options.lineCounter,
      prettyErrors: options.prettyErrors ?? false,
      uniqueKeys: false
    })
    parsed = (Array.isArray(result) ? result : [result]) as Document.Parsed[]
  } catch (error) {
    if (!(error instanceof RangeError)) throw error
    return [failed(text, options.lineCounter, deepOffset(text, maxDepth), tooDeep(maxDepth))]
  }
  if (parsed.length > maxDocuments)
    return [
      failed(
        text,
        options.lineCounter,
        parsed[maxDocuments].range[0],
        `it holds more than ${maxDocuments} YAML documents, the most idp reads from one file`
      )
    ]
  for (const doc of parsed) {
    // The parser catches some overflows itself and reports them as a plain error.
    for (const error of doc.errors)
      if (/call stack/i.test(error.message)) {
        error.code = 'RESOURCE_EXHAUSTION'
        error.message = tooDeep(maxDepth)
      }
    if (doc.errors.length > 0) continue
    const problem = structureProblem(doc.contents, maxDepth, options.uniqueKeys === true)
    if (problem) doc.errors.push(problem)
  }
  return parsed
}

/** `---` lines, counted up to `stop` (enough to know a stream is over the cap). */
function countDocumentMarkers(text: string, stop: number): number {
  let count = 0
  for (const _ of text.matchAll(/^---(?=[ \t\r\n]|$)/gm)) if (++count >= stop) break
  return count
}

/** An empty document whose only error is `message` at `offset`. */
function failed(
  text: string,
  lineCounter: LineCounter | undefined,
  offset: number,
  message: string
): Document.Parsed {
  // The line counter must know the lines for the error's position.
  if (lineCounter) {
    lineCounter.lineStarts.length = 0
    lineCounter.addNewLine(0)
    for (const m of text.matchAll(/\n/g)) lineCounter.addNewLine(m.index + 1)
  }
  const doc = new Document(null) as unknown as Document.Parsed
  ;(doc as { range: [number, number, number] }).range = [0, text.length, text.length]
  doc.errors.push(new YAMLParseError([offset, offset + 1], 'RESOURCE_EXHAUSTION', message))
  return doc
}

/**
 * The first node nested deeper than `maxDepth`, or the second occurrence of a key in one mapping:
 * one iterative walk (no recursion), each mapping's keys in a Set.
 */
function structureProblem(
  root: unknown,
  maxDepth: number,
  uniqueKeys: boolean
): YAMLParseError | undefined {
  const stack: [unknown, number][] = [[root, 1]]
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!
    if (!isCollection(node)) continue
    const offset = (node as Node).range?.[0] ?? 0
    if (depth > maxDepth)
      return new YAMLParseError([offset, offset + 1], 'RESOURCE_EXHAUSTION', tooDeep(maxDepth))
    const seen = uniqueKeys && isMap(node) ? new Set<unknown>() : undefined
    for (const item of node.items) {
      if (isPair(item)) {
        if (seen && isScalar(item.key)) {
          const key = item.key.value
          if (seen.has(key)) {
            const at = item.key.range?.[0] ?? offset
            return new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique')
          }
          seen.add(key)
        }
        stack.push([item.key, depth + 1], [item.value, depth + 1])
      } else if (!isAlias(item)) stack.push([item, depth + 1])
    }
  }
  return undefined
}

/**
 * Where the text first nests deeper than `maxDepth`, for the message's position only: a plain count
 * of open brackets, of indentation and of `- ` entries on one line.
 */
function deepOffset(text: string, maxDepth: number): number {
  let flow = 0
  let lineStart = 0
  let indented = true
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '\n') {
      lineStart = i + 1
      indented = true
      continue
    }
    if (c === '[' || c === '{') flow++
    else if (c === ']' || c === '}') flow--
    const column = i - lineStart
    if (flow > maxDepth) return i
    if (indented && c === '-' && /[ \n]/.test(text[i + 1] ?? '\n')) {
      // `- - - x`: each entry on the line nests one level deeper.
      if (column / 2 > maxDepth) return i
      continue
    }
    if (indented && c !== ' ') {
      indented = false
      if (column > maxDepth) return i
    }
  }
  return 0
}

/**
 * One YAML document's value, like the yaml library's `parse` (duplicate keys and several documents
 * are errors, aliases capped) but within the limits above; throws an Error with the first problem.
 */
export function parseYamlValue(text: string): unknown {
  const docs = parseYamlStream(text, { uniqueKeys: true })
  const error = docs.flatMap(d => d.errors)[0]
  if (error) throw new Error(error.message.split('\n')[0])
  if (docs.length > 1) throw new Error('the text holds several YAML documents; one is expected')
  return docs[0]?.toJS({ maxAliasCount: 100 }) ?? null
}
