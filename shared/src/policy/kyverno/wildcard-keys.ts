// Wildcard keys under `metadata.labels` / `metadata.annotations` in a pattern
// (pkg/engine/wildcards/wildcards.go `ExpandInMetadata`): each is rewritten to the first resource key it
// matches, keeping its anchor, so `"app.kubernetes.io/*": "?*"` checks a real label.
import { setOwn } from '../../descriptor/own.js'
import { parseAnchor } from './anchors.js'
import { isMap } from './json.js'
import { hasWildcard, wildcardMatch } from './wildcard.js'

function findKey(map: Record<string, unknown>, name: string): string | undefined {
  return Object.keys(map).find(k => (parseAnchor(k)?.key ?? k) === name)
}

function expandTag(
  pattern: Record<string, unknown>,
  resource: Record<string, unknown>
): Record<string, unknown> | undefined {
  let changed = false
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(pattern)) {
    const anchor = parseAnchor(key)
    const bare = anchor?.key ?? key
    if (!hasWildcard(bare)) {
      setOwn(out, key, value)
      continue
    }
    const match = Object.keys(resource)
      .sort()
      .find(k => wildcardMatch(bare, k))
    const replaced = match ?? bare.replace(/[*?]/g, '0')
    setOwn(out, anchor ? key.replace(`(${bare})`, `(${replaced})`) : replaced, value)
    changed = true
  }
  return changed ? out : undefined
}

export function expandWildcardKeys(
  pattern: Record<string, unknown>,
  resource: Record<string, unknown>,
  _path: string
): Record<string, unknown> {
  const metaKey = findKey(pattern, 'metadata')
  if (!metaKey || !isMap(pattern[metaKey]) || !isMap(resource.metadata)) return pattern
  const patternMeta = pattern[metaKey] as Record<string, unknown>
  const resourceMeta = resource.metadata as Record<string, unknown>
  let newMeta: Record<string, unknown> | undefined
  for (const tag of ['labels', 'annotations']) {
    const tagKey = findKey(patternMeta, tag)
    if (!tagKey || !isMap(patternMeta[tagKey]) || !isMap(resourceMeta[tag])) continue
    const expanded = expandTag(
      patternMeta[tagKey] as Record<string, unknown>,
      resourceMeta[tag] as Record<string, unknown>
    )
    if (expanded) {
      newMeta ??= { ...patternMeta }
      newMeta[tagKey] = expanded
    }
  }
  return newMeta ? { ...pattern, [metaKey]: newMeta } : pattern
}

/**
 * Whether `expandWildcardKeys` can return anything but the pattern itself for some resource: only when
 * the pattern's metadata has labels or annotations with a wildcard key. Asked once per pattern.
 */
export function mayExpandWildcardKeys(pattern: Record<string, unknown>): boolean {
  const metaKey = findKey(pattern, 'metadata')
  if (!metaKey || !isMap(pattern[metaKey])) return false
  const patternMeta = pattern[metaKey] as Record<string, unknown>
  for (const tag of ['labels', 'annotations']) {
    const tagKey = findKey(patternMeta, tag)
    if (!tagKey || !isMap(patternMeta[tagKey])) continue
    for (const key of Object.keys(patternMeta[tagKey] as Record<string, unknown>))
      if (hasWildcard(parseAnchor(key)?.key ?? key)) return true
  }
  return false
}
