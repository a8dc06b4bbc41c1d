// Kyverno's wildcard matching (IGLOU-EU/go-wildcard v1.0.3 as vendored in `ext/wildcard`): `*` matches
// any run of characters including none, `?` exactly one; no escaping; case-sensitive; an empty pattern
// matches only the empty string. The matching itself lives in the boundary module (no regular
// expression is built from a policy's or a resource's text).
export { hasWildcard, wildcardMatch } from '../../boundary/wildcard.js'
