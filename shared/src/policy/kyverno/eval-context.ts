// The JSON context a Kyverno rule is evaluated in (pkg/engine/context): its data, JMESPath queries on
// it (memoized once the context stops changing), and the children foreach elements and context
// entries are evaluated in. Kept apart from `variables.ts`, which substitutes `{{ }}` using it.
import { ownValue, setOwn } from '../../descriptor/own.js'
import { jmesSearch, jmesSearchOrMissing } from './jmespath.js'
import { copyOwn } from './json.js'
import type { Resolver } from './variables.js'

/** The JSON context a rule is evaluated in (`request`, `images`, context entries, `element`, ...). */
export class EvalContext {
  private built: Record<string, unknown> | undefined
  // A foreach element's context is built only when something reads it: most element patterns do not.
  private parent: EvalContext | undefined
  private element: unknown
  private elementIndex = 0
  private nesting = 0
  private shared: ElementData | undefined

  constructor(data: Record<string, unknown>) {
    this.built = data
  }

  get data(): Record<string, unknown> {
    if (this.built === undefined) {
      const shared = this.shared
      let data = shared?.nesting === this.nesting ? shared.data : undefined
      if (data === undefined) {
        data = elementData(this.parent!.data, this.element, this.elementIndex, this.nesting)
        if (shared) {
          shared.data = data
          shared.nesting = this.nesting
        }
      } else {
        // The previous element's object, done with: the same keys, in the same order, get new values.
        data.element = this.element
        data.elementIndex = this.elementIndex
        data[elementKey(this.nesting)] = this.element
        data[elementIndexKey(this.nesting)] = this.elementIndex
      }
      this.built = data
      this.parent = undefined
      this.element = undefined
      this.shared = undefined
    }
    return this.built
  }

  query(expression: string): unknown {
    const memo = this.memo
    if (memo !== undefined) {
      const known = memo.get(expression)
      if (known !== undefined || memo.has(expression)) return known
    }
    const original = expression
    // On DELETE the object is in request.oldObject; Kyverno rewrites every variable to read it there.
    const request = this.data.request as { operation?: unknown } | undefined
    if (request?.operation === 'DELETE' && expression.includes('request.object'))
      expression = expression.split('request.object').join('request.oldObject')
    const result = jmesSearch(expression, this.data)
    if (this.memoizing && isScalar(result) && !original.includes('(')) {
      if (memo === undefined) this.memo = new Map([[original, result]])
      else {
        if (memo.size >= 1000) memo.clear()
        memo.set(original, result)
      }
    }
    return result
  }

  // Scalar answers by expression, for a context that no longer changes (see `memoizeQueries`).
  private memo: Map<string, unknown> | undefined
  private memoizing = false

  /**
   * From now on this context's data does not change (a request's context, shared by every rule on
   * the resource): answers of expressions without function calls are kept — scalars, so a
   * precondition such as `request.operation || 'BACKGROUND'` is worked out once per resource, and
   * foreach lists, which their rules only read.
   */
  memoizeQueries(): void {
    this.memoizing = true
  }

  private queries: Resolver | undefined

  /** `query` as a Resolver, one per context (rules ask for it on every resource). */
  resolver(): Resolver {
    return (this.queries ??= variable => this.query(variable))
  }

  private elementHolder: ElementData | undefined

  /**
   * The data object this context's foreach elements may take turns in, across the rules and lists
   * evaluated in it (see `elementChild`); the context itself must not change meanwhile.
   */
  sharedElementData(): ElementData {
    return (this.elementHolder ??= {})
  }

