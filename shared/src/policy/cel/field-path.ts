// A validation's `fieldPath` (Kubernetes: a JSONPath-like `spec.containers[0].image`, or
// `metadata.labels['app.kubernetes.io/name']`) as an RFC 6901 pointer, so a failure lands on that
// field's line. A path that does not parse gives undefined (the finding stays on the resource).

const escape = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1')

export function fieldPathToPointer(fieldPath: string | undefined): string | undefined {
  if (fieldPath === undefined) return undefined
  let rest = fieldPath.trim().replace(/^\$/, '')
  if (rest === '') return ''
  const tokens: string[] = []
  while (rest.length > 0) {
    if (rest.startsWith('.')) rest = rest.slice(1)
    const bracket = /^\[(?:(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest)
    if (bracket) {
      tokens.push(bracket[1] ?? (bracket[2] ?? bracket[3]).replace(/\\(.)/g, '$1'))
      rest = rest.slice(bracket[0].length)
      continue
    }
    const name = /^[A-Za-z_][A-Za-z0-9_-]*/.exec(rest)
    if (!name) return undefined
    tokens.push(name[0])
    rest = rest.slice(name[0].length)
    if (rest !== '' && !rest.startsWith('.') && !rest.startsWith('[')) return undefined
  }
  return tokens.map(t => `/${escape(t)}`).join('')
}
