// Kyverno's wildcard matching (IGLOU-EU/go-wildcard v1.0.3 as vendored in `ext/wildcard`): `*` matches
// any run of characters including none, `?` exactly one; no escaping; case-sensitive; an empty pattern
// matches only the empty string.

const cache = new Map<string, RegExp>()

function compile(pattern: string): RegExp {
  let re = cache.get(pattern)
  if (!re) {
    const body = pattern
      .split('')
      .map(c =>
        c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')
      )
      .join('')
    re = new RegExp(`^${body}$`)
    if (cache.size > 5000) cache.clear()
    cache.set(pattern, re)
  }
  return re
}

export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === value) return true
  if (!pattern.includes('*') && !pattern.includes('?')) return false
  return compile(pattern).test(value)
}

export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?')
}