  /**
   * `query` for a foreach list, with `undefined` for a key the data lacks where `query` throws a
   * NotFoundError. The caller only reads the answer (a memoizing context shares it between rules).
   */
  queryOrMissing(expression: string): unknown {
    const lists = this.lists
    if (lists !== undefined) {
      const known = lists.get(expression)
      if (known !== undefined || lists.has(expression)) return known
    }
    const original = expression
    const request = this.data.request as { operation?: unknown } | undefined
    if (request?.operation === 'DELETE' && expression.includes('request.object'))
      expression = expression.split('request.object').join('request.oldObject')
    const result = jmesSearchOrMissing(expression, this.data)
    // Foreach lists only read what they are given: several rules iterate the same list of a resource.
    if (this.memoizing && !original.includes('(')) {
      if (lists === undefined) this.lists = new Map([[original, result]])
      else {
        if (lists.size >= 1000) lists.clear()
        lists.set(original, result)
      }
    }
    return result
  }

  // Foreach lists by expression, for a context that no longer changes (see `memoizeQueries`).
  private lists: Map<string, unknown> | undefined

  /** A copy sharing nothing mutable at the top level, so foreach and context entries stay scoped. */
  child(extra?: Record<string, unknown>): EvalContext {
    const data = copyOwn(this.data)
    if (extra !== undefined) for (const key of Object.keys(extra)) setOwn(data, key, extra[key])
    return new EvalContext(data)
  }

  /**
   * The child a foreach element is evaluated in: `element`, `elementIndex` and their per-level names
   * (`element0`, `elementIndex0`, ...) added in that order, as `child` would add them.
   */
  elementChild(
    element: unknown,
    index: number,
    nesting: number,
    /**
     * Where the elements of one list may share their data object: only when an element's evaluation
     * adds nothing to its context (no context entries, no values) and keeps nothing of it afterwards.
     */
    shared?: ElementData
  ): EvalContext {
    const child = new EvalContext(undefined as unknown as Record<string, unknown>)
    child.parent = this
    child.element = element
    child.elementIndex = index
    child.nesting = nesting
    child.shared = shared
    return child
  }

  /**
   * Adds `a.b.c: value` as nested objects, the way `AddVariable` does for values-file keys; a quoted
   * segment keeps its dots (`metadata.labels."app.kubernetes.io/name"`).
   */
  setPath(dotted: string, value: unknown): void {
    const parts = splitDotted(dotted)
    let node = this.data
    for (const part of parts.slice(0, -1)) {
      // Own keys only, written as own keys: a segment `__proto__` or `constructor` is a plain key.
      const next = ownValue(node, part)
      const copy =
        next && typeof next === 'object' && !Array.isArray(next) ? { ...(next as object) } : {}
      setOwn(node, part, copy)
      node = copy as Record<string, unknown>
    }
    setOwn(node, parts[parts.length - 1], value)
  }
}

function isScalar(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function')
}

/** A foreach element's data: its parent's with `element`, `elementIndex` and their per-level names. */
function elementData(
  parent: Record<string, unknown>,
  element: unknown,
  index: number,
  nesting: number
): Record<string, unknown> {
  const data = copyOwn(parent)
  data.element = element
  data.elementIndex = index
  data[elementKey(nesting)] = element
  data[elementIndexKey(nesting)] = index
  return data
}

/** The data object the elements of one foreach list take turns in (see `elementChild`). */
export interface ElementData {
  data?: Record<string, unknown>
  nesting?: number
}

const elementKeys: string[] = []
const elementIndexKeys: string[] = []

function elementKey(nesting: number): string {
  return (elementKeys[nesting] ??= `element${nesting}`)
}

function elementIndexKey(nesting: number): string {
  return (elementIndexKeys[nesting] ??= `elementIndex${nesting}`)
}

/** `a."b.c".d` → ['a', 'b.c', 'd']: dots inside double or single quotes do not split. */
export function splitDotted(key: string): string[] {
  const parts: string[] = []
  let current = ''
  let quote: string | undefined
  for (const ch of key) {
    if (quote) {
      if (ch === quote) quote = undefined
      else current += ch
    } else if (ch === '"' || ch === "'") quote = ch
    else if (ch === '.') {
      parts.push(current)
      current = ''
    } else current += ch
  }
  parts.push(current)
  return parts
}
