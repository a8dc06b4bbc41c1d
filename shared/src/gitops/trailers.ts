/** One `Key: value` line at the end of a commit message, as `git interpret-trailers` reads them. */
export interface Trailer {
  readonly key: string
  readonly value: string
}

/**
 * Appends trailers after one blank line. Values are flattened to one line and empty ones dropped, so
 * the block always parses with `git interpret-trailers --parse`.
 */
export function withTrailers(message: string, trailers: readonly Trailer[]): string {
  const lines = trailers
    .map(t => ({ key: t.key, value: t.value.replace(/\s+/g, ' ').trim() }))
    .filter(t => t.value.length > 0)
    .map(t => `${t.key}: ${t.value}`)
  const body = message.replace(/\s+$/, '')
  return lines.length === 0 ? `${body}\n` : `${body}\n\n${lines.join('\n')}\n`
}

/** Reads the trailer block of a commit message back (the last paragraph of `Key: value` lines). */
export function parseTrailers(message: string): Record<string, string> {
  const paragraphs = message.trim().split(/\n\s*\n/)
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : ''
  const out: Record<string, string> = {}
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z0-9-]+): (.*)$/.exec(line)
    if (match) out[match[1]] = match[2]
  }
  return out
}
