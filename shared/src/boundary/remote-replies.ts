// Boundary: what idp repeats of a remote service's reply (GitHub, the Backstage catalog) in its
// messages, logs, outputs and summaries. Never a body as it came: a proxy's error page or an echoed
// request can carry a token, a header or pages of HTML. Only the HTTP status and a short reason: the
// service's own `message` field, one line, at most REASON_LENGTH characters, with anything shaped like
// a credential blanked.

/** Longest reason repeated from a remote reply. */
export const REASON_LENGTH = 200

/** Credential shapes blanked even inside a short reason. */
const CREDENTIALS: readonly RegExp[] = [
  /\bgh[pousr]_[A-Za-z0-9]{20,}/g, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
  /\bv1\.[0-9a-f]{40}\b/g, // GitHub App installation tokens (old format)
  /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g, // JWTs
  /\b(Bearer|Basic|token)\s+[A-Za-z0-9._~+/=-]{8,}/gi,
  /(\/\/)[^/\s:@]+:[^/\s@]+@/g // credentials in a URL
]

/**
 * One line of at most REASON_LENGTH characters from `text`, control characters removed and
 * credentials blanked; undefined when nothing readable is left.
 */
export function shortReason(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined
  // Only the head of a long text is looked at: a reason is its first line.
  let line = text.slice(0, 4 * REASON_LENGTH).split(/\r?\n|\r/, 1)[0] ?? ''
  // Control characters (terminal escapes, NUL) become spaces: a reason is plain text.
  line = Array.from(line, c => (isControl(c) ? ' ' : c))
    .join('')
    .trim()
  for (const pattern of CREDENTIALS)
    line = line.replace(pattern, (match, prefix: unknown) =>
      typeof prefix === 'string' && /^(\/\/|Bearer|Basic|token)$/i.test(prefix)
        ? `${prefix}${prefix === '//' ? '***@' : ' ***'}`
        : '***'
    )
  if (line === '') return undefined
  return line.length > REASON_LENGTH ? `${line.slice(0, REASON_LENGTH - 1)}…` : line
}

function isControl(c: string): boolean {
  const code = c.codePointAt(0) ?? 0
  return code < 0x20 || (code >= 0x7f && code <= 0x9f) || code === 0x2028 || code === 0x2029
}

/**
 * The reason in a parsed JSON reply: its `message` (GitHub; Backstage's `error.message`, with the
 * error's name), else undefined. A body that is not a JSON object (an HTML error page) gives none.
 */
export function replyReason(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined
  const record = body as Record<string, unknown>
  if (typeof record.message === 'string') return shortReason(record.message)
  const error = record.error as { name?: unknown; message?: unknown } | undefined
  if (typeof error?.message === 'string')
    return shortReason(
      typeof error.name === 'string' ? `${error.name}: ${error.message}` : error.message
    )
  return undefined
}

/** "HTTP 502 (Bad Gateway)" / "HTTP 404: Not Found" — status and reason for a message. */
export function statusText(status: number, reason: string | undefined): string {
  return reason ? `HTTP ${status}: ${reason}` : `HTTP ${status}`
}
