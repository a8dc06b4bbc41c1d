// The pattern tree walk (pkg/engine/validate/validate.go, anchor/handlers.go). A condition anchor that
// does not hold skips the enclosing map instead of failing it; in an array of maps the elements that
// skip are ignored and the array skips only when every element skipped; at the root a skip makes the
// rule `skip`. A failure carries the JSON path where it happened. This module is the walk and its
// state; each map pattern's layout (worked out once per pattern) comes from `pattern-layout.ts`.
import { isMap } from './json.js'
import { validateValue } from './pattern.js'
import type { AnchorKey, PatternLayout } from './pattern-layout.js'
import { expandedLayout, layoutOf, valueLayout } from './pattern-layout.js'

export type PatternErrorKind = 'conditional' | 'global' | 'negation' | 'fail'

export class PatternMismatch {
  constructor(
    readonly kind: PatternErrorKind,
    readonly message: string,
    /** `/spec/containers/0/image/` style path; empty when no path applies. */
    readonly path: string
  ) {}
  get skip(): boolean {
    return this.kind === 'conditional' || this.kind === 'global'
  }
}

export type PatternOutcome =
  | { readonly status: 'pass' }
  | { readonly status: 'skip'; readonly message: string }
  | { readonly status: 'fail'; readonly message: string; readonly path: string }
  | { readonly status: 'error'; readonly message: string }

interface AnchorState {
  /** Condition/existence/negation anchors seen, and whether the resource had the key. */
  seen: Map<string, boolean> | undefined
  /**
   * The walk's place: the path at depth d is `/` and segments 0..d-1 (each with its trailing `/`),
   * made a string only for a mismatch.
   */
  readonly segments: string[]
}

function pathOf(state: AnchorState, depth: number): string {
  let path = '/'
  for (let i = 0; i < depth; i++) path += state.segments[i]
  return path
}

const indexSegments: string[] = []

function indexSegment(i: number): string {
  return (indexSegments[i] ??= `${i}/`)
}

/** `validate.MatchPattern`: root entry of the walk. */
export function matchPattern(resource: unknown, pattern: unknown): PatternOutcome {
  const state = walkState
  state.seen = undefined
  const err = validateElement(resource, pattern, 0, state)
  if (!err) return PASS
  if (err.skip) return { status: 'skip', message: err.message }
  if (err.kind === 'negation') return { status: 'fail', message: err.message, path: err.path }
  // An anchor key of the pattern that the resource lacks turns any other mismatch into an error.
  const seen = state.seen as AnchorState['seen']
  if (seen !== undefined && [...seen.values()].some(present => !present))
    return { status: 'error', message: err.message }
  return { status: 'fail', message: err.message, path: err.path }
}

const PASS: PatternOutcome = { status: 'pass' }

// The walk's state, reused: a walk runs to its end before the next one starts (nothing in it starts
// another), and its path segments are overwritten as it goes.
const walkState: AnchorState = { seen: undefined, segments: [] }

function noteAnchors(
  noted: readonly AnchorKey[],
  resource: Record<string, unknown>,
  state: AnchorState
): void {
  for (const { key, anchor } of noted) {
    const seen = (state.seen ??= new Map())
    if (seen.get(key)) continue
    seen.set(key, Object.prototype.hasOwnProperty.call(resource, anchor.key))
  }
}

function validateElement(
  resource: unknown,
  pattern: unknown,
  depth: number,
  state: AnchorState,
  /** The pattern's layout, when the caller has it. */
  known?: PatternLayout
): PatternMismatch | undefined {
  if (isMap(pattern)) {
    if (!isMap(resource)) {
      const path = pathOf(state, depth)
      return new PatternMismatch(
        'fail',
        `pattern and resource have different structures at ${path}`,
        path
      )
    }
    const layout = known ?? layoutOf(pattern)
    if (layout.noted.length > 0) noteAnchors(layout.noted, resource, state)
    // A pattern expanded for one resource's wildcard keys is that resource's alone: not cached.
    return validateMap(
      resource,
      layout.wildcardKeys ? expandedLayout(pattern, resource, pathOf(state, depth)) : layout,
      depth,
      state
    )
  }
  if (Array.isArray(pattern)) {
    if (!Array.isArray(resource)) {
      const path = pathOf(state, depth)
      return new PatternMismatch(
        'fail',
        `validation rule failed at path ${path}, resource does not satisfy the expected overlay pattern`,
        path
      )
    }
    return validateArray(resource, pattern, depth, state)
  }
  if (Array.isArray(resource)) {
    for (const item of resource)
      if (!validateValue(item, pattern)) {
        const path = pathOf(state, depth)
        return new PatternMismatch(
          'fail',
          `resource value does not match '${String(pattern)}' at path ${path}`,
          path
        )
      }
    return undefined
  }
  if (!validateValue(resource, pattern)) {
    const path = pathOf(state, depth)
    return new PatternMismatch(
      'fail',
      `resource value '${String(resource)}' does not match '${String(pattern)}' at path ${path}`,
      path
    )
  }
  return undefined
}

