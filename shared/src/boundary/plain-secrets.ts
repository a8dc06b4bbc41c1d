/**
 * Boundary: which literal values a service may write in plain text. A secret in `env`, `properties`
 * or a kustomize literal leaks into the GitOps repository and the cluster's plain objects; it must come
 * from a secret store through `${secrets.<name>.<key>}` instead. This file decides whether one
 * name/value pair carries a secret: by a known credential format, by a secret-sounding name with a
 * secret-looking value, or by the randomness of the value itself.
 */

export interface PlainSecretFinding {
  /** Why the value looks like a secret, e.g. `it has the format of a GitHub token`; never the value. */
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
    pattern: /\bgl(pat|dt|ptt|rt|oas|cbt|ft|imt|agent|soat)-[A-Za-z0-9_-]{20,255}/
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
    pattern: /\b[a-z][a-z0-9+.-]{1,30}:\/\/[^\s:/@]{0,256}:[^\s/@]{1,256}@[^\s/@]/i
  }
]

/**
 * Words that make a name secret when they end it (`DB_PASSWORD`, `githubToken`, `API_KEY`,
 * `tokens`). `strict` endings are also common in harmless names (`FIRST_PASS`, `AUTH`), so their
 * value must also look like a password rather than one plain word.
 */
const SECRET_NAME_ENDINGS: readonly {
  readonly words: readonly string[]
  readonly strict?: true
}[] = [
  { words: ['password'] },
  { words: ['passwd'] },
  { words: ['passphrase'] },
  { words: ['secret'] },
  { words: ['token'] },
  { words: ['apikey'] },
  { words: ['api', 'key'] },
  { words: ['private', 'key'] },
  { words: ['secret', 'key'] },
  { words: ['access', 'key'] },
  { words: ['signing', 'key'] },
  { words: ['encryption', 'key'] },
  { words: ['master', 'key'] },
  { words: ['session', 'key'] },
  { words: ['hmac', 'key'] },
  { words: ['webhook', 'key'] },
  { words: ['license', 'key'] },
  { words: ['pat'] },
  { words: ['connection', 'string'] },
  { words: ['conn', 'str'] },
  { words: ['credential'], strict: true },
  { words: ['pwd'], strict: true },
  { words: ['pass'], strict: true },
  { words: ['auth'], strict: true },
  { words: ['authorization'], strict: true }
]

/** Words that anywhere in a name (`TOKEN_TTL`, `SECRET_KEY_BASE`) make a random-looking value suspect. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'passphrase',
  'secret',
  'secrets',
  'token',
  'tokens',
  'apikey',
  'credential',
  'credentials',
  'pwd',
  'private',
  'auth'
])

/** Trailing words that still describe the value itself (`PASSWORD_B64`), not something about it. */
const VALUE_SUFFIXES = new Set(['value', 'b64', 'base64', 'hex', 'raw', 'plain', 'str', 'string'])

/**
 * Whether `value` (the literal for `name`) carries a secret. `${…}` references are removed first:
 * only the literal text around them counts. The checks, in order:
 * 1. a known credential format, whatever the name;
 * 2. a name ending in a secret word (`*_PASSWORD`, `*_TOKEN`, `*_API_KEY`, …) with a value that is not
 *    empty, a flag, a number, a duration, a path, a URL without credentials or a placeholder;
 * 3. the same for `name=value` pairs inside the value (`-Dspring.datasource.password=…`, `?password=…`,
 *    `Password=…;` in connection strings);
 * 4. a name containing a secret word (`TOKEN_TTL`, `SECRET_KEY_BASE`) with a random-looking value;
 * 5. any value holding a long random-looking token (mixed-case letters and digits, high entropy);
 * 6. any value holding a random-looking password: 16+ printable characters mixing upper case, lower
 *    case, digits and symbols, high entropy, and none of the shapes ordinary settings take.
 */
