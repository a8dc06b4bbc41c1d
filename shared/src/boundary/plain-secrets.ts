/**
 * Boundary: which literal values a service may write in plain text. A secret in `env`, `properties`
 * or a kustomize literal leaks into the GitOps repository and the cluster's plain objects; it must come
 * from a secret store through `${secrets.<name>.<key>}` instead. This file decides whether one
 * name/value pair carries a secret: by a known credential format, by a secret-sounding name with a
 * secret-looking value, or by the randomness of the value itself.
 */

export interface PlainSecretFinding {
  /** Why the value looks like a secret, e.g. `it has the format of a GitHub token`. */
  readonly reason: string
}

/** Longest value inspected; beyond it only the first part is scanned (every check is linear anyway). */
const MAX_SCANNED = 64 * 1024

/**
 * Known credential formats. Each pattern is anchored to a distinctive prefix and uses bounded,
 * non-nested quantifiers, so matching stays linear in the value's length.
 */
const CREDENTIAL_FORMATS: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'a PEM private key', pattern: /-----BEGIN[A-Z0-9 ]{0,40}PRIVATE KEY( BLOCK)?-----/ },
  { what: 'a GitHub token', pattern: /\b(gh[pousr])_[A-Za-z0-9]{36,255}\b/ },
  { what: 'a GitHub fine-grained token', pattern: /\bgithub_pat_[A-Za-z0-9_]{60,255}\b/ },
  {
    what: 'a GitLab token',
    pattern: /\bgl(pat|dt|ptt|rt|oas|cbt|ft|imt|agent|ft|soat)-[A-Za-z0-9_-]{20,255}/
  },
  { what: 'an AWS access key id', pattern: /\b(AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\b/ },
  { what: 'a Google API key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[0-9A-Za-z-]{10,255}/ },
  {
    what: 'a Slack webhook URL',
    pattern: /hooks\.slack\.com\/(services|workflows|triggers)\/[A-Za-z0-9+/_-]{20,255}/
  },
  { what: 'a Stripe key', pattern: /\b(sk|rk)_(live|test)_[0-9A-Za-z]{16,255}\b/ },
  { what: 'an npm token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/ },
  { what: 'a SendGrid key', pattern: /\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b/ },
  { what: 'an Anthropic key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,255}/ },
  { what: 'an OpenAI key', pattern: /\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,255}T3BlbkFJ/ },
  {
    what: 'a JSON Web Token',
    pattern: /\beyJ[A-Za-z0-9_-]{8,8192}\.eyJ[A-Za-z0-9_-]{8,8192}\.[A-Za-z0-9_-]{8,8192}/
  },
  {
    what: 'a URL with a password',
    pattern: /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@]{1,256}:[^\s/@]{1,256}@[^\s/@]/i
  }
]

/** Words that make a name secret when they end it (`DB_PASSWORD`, `githubToken`, `API_KEY`). */
const SECRET_NAME_ENDINGS: readonly (readonly string[])[] = [
  ['password'],
  ['passwd'],
  ['pwd'],
  ['pass'],
  ['passphrase'],
  ['secret'],
  ['token'],
  ['credential'],
  ['credentials'],
  ['apikey'],
  ['api', 'key'],
  ['private', 'key'],
  ['secret', 'key'],
  ['access', 'key'],
  ['signing', 'key'],
  ['encryption', 'key'],
  ['master', 'key'],
  ['client', 'secret'],
  ['auth'],
  ['authorization'],
  ['cookie', 'secret'],
  ['session', 'key'],
  ['dsn'],
  ['connection', 'string'],
  ['conn', 'str']
]

/** Trailing words that still describe the value itself (`PASSWORD_B64`), not something about it. */
const VALUE_SUFFIXES = new Set(['value', 'b64', 'base64', 'hex', 'raw', 'plain', 'str', 'string'])

/**
 * Whether `value` (the literal for `name`) carries a secret. `${…}` references are removed first:
 * only the literal text around them counts.
 */
export function findPlainSecret(name: string, value: string): PlainSecretFinding | undefined {
  const literal = withoutReferences(
    value.length > MAX_SCANNED ? value.slice(0, MAX_SCANNED) : value
  )
  for (const format of CREDENTIAL_FORMATS) {
    if (format.pattern.test(literal))
      return { reason: `its value has the format of ${format.what}` }
  }
  if (secretName(name) && looksLikeSecretValue(literal)) {
    return { reason: `'${name}' names a secret and its value is a literal` }
  }
  const random = randomToken(literal)
  if (random !== undefined) {
    return { reason: `its value contains a random-looking string (${random}) like a key or token` }
  }
  return undefined
}

/** Drops `${…}` references (and `$$` escapes) so only literal text is judged. */
function withoutReferences(value: string): string {
  return value.replace(/\$\$|\$\{[^}]*\}/g, ' ').trim()
}

/** Splits `DB_PASSWORD`, `db-password`, `dbPassword`, `db.password` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(w => w.length > 0)
    .map(w => w.toLowerCase())
}

function secretName(name: string): boolean {
  const words = nameWords(name)
  while (words.length > 0 && (VALUE_SUFFIXES.has(words.at(-1)!) || /^\d+$/.test(words.at(-1)!)))
    words.pop()
  return SECRET_NAME_ENDINGS.some(ending => {
    if (ending.length > words.length) return false
    const tail = words.slice(words.length - ending.length)
    return tail.every((w, i) => w === ending[i] || w === `${ending[i]}s`)
  })
}

/** Values a secret-named setting may still hold in plain text: empties, flags, numbers, durations, paths. */
function looksLikeSecretValue(value: string): boolean {
  if (value.length < 4) return false
  if (/^(true|false|yes|no|on|off|null|none|enabled|disabled|required|optional)$/i.test(value))
    return false
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return false
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/.test(value)) return false
  // A file path (`/var/run/secrets/token`) or a URL without credentials points at a secret, not holds it.
  if (/^(\/|\.\/|~\/)[^\s]*$/.test(value)) return false
  if (/^[a-z][a-z0-9+.-]{1,30}:\/\/[^\s@]*$/i.test(value)) return false
  return true
}

/** Shannon entropy in bits per character. */
export function shannonEntropy(text: string): number {
  const counts = new Map<string, number>()
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1)
  let bits = 0
  for (const n of counts.values()) {
    const p = n / text.length
    bits -= p * Math.log2(p)
  }
  return bits
}

/**
 * A token of 24+ base64/base62 characters mixing upper case, lower case and digits whose entropy is
 * close to that of random text. Words, identifiers, paths and digests (hex only) do not qualify.
 */
function randomToken(value: string): string | undefined {
  for (const token of value.split(/[^A-Za-z0-9+/=_-]+/)) {
    if (token.length < 24) continue
    if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) continue
    const entropy = shannonEntropy(token)
    const threshold = Math.min(4.5, Math.log2(token.length) - 0.75)
    if (entropy >= threshold) return `${token.length} characters`
  }
  return undefined
}
