// The CEL environment every CEL policy kind runs in — cel-js with optional types and the Kubernetes
// and Kyverno libraries — and the compiler. Expressions compile once (cached by text) into programs.
// A thin rewrite of the parsed expression closes cel-js' gaps with cel-go as Kubernetes configures it:
//  - `x.matches(re)` runs on RE2 (linear time, Go syntax: `(?i)`, `\z`, `[[:alpha:]]`), not JavaScript;
//  - `has(f(x).field)` (presence on a computed value) is allowed, as cel-go allows it;
//  - `x.orValue(d)` on a value that is not optional yields the value (Kyverno's policies rely on it);
//  - `int == double` compares by value (cel-go's heterogeneous equality).
import { Environment } from '@marcbachmann/cel-js'
import type { ASTNode } from '@marcbachmann/cel-js'
import { serialize } from '@marcbachmann/cel-js/serialize'
import { registerFormat } from './libraries/format.js'
import { registerKyvernoLibraries } from './libraries/kyverno.js'
import { registerLists } from './libraries/lists.js'
import { registerNetwork } from './libraries/network.js'
import { registerQuantity } from './libraries/quantity.js'
import { RE2_MATCHES, registerRegex } from './libraries/regex.js'
import { registerSemver } from './libraries/semver.js'
import { registerStrings } from './libraries/strings.js'
import { isOptional } from './values.js'

const HAS_FIELD = '__has_field'
const OR_VALUE = '__or_value'

/** An expression that does not compile; `message` is cel-js' first line. */
export class CelCompileError extends Error {
  constructor(
    readonly expression: string,
    message: string
  ) {
    super(message)
    this.name = 'CelCompileError'
  }
}

export interface CelProgram {
  readonly source: string
  /** Evaluates with the given variables; throws what the expression throws. */
  evaluate(activation: Readonly<Record<string, unknown>>): unknown
}

function buildEnvironment(): Environment {
  const env = new Environment({
    unlistedVariablesAreDyn: true,
    homogeneousAggregateLiterals: false,
    enableOptionalTypes: true
  })
  registerStrings(env)
  registerLists(env)
  registerRegex(env)
  registerQuantity(env)
  registerNetwork(env)
  registerSemver(env)
  registerFormat(env)
  registerKyvernoLibraries(env)
  env.registerOperator('int == double', (a: bigint, b: number) => Number(a) === b)
  env.registerFunction(`${HAS_FIELD}(dyn, string): bool`, (value: unknown, field: string) => {
    if (value instanceof Map) return value.has(field)
    if (typeof value === 'object' && value !== null && !Array.isArray(value))
      return Object.prototype.hasOwnProperty.call(value, field)
    throw new Error(`invalid type for field selection: ${field}`)
  })
  env.registerFunction(`${OR_VALUE}(dyn, dyn): dyn`, (value: unknown, fallback: unknown) => {
    if (isOptional(value)) return value.hasValue() ? value.value() : fallback
    return value
  })
  return env
}

let environment: Environment | undefined

/** The shared environment (built on first use: registering every library costs a few milliseconds). */
export function celEnvironment(): Environment {
  environment ??= buildEnvironment()
  return environment
}

interface Node {
  op: string
  args: unknown
}

const copy = (n: unknown): unknown =>
  Array.isArray(n)
    ? n.map(copy)
    : n && typeof n === 'object' && 'op' in n
      ? { op: (n as Node).op, args: copy((n as Node).args) }
      : n

const isNode = (n: unknown): n is Node => typeof n === 'object' && n !== null && 'op' in n

/** Is this receiver optional by its form (`.?f`, `[?k]`, `optional.of(..)`, `.or(..)`, selections on those)? */
function syntacticallyOptional(node: Node): boolean {
  const args = node.args as unknown[]
  switch (node.op) {
    case '.?':
    case '[?]':
      return true
    case '.':
    case '[]':
      return isNode(args[0]) && syntacticallyOptional(args[0])
    case 'rcall': {
      const [name, receiver] = args as [string, Node]
      if (['or', 'optMap', 'optFlatMap'].includes(name)) return true
      if (receiver.op === 'id' && receiver.args === 'optional')
        return ['of', 'none', 'ofNonZeroValue'].includes(name)
      return false
    }
    case '?:':
      return [args[1], args[2]].some(a => isNode(a) && syntacticallyOptional(a))
    default:
      return false
  }
}

/** `has()`'s argument can be checked by cel-js itself when its selection chain starts at a name. */
function rootedAtIdentifier(node: Node): boolean {
  let n: Node = node
  while (n.op === '.' || n.op === '.?') n = (n.args as unknown[])[0] as Node
  return n.op === 'id'
}

/** Rewrites the plain AST copy in place; returns whether anything changed. */
function rewrite(node: unknown): boolean {
  if (Array.isArray(node)) return node.map(rewrite).some(Boolean)
  if (!isNode(node)) return false
  // Unary operators (`!x`, `-x`) hold their operand directly, the others a list.
  let changed = rewrite(node.args)
  const args = node.args as unknown[]
  if (node.op === 'rcall' && args[0] === 'matches' && (args[2] as unknown[]).length === 1) {
    node.op = 'call'
    node.args = [RE2_MATCHES, [args[1], (args[2] as unknown[])[0]]]
    changed = true
  } else if (node.op === 'call' && args[0] === 'matches' && (args[1] as unknown[]).length === 2) {
    args[0] = RE2_MATCHES
    changed = true
  } else if (node.op === 'call' && args[0] === 'has' && (args[1] as unknown[]).length === 1) {
    const arg = (args[1] as Node[])[0]
    if ((arg.op === '.' || arg.op === '.?') && !rootedAtIdentifier(arg)) {
      const [receiver, field] = arg.args as [Node, string]
      node.args = [HAS_FIELD, [receiver, { op: 'value', args: field }]]
      changed = true
    }
  } else if (node.op === 'rcall' && args[0] === 'orValue' && (args[2] as unknown[]).length === 1) {
    const receiver = args[1] as Node
    if (!syntacticallyOptional(receiver)) {
      node.op = 'call'
      node.args = [OR_VALUE, [receiver, (args[2] as unknown[])[0]]]
      changed = true
    }
  }
  return changed
}

const cache = new Map<string, CelProgram>()
const CACHE_LIMIT = 20000

function firstLine(error: unknown): string {
  return String((error as Error).message ?? error).split('\n')[0]
}

/** Compiles one expression (cached by its text); throws CelCompileError when it does not parse. */
export function compileCel(source: string): CelProgram {
  const hit = cache.get(source)
  if (hit) return hit
  const env = celEnvironment()
  let parsed: ReturnType<Environment['parse']>
  try {
    parsed = env.parse(source)
    const ast = copy(parsed.ast as ASTNode)
    if (rewrite(ast)) parsed = env.parse(serialize(ast as ASTNode))
  } catch (error) {
    throw new CelCompileError(source, firstLine(error))
  }
  const program: CelProgram = {
    source,
    evaluate: activation => {
      // An evaluation error is a CEL value to report, never a bug to trace: capturing JavaScript stack
      // traces for the many `no such key` errors policies absorb would cost more than evaluating.
      const limit = Error.stackTraceLimit
      Error.stackTraceLimit = 0
      try {
        return parsed(activation as Record<string, unknown>)
      } finally {
        Error.stackTraceLimit = limit
      }
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear()
  cache.set(source, program)
  return program
}

/** The message of an evaluation error, one line. */
export function celErrorMessage(error: unknown): string {
  return firstLine(error)
}