export function findPlainSecret(name: string, value: string): PlainSecretFinding | undefined {
  const literal = withoutReferences(
    value.length > MAX_SCANNED ? value.slice(0, MAX_SCANNED) : value
  )
  if (literal.length === 0) return undefined
  for (const format of CREDENTIAL_FORMATS) {
    if (format.pattern.test(literal)) return { reason: `it has the format of ${format.what}` }
  }
  const ending = secretEnding(name)
  if (ending && looksLikeSecretValue(literal, ending.strict === true)) {
    return { reason: 'its name marks it as a secret and the value is a literal' }
  }
  for (const pair of literal.matchAll(
    /([A-Za-z][A-Za-z0-9_.-]{0,63})(?:=|: ?)([^\s&;,'"]{1,512})/g
  )) {
    const inner = secretEnding(pair[1])
    if (inner && looksLikeSecretValue(pair[2], inner.strict === true))
      return { reason: `it sets '${pair[1]}' to a literal` }
  }
  const words = nameWords(name)
  if (
    words.some(w => SECRET_WORDS.has(w)) &&
    !words.some(w => ABOUT_A_SECRET.has(w)) &&
    randomToken(literal, 16, 3.0)
  ) {
    return { reason: 'its name marks it as a secret and the value looks like a key' }
  }
  const random = randomToken(literal, 24, 0)
  if (random !== undefined) {
    return {
      reason: `it contains a random-looking string of ${random} characters, like a key or token`
    }
  }
  const password = randomPassword(literal)
  if (password !== undefined) {
    return {
      reason: `it contains a random-looking password of ${password} characters (letters, digits and symbols)`
    }
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
    .slice(0, 256)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(w => w.length > 0)
    .map(w => w.toLowerCase())
}

/** Names about a secret rather than holding one: its checksum, or the Kubernetes Secret it names. */
const ABOUT_A_SECRET = new Set([
  'checksum',
  'hash',
  'digest',
  'sha',
  'sha1',
  'sha256',
  'md5',
  'fingerprint'
])
/** A word before the secret word that makes the name a reference (`existingSecret`, `imagePullSecret`). */
const REFERENCE_QUALIFIERS = new Set(['existing', 'pull', 'tls', 'ref'])

function secretEnding(name: string): (typeof SECRET_NAME_ENDINGS)[number] | undefined {
  const words = nameWords(name)
  if (words.some(w => ABOUT_A_SECRET.has(w))) return undefined
  const endsWith = (list: readonly string[]) =>
    SECRET_NAME_ENDINGS.find(({ words: ending }) => {
      if (ending.length > list.length) return false
      const tail = list.slice(list.length - ending.length)
      if (REFERENCE_QUALIFIERS.has(list[list.length - ending.length - 1] ?? '')) return false
      return tail.every((w, i) => w === ending[i] || w === `${ending[i]}s`)
    })
  // `CONNECTION_STRING` ends in a secret word as it is; `PASSWORD_B64` once the suffix is dropped.
  const direct = endsWith(words)
  if (direct) return direct
  while (words.length > 0 && (VALUE_SUFFIXES.has(words.at(-1)!) || /^\d+$/.test(words.at(-1)!)))
    words.pop()
  return endsWith(words)
}

/**
 * Whether a value under a secret name is a real literal rather than a setting about the secret:
 * empties, flags, numbers, durations, file paths, URLs without credentials, ARNs and placeholders pass.
 * `strict`: one plain lower-case word (`oidc`, `full`) passes too.
 */
function looksLikeSecretValue(value: string, strict: boolean): boolean {
  if (value.length < 4) return false
  if (/^(true|false|yes|no|on|off|null|none|nil|enabled|disabled|required|optional)$/i.test(value))
    return false
  if (/^[+-]?\d+(\.\d+)?$/.test(value)) return false
  if (/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h|d|w))+$/.test(value)) return false
  // A file path or a URL without credentials says where a secret is, not what it is.
  if (/^(\/|\.\/|\.\.\/|~\/)\S*$/.test(value)) return false
  if (/^[a-z][a-z0-9+.-]{1,30}:\/\/[^\s@]*$/i.test(value)) return false
  if (/^arn:aws[a-z-]*:/.test(value)) return false
  if (PLACEHOLDER.test(value)) return false
  if (strict && /^[a-z]+(-[a-z]+)*$/.test(value)) return false
  return true
}

/** Text that stands for a value to be filled in, not a value. */
const PLACEHOLDER =
  /^(<[^<>]*>|\{\{[^{}]*\}\}|\$\([A-Za-z0-9_]*\)|\$[A-Za-z_][A-Za-z0-9_]*|%\([^)]*\)s|x{3,}|X{3,}|\*{3,}|\.{3}|change[-_ ]?me|replace[-_ ]?me|todo|tbd|redacted|placeholder)$/i

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

const classOf = (c: string) =>
  c >= 'a' && c <= 'z' ? 0 : c >= 'A' && c <= 'Z' ? 1 : c >= '0' && c <= '9' ? 2 : 3