function validateMap(
  resource: Record<string, unknown>,
  layout: PatternLayout,
  depth: number,
  state: AnchorState
): PatternMismatch | undefined {
  const { anchors, keys } = layout
  for (let i = 0; i < anchors.length; i++) {
    const err = handleAnchor(anchors[i], resource, depth, state)
    if (err) return err
  }
  for (let i = 0; i < keys.length; i++) {
    const entry = keys[i]
    const { key, value, segment } = entry
    // Own fields only: a pattern on `toString` must not find Object.prototype's function.
    const field = Object.hasOwn(resource, key) ? resource[key] : undefined
    if (value === '*') {
      if (field === null || field === undefined) {
        const path = pathOf(state, depth)
        return new PatternMismatch('fail', `${path}/${key} not found`, path)
      }
      continue
    }
    state.segments[depth] = segment
    const err = validateElement(field, value, depth + 1, state, valueLayout(entry))
    if (err) return err
  }
  return undefined
}

function handleAnchor(
  entry: AnchorKey,
  resource: Record<string, unknown>,
  depth: number,
  state: AnchorState
): PatternMismatch | undefined {
  const { anchor, value: pattern } = entry
  // The anchor's own place, one level down: `current` below is its path.
  state.segments[depth] = entry.segment
  const inner = depth + 1
  const present = Object.prototype.hasOwnProperty.call(resource, anchor.key)
  const value = present ? resource[anchor.key] : undefined
  switch (anchor.kind) {
    case 'negation': {
      if (!present) return undefined
      const current = pathOf(state, inner)
      return new PatternMismatch(
        'negation',
        `negation anchor matched in resource: ${current} is not allowed`,
        current
      )
    }
    case 'equality': {
      if (!present) return undefined
      return validateElement(value, pattern, inner, state, valueLayout(entry))
    }
    case 'condition': {
      if (!present)
        return new PatternMismatch(
          'conditional',
          "conditional anchor mismatch: conditional anchor key doesn't exist in the resource",
          pathOf(state, inner)
        )
      const err = validateElement(value, pattern, inner, state, valueLayout(entry))
      return err
        ? new PatternMismatch(
            'conditional',
            `conditional anchor mismatch: ${err.message}`,
            err.path
          )
        : undefined
    }
    case 'global': {
      if (!present) return undefined
      const err = validateElement(value, pattern, inner, state, valueLayout(entry))
      return err
        ? new PatternMismatch('global', `global anchor mismatch: ${err.message}`, err.path)
        : undefined
    }
    case 'existence': {
      if (!present) return undefined
      if (!Array.isArray(value))
        return new PatternMismatch(
          'fail',
          `invalid resource type: existence ^() anchor can be used only on list/array type resource`,
          pathOf(state, inner)
        )
      if (!Array.isArray(pattern))
        return new PatternMismatch(
          'fail',
          'invalid pattern type: existence anchor needs a list pattern',
          pathOf(state, inner)
        )
      for (const patternMap of pattern) {
        if (!isMap(patternMap))
          return new PatternMismatch(
            'fail',
            'invalid pattern type: existence anchor needs maps',
            pathOf(state, inner)
          )
        let ok = false
        for (let i = 0; i < value.length; i++) {
          state.segments[inner] = indexSegment(i)
          if (!validateElement(value[i], patternMap, inner + 1, state)) {
            ok = true
            break
          }
        }
        if (!ok) {
          const current = pathOf(state, inner)
          return new PatternMismatch(
            'fail',
            `existence anchor validation failed at path ${current}`,
            current
          )
        }
      }
      return undefined
    }
    default:
      return undefined
  }
}

function validateArray(
  resource: unknown[],
  pattern: unknown[],
  depth: number,
  state: AnchorState
): PatternMismatch | undefined {
  if (pattern.length === 0)
    return new PatternMismatch('fail', 'pattern Array empty', pathOf(state, depth))
  const first = pattern[0]
  if (isMap(first))
    return validateElements(
      resource,
      first,
      layoutOf(first),
      undefined,
      resource.length,
      depth,
      state
    )
  if (first === null || typeof first !== 'object')
    return validateElement(resource, first, depth, state)
  if (resource.length < pattern.length)
    return new PatternMismatch(
      'fail',
      `validate Array failed, array length mismatch, resource Array len is ${resource.length} and pattern Array len is ${pattern.length}`,
      ''
    )
  return validateElements(resource, undefined, undefined, pattern, pattern.length, depth, state)
}

/**
 * Elements 0..count-1 of the array against their patterns: the first mismatch fails; a skip (an
 * unmet conditional or global anchor) counts only when no element applied, and then for the array.
 */
function validateElements(
  resource: unknown[],
  /** The pattern of every element (and its layout), or else `patterns[i]` for element i. */
  every: unknown,
  everyLayout: PatternLayout | undefined,
  patterns: readonly unknown[] | undefined,
  count: number,
  depth: number,
  state: AnchorState
): PatternMismatch | undefined {
  let applied = 0
  let skipped: PatternMismatch | undefined
  for (let i = 0; i < count; i++) {
    state.segments[depth] = indexSegment(i)
    const err = validateElement(
      resource[i],
      patterns === undefined ? every : patterns[i],
      depth + 1,
      state,
      patterns === undefined ? everyLayout : undefined
    )
    if (err) {
      if (err.skip) {
        skipped ??= err
        continue
      }
      return err
    }
    applied++
  }
  if (applied === 0 && skipped)
    return new PatternMismatch(skipped.kind, skipped.message, pathOf(state, depth))
  return undefined
}
