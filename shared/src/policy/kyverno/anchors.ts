// Pattern anchors (pkg/engine/anchor/anchor.go): `(key)` condition, `=(key)` equality, `^(key)`
// existence, `X(key)` negation, `<(key)` global, `+(key)` add-if-not-present (mutate only).

export type AnchorKind =
  'condition' | 'equality' | 'existence' | 'negation' | 'global' | 'addIfNotPresent'

export interface Anchor {
  readonly kind: AnchorKind
  readonly key: string
}

const anchorRe = /^(\+|=|\^|X|<)?\((.+)\)$/

// Pattern keys are few and met on every resource: each is parsed once (anchors are read-only).
const parsedAnchors = new Map<string, Anchor | null>()

export function parseAnchor(text: string): Anchor | undefined {
  let anchor = parsedAnchors.get(text)
  if (anchor === undefined) {
    // Bounded: keys come from policies, but a foreach over resource data may build many.
    if (parsedAnchors.size >= 10_000) parsedAnchors.clear()
    anchor = parseAnchorUncached(text) ?? null
    parsedAnchors.set(text, anchor)
  }
  return anchor ?? undefined
}

function parseAnchorUncached(text: string): Anchor | undefined {
  const m = anchorRe.exec(text)
  if (!m) return undefined
  const key = m[2]
  switch (m[1]) {
    case undefined:
      return { kind: 'condition', key }
    case '=':
      return { kind: 'equality', key }
    case '^':
      return { kind: 'existence', key }
    case 'X':
      return { kind: 'negation', key }
    case '<':
      return { kind: 'global', key }
    case '+':
      return { kind: 'addIfNotPresent', key }
  }
  return undefined
}

/** The plain key, with any anchor removed. */
export function anchorFreeKey(text: string): string {
  return parseAnchor(text)?.key ?? text
}

const nestedAnchors = new WeakMap<object, boolean>()

/** Does a pattern subtree hold an anchor anywhere (such keys are evaluated before plain keys)? */
export function hasNestedAnchors(pattern: unknown): boolean {
  if (pattern === null || typeof pattern !== 'object') return false
  let result = nestedAnchors.get(pattern)
  if (result === undefined) {
    result = computeNestedAnchors(pattern)
    nestedAnchors.set(pattern, result)
  }
  return result
}

function computeNestedAnchors(pattern: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some(hasNestedAnchors)
  if (pattern && typeof pattern === 'object') {
    for (const [key, value] of Object.entries(pattern)) {
      const a = parseAnchor(key)
      if (
        a &&
        (a.kind === 'condition' ||
          a.kind === 'global' ||
          a.kind === 'existence' ||
          a.kind === 'negation' ||
          a.kind === 'equality')
      )
        return true
      if (hasNestedAnchors(value)) return true
    }
  }
  return false
}