/**
 * The length of the first token in `value` that looks random, or undefined.
 * - Without a secret name (`minEntropyGap` 0): 24+ base64/base62 characters mixing upper case, lower
 *   case and digits, entropy close to random text of that length, and frequent switches between
 *   character classes (random text switches about 60% of the time, CamelCase words far less).
 * - Under a secret-ish name: also 16+ hex characters or shorter mixed tokens with entropy ≥ 3.
 * Tokens that decode from base64 to a certificate or public key are not secrets.
 */
function randomToken(value: string, minLength: number, hexEntropy: number): number | undefined {
  for (const token of value.split(/[^A-Za-z0-9+/=_-]+/)) {
    if (token.length < minLength || token.length > 8192) continue
    const entropy = shannonEntropy(token)
    if (
      hexEntropy > 0 &&
      /^[0-9a-fA-F]+$/.test(token) &&
      /\d/.test(token) &&
      /[a-fA-F]/.test(token)
    ) {
      if (entropy >= hexEntropy) return token.length
      continue
    }
    if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9].*[0-9]/.test(token)) continue
    // Words (`Identifier`, `configuration`) hold long runs of lower-case letters; random text rarely does.
    if (/[a-z]{8}/.test(token)) continue
    let switches = 0
    for (let i = 1; i < token.length; i++)
      if (classOf(token[i]) !== classOf(token[i - 1])) switches++
    if (switches / (token.length - 1) < 0.4) continue
    const threshold =
      hexEntropy > 0
        ? Math.min(3.5, Math.log2(token.length) - 1)
        : Math.min(4.5, Math.log2(token.length) - 0.75)
    if (entropy < threshold) continue
    if (decodesToPublicMaterial(token)) continue
    return token.length
  }
  return undefined
}

function decodesToPublicMaterial(token: string): boolean {
  if (!token.startsWith('LS0t')) return false
  const text = Buffer.from(token.slice(0, 200), 'base64').toString('latin1')
  return /^-----BEGIN (CERTIFICATE|PUBLIC KEY|RSA PUBLIC KEY|X509 CRL|CERTIFICATE REQUEST)/.test(
    text
  )
}

/** Symbols that base64, names, versions, hosts and paths never hold, but generated passwords do. */
const PASSWORD_SYMBOL = /[!"#$%&'()*,;<>?@[\\\]^`{|}~]/
/**
 * Shapes of ordinary settings that mix all four character classes: URLs, paths and image references,
 * e-mail addresses, JSON/YAML flow text, markup, Go templates, Kubernetes `$(VAR)` references, regular
 * expressions, Windows paths, and `key=value` lists (queries, selectors, flags, distinguished names).
 */
const ORDINARY_SHAPES: readonly RegExp[] = [
  /:\/\//,
  /^(\/|\.\/|\.\.\/|~\/)/,
  /^[A-Za-z]:\\/,
  /^[\w.+-]{1,64}@[\w-]{1,63}(\.[\w-]{1,63})+$/,
  /^[[{].*[\]}]$|":/,
  /^<.*>$/,
  /\{\{|\$\(/,
  /\\[dDwWsSbB.]|\(\?|\{\d{1,4}(,\d{0,4})?\}|^\^.*\$$/,
  /^[\w./-]{1,256}[!=]?=[^=]*([&,;][\w./-]{1,256}[!=]?=[^=]*)+$/
]

/**
 * The length of the first whitespace-separated token that looks like a generated password, or
 * undefined: 16-256 printable characters with upper case, lower case, digits and at least one symbol
 * outside base64's alphabet; no run of five lower-case letters (words); frequent switches between
 * character classes (random text switches about 70% of the time); entropy close to that of random
 * text of that length; and none of the ORDINARY_SHAPES.
 */
function randomPassword(value: string): number | undefined {
  for (const token of value.split(/\s+/)) {
    if (token.length < 16 || token.length > 256) continue
    if (!/^[\x21-\x7e]+$/.test(token)) continue
    if (!/[A-Z]/.test(token) || !/[a-z]/.test(token) || !/[0-9]/.test(token)) continue
    if (!PASSWORD_SYMBOL.test(token)) continue
    if (/[a-z]{5}/.test(token)) continue
    let switches = 0
    for (let i = 1; i < token.length; i++)
      if (classOf(token[i]) !== classOf(token[i - 1])) switches++
    if (switches / (token.length - 1) < 0.5) continue
    if (shannonEntropy(token) < Math.min(4.5, Math.log2(token.length) - 0.6)) continue
    if (ORDINARY_SHAPES.some(shape => shape.test(token))) continue
    return token.length
  }
  return undefined
}
