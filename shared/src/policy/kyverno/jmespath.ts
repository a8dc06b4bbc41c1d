// JMESPath as Kyverno evaluates it: the maintained @jmespath-community/jmespath library for the language
// and the standard functions, Kyverno's custom functions registered on it (functions.ts), and the one
// place where Kyverno's fork (kyverno/go-jmespath) differs: reading a key that a map does not have on the
// main path of an expression (fields, sub-expressions, indexes, pipes) is a NotFoundError ("Unknown
// key"), not a quiet null. Function arguments, `||`, comparisons, filters and projections (left side
// included) see a missing key as null.
import { compile, TreeInterpreter } from '@jmespath-community/jmespath'
import type { JSONValue } from '@jmespath-community/jmespath'
import { registerKyvernoFunctions } from './functions.js'

registerKyvernoFunctions()

/** A key that the data does not have: Kyverno's `gojmespath.NotFoundError`. */
export class NotFoundError extends Error {
  readonly key: string
  constructor(key: string) {
    // Missing keys are routine (`a.b || ''` in preconditions); skip the costly stack capture.
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    super(`Unknown key "${key}" in path`)
    Error.stackTraceLimit = limit
    this.key = key
    this.name = 'NotFoundError'
  }
}

type Node = ReturnType<typeof compile>
type AnyNode = Node & { left?: Node; right?: Node; child?: Node; name?: string }

const compiled = new Map<string, Node>()

function parse(expression: string): Node {
  let node = compiled.get(expression)
  if (!node) {
    try {
      node = compile(expression, { enable_legacy_literals: true })
    } catch (error) {
      throw new Error(`invalid JMESPath expression '${expression}': ${(error as Error).message}`)
    }
    if (compiled.size > 20000) compiled.clear()
    compiled.set(expression, node)
  }
  return node
}

function lenient(node: Node, value: JSONValue): JSONValue {
  return TreeInterpreter.search(node, value) as JSONValue
}

function isMap(value: unknown): value is Record<string, JSONValue> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

// A key the data lacks on the main path, signalled without throwing: a foreach list naming an absent
// container list (`spec.initContainers`) is routine, and an exception per resource and rule is costly.
const MISSING: unique symbol = Symbol('missing key')
let missingKey = ''

/** Walks the main path strictly (missing map key → MISSING) and hands the rest to the library. */
function strict(node: AnyNode, value: JSONValue): JSONValue | typeof MISSING {
  switch (node.type) {
    case 'Field': {
      if (isMap(value)) {
        if (!Object.prototype.hasOwnProperty.call(value, node.name!)) {
          missingKey = node.name!
          return MISSING
        }
        return value[node.name!]
      }
      return null
    }
    case 'Subexpression': {
      const left = strict(node.left as AnyNode, value)
      if (left === MISSING) return MISSING
      if (left === null || left === undefined) return null
      return strict(node.right as AnyNode, left)
    }
    case 'IndexExpression':
    case 'Pipe': {
      const left = strict(node.left as AnyNode, value)
      if (left === MISSING) return MISSING
      return strict(node.right as AnyNode, left)
    }
    default:
      return lenient(node, value)
  }
}

/** Evaluates a JMESPath expression over JSON data the way Kyverno's context does. */
export function jmesSearch(expression: string, data: unknown): unknown {
  const result = strict(parse(expression.trim()) as AnyNode, data as JSONValue)
  if (result === MISSING) throw new NotFoundError(missingKey)
  return result === undefined ? null : result
}

/**
 * `jmesSearch` where a missing key on the main path gives `undefined` instead of a NotFoundError, for
 * callers that treat that error like any other failure of the expression.
 */
export function jmesSearchOrMissing(expression: string, data: unknown): unknown {
  const result = strict(parse(expression.trim()) as AnyNode, data as JSONValue)
  if (result === MISSING) return undefined
  return result === undefined ? null : result
}

/** Lenient evaluation (missing keys are null), used where Kyverno ignores NotFound. */
export function jmesSearchLenient(expression: string, data: unknown): unknown {
  return lenient(parse(expression.trim()), data as JSONValue) ?? null
}
