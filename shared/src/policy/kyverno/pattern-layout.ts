// A map pattern's layout for the pattern walk (`validate.ts`): its keys sorted and split the way the
// walk takes them (anchors, keys with nested anchors, the rest) with their path segments, worked out
// once per pattern object and cached, so the walk itself only reads it.
import type { Anchor } from './anchors.js'
import { anchorFreeKey, hasNestedAnchors, parseAnchor } from './anchors.js'
import { isMap } from './json.js'
import { expandWildcardKeys, mayExpandWildcardKeys } from './wildcard-keys.js'

/** One path segment, escaped as in an RFC 6901 pointer so keys holding `/` stay one segment. */
function seg(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1')
}

/** A pattern key with what the walk needs of it, worked out once per pattern. */
export interface PatternKey {
  readonly key: string
  readonly value: unknown
  /** The key (anchor removed) as a path segment, with its trailing `/`. */
  readonly segment: string
  /** The value's layout when it is a map, once first walked (saves the lookup by object). */
  layout?: PatternLayout
}

export function valueLayout(entry: PatternKey): PatternLayout | undefined {
  if (entry.layout === undefined && isMap(entry.value)) entry.layout = layoutOf(entry.value)
  return entry.layout
}

export interface AnchorKey extends PatternKey {
  readonly anchor: Anchor
}

/**
 * A map pattern's keys in the order the walk takes them: anchors, then keys with nested anchors,
 * then the rest; and the condition, existence and negation anchors whose presence is noted.
 */
export interface PatternLayout {
  readonly anchors: readonly AnchorKey[]
  readonly keys: readonly PatternKey[]
  readonly noted: readonly AnchorKey[]
  /** The pattern has wildcard label or annotation keys to expand against each resource. */
  readonly wildcardKeys: boolean
}

// By pattern object: a policy's patterns are walked for every resource, and their layout never changes.
const layouts = new WeakMap<Record<string, unknown>, PatternLayout>()

export function layoutOf(pattern: Record<string, unknown>): PatternLayout {
  let layout = layouts.get(pattern)
  if (layout === undefined) {
    layout = computeLayout(pattern)
    layouts.set(pattern, layout)
  }
  return layout
}

function computeLayout(pattern: Record<string, unknown>): PatternLayout {
  const anchors: AnchorKey[] = []
  const nested: PatternKey[] = []
  const plain: PatternKey[] = []
  for (const key of Object.keys(pattern).sort()) {
    const a = parseAnchor(key)
    const value = pattern[key]
    if (a && a.kind !== 'addIfNotPresent')
      anchors.push({ key, value, anchor: a, segment: `${seg(a.key)}/`, layout: undefined })
    else {
      const entry: PatternKey = {
        key,
        value,
        segment: `${seg(anchorFreeKey(key))}/`,
        layout: undefined
      }
      if (hasNestedAnchors(value)) nested.push(entry)
      else plain.push(entry)
    }
  }
  const noted: AnchorKey[] = []
  for (const key of Object.keys(pattern)) {
    const a = parseAnchor(key)
    if (a && (a.kind === 'condition' || a.kind === 'existence' || a.kind === 'negation'))
      noted.push({ key, value: pattern[key], anchor: a, segment: '', layout: undefined })
  }
  return {
    anchors,
    keys: [...nested, ...plain],
    noted,
    wildcardKeys: mayExpandWildcardKeys(pattern)
  }
}

export function expandedLayout(
  pattern: Record<string, unknown>,
  resource: Record<string, unknown>,
  path: string
): PatternLayout {
  const expanded = expandWildcardKeys(pattern, resource, path)
  return expanded === pattern ? layoutOf(pattern) : computeLayout(expanded)
}
