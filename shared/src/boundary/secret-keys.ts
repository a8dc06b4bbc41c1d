/**
 * Boundary: which secret-store keys a service may read. A shared (Cluster)SecretStore hands every
 * admitted namespace every key; ESO has no per-key ACL. The platform confines a store with
 * `secretStores.<alias>.keyPattern` (e.g. `{service}/*`), and this file decides, for render (descriptor
 * keys) and validate (rendered or hand-written ExternalSecrets, PushSecrets), whether a key, a `find`
 * or a generator stays inside what the platform granted.
 *
 * Pattern semantics: `{service}` and `{environment}` are replaced by the (escaped) names; `*` matches
 * any characters except `/` within one segment; `**` (a whole segment) matches any number of segments;
 * every other character is literal (no `?`, classes, braces, extglobs or negation). Matching uses
 * minimatch with those features switched off. A key on a confined store must also be plain: no empty,
 * `.` or `..` segment, no trailing `/`, no backslash, control character, white space, `%`, `?` or `#`,
 * at most 1024 characters, so no provider can read it as a different path.
 */
import { escape, minimatch, type MinimatchOptions } from 'minimatch'
import type { EnvironmentConfig, SecretStoreRef } from '../descriptor/types.js'
import { externalSecretStores } from '../sealed-secrets/store.js'

/** Who is asking: the names that fill `{service}` and `{environment}`. */
export interface KeyScope {
  /** Undefined when validate cannot tell the service (a folder without a render record). */
  readonly service?: string
  readonly environment: string
}

export const KEY_PATTERN_PLACEHOLDERS = ['service', 'environment'] as const
const MAX_KEY_LENGTH = 1024

const LITERAL_GLOB: MinimatchOptions = {
  nobrace: true,
  noext: true,
  nonegate: true,
  nocomment: true,
  dot: true,
  windowsPathsNoEscape: false,
  platform: 'linux'
}

type Token =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string }
  | { readonly kind: 'star'; readonly count: number }

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = []
  const re = /\{([A-Za-z]+)\}|\*+|[^{*]+|\{/g
  for (const m of pattern.matchAll(re)) {
    if (m[1] !== undefined) tokens.push({ kind: 'placeholder', name: m[1] })
    else if (m[0].startsWith('*')) tokens.push({ kind: 'star', count: m[0].length })
    else tokens.push({ kind: 'literal', text: m[0] })
  }
  return tokens
}

/** What is wrong with a platform's keyPattern (message and what to do), for the platform config's load; empty when fine. */
export function keyPatternProblems(pattern: string): { message: string; hint: string }[] {
  const problems: { message: string; hint: string }[] = []
  for (const t of tokenize(pattern)) {
    if (
      t.kind === 'placeholder' &&
      !(KEY_PATTERN_PLACEHOLDERS as readonly string[]).includes(t.name)
    )
      problems.push({
        message: `The keyPattern '${pattern}' uses {${t.name}}; only {service} and {environment} are known.`,
        hint: 'Use {service} or {environment}, or remove the braces.'
      })
    if (t.kind === 'star' && t.count > 2)
      problems.push({
        message: `The keyPattern '${pattern}' has '${'*'.repeat(t.count)}'; use * or **.`,
        hint: 'Write * for one segment (no /) or ** for any number of whole segments.'
      })
  }
  for (const segment of pattern.split('/')) {
    if (segment.includes('**') && segment !== '**')
      problems.push({
        message: `The keyPattern '${pattern}' has '**' inside the segment '${segment}'; ** stands for whole segments (e.g. {service}/**).`,
        hint: `Put ** in a segment of its own (e.g. {service}/**), or use * inside '${segment}'.`
      })
  }
  return problems
}

/** The pattern with placeholders filled, as shown to users (`payments/*`). */
export function filledKeyPattern(pattern: string, scope: KeyScope): string {
  return tokenize(pattern)
    .map(t =>
      t.kind === 'literal'
        ? t.text
        : t.kind === 'star'
          ? '*'.repeat(t.count)
          : t.name === 'service'
            ? (scope.service ?? '{service}')
            : t.name === 'environment'
              ? scope.environment
              : `{${t.name}}`
    )
    .join('')
}

/** The minimatch pattern: literal text and names escaped, only `*` and `**` left as wildcards. */
function globFor(pattern: string, scope: KeyScope): string | undefined {
  let glob = ''
  for (const t of tokenize(pattern)) {
    if (t.kind === 'star') glob += '*'.repeat(t.count)
    else if (t.kind === 'literal') glob += escape(t.text, LITERAL_GLOB)
    else {
      const value =
        t.name === 'service'
          ? scope.service
          : t.name === 'environment'
            ? scope.environment
            : undefined
      if (value === undefined) return undefined
      glob += escape(value, LITERAL_GLOB)
    }
  }
  return glob
}

/** Why a key cannot be judged by segments at all; undefined when it is a plain key. */
function malformedKey(key: string): string | undefined {
  if (key.length === 0) return 'it is empty'
  if (key.length > MAX_KEY_LENGTH) return `it is longer than ${MAX_KEY_LENGTH} characters`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(key)) return 'it contains a backslash or a control character'
  // URL-based providers (Vault) decode %2F and cut at ? or #: a key must mean what it says.
  if (/[%?#\s]/.test(key)) return "it contains '%', '?', '#' or white space"
  const segments = key.split('/')
  if (segments.some((s, i) => s === '' && !(i === 0 && key.length > 1)))
    return 'it has an empty segment (// or a trailing /)'
  if (segments.some(s => s === '.' || s === '..')) return "it has a '.' or '..' segment"
  return undefined
}

export type KeyVerdict =
  | { readonly allowed: true }
  | {
      readonly allowed: false
      /** The filled pattern, as users read it (`shop/*`). */
      readonly pattern: string
      /** Why the key cannot be judged at all (malformed, service unknown); none for a plain mismatch. */
      readonly problem?: string
    }

/** Whether `key` may be read from `store` by the service in `scope`. */
export function checkStoreKey(store: SecretStoreRef, key: string, scope: KeyScope): KeyVerdict {
  if (store.keyPattern === undefined) return { allowed: true }
  const shown = filledKeyPattern(store.keyPattern, scope)
  const malformed = malformedKey(key)
  if (malformed) return { allowed: false, pattern: shown, problem: malformed }
  const glob = globFor(store.keyPattern, scope)
  if (glob === undefined)
    return {
      allowed: false,
      pattern: shown,
      problem:
        'the pattern names {service}, and the service is not known here (no render record), so no key can be shown to match'
    }
  if (minimatch(key, glob, LITERAL_GLOB)) return { allowed: true }
  return { allowed: false, pattern: shown }
}

/**
 * Whether every key under the `find.path` prefix is inside the store's pattern. Providers read the
 * path as a folder (Vault) or a plain name prefix (AWS), so only a path ending in `/` whose leading
 * segments match a pattern of the form `<segments>/**` is provably confined.
 */
export function findPathConfined(store: SecretStoreRef, path: string, scope: KeyScope): boolean {
  if (store.keyPattern === undefined) return true
  if (!store.keyPattern.endsWith('/**')) return false
  const head = store.keyPattern.slice(0, -3)
  if (head.split('/').includes('**')) return false
  if (!path.endsWith('/')) return false
  const folder = path.slice(0, -1)
  if (malformedKey(folder)) return false
  const depth = head.split('/').length
  const segments = folder.split('/')
  if (segments.length < depth) return false
  const glob = globFor(head, scope)
  return glob !== undefined && minimatch(segments.slice(0, depth).join('/'), glob, LITERAL_GLOB)
}

/** The platform's store entries for a (name, kind) reference; several aliases may name one store. */
export function storesNamed(
  environment: EnvironmentConfig,
  name: string,
  kind: string
): SecretStoreRef[] {
  return externalSecretStores(environment.secretStores).filter(
    s => s.name === name && (s.kind ?? 'SecretStore') === kind
  )
}

/** The message and hint for a descriptor key (`spec.secrets[].data.<k>.key`) outside the store's pattern. */
export function descriptorKeyProblem(
  secret: string,
  alias: string,
  store: SecretStoreRef,
  key: string,
  scope: KeyScope
): { message: string; hint: string } | undefined {
  const verdict = checkStoreKey(store, key, scope)
  if (verdict.allowed) return undefined
  return {
    message: `Secret '${secret}' reads key '${key}' from store '${alias}', which in environment '${scope.environment}' serves this service only keys matching '${verdict.pattern}'${verdict.problem ? `; the key is refused: ${verdict.problem}` : ''}.`,
    hint: `Use a key matching '${verdict.pattern}' (the platform's keyPattern for store '${alias}'), or ask the platform team to grant the key.`
  }
}

type Obj = Record<string, unknown>
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)
const entries = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(e => (isObj(e) ? e : {})) : [])

export interface KeyViolation {
  /** RFC 6901 pointer inside the manifest. */
  readonly pointer: string
  readonly message: string
}

interface StoreRef {
  readonly name: string
  readonly kind: string
}

function storeRefOf(value: unknown): StoreRef | undefined {
  if (!isObj(value) || typeof value.name !== 'string') return undefined
  return { name: value.name, kind: typeof value.kind === 'string' ? value.kind : 'SecretStore' }
}

/**
 * Key confinement of a rendered or hand-written ESO object: ExternalSecret, ClusterExternalSecret,
 * PushSecret, ClusterPushSecret. Undefined when the object is none of those. References to stores the
 * environment does not map are the `secret-store-allowed` guardrail's finding and are skipped here
 * (except in PushSecrets, which that guardrail does not read).
 */
export function esoKeyViolations(
  object: Readonly<Obj>,
  environment: EnvironmentConfig,
  scope: KeyScope
): KeyViolation[] | undefined {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : ''
  if (!apiVersion.startsWith('external-secrets.io/')) return undefined
  const spec = isObj(object.spec) ? object.spec : {}
  switch (object.kind) {
    case 'ExternalSecret':
      return externalSecretViolations(spec, '/spec', environment, scope)
    case 'ClusterExternalSecret':
      return externalSecretViolations(
        isObj(spec.externalSecretSpec) ? spec.externalSecretSpec : {},
        '/spec/externalSecretSpec',
        environment,
        scope
      )
    case 'PushSecret':
      return pushSecretViolations(spec, '/spec', environment, scope)
    case 'ClusterPushSecret':
      return pushSecretViolations(
        isObj(spec.pushSecretSpec) ? spec.pushSecretSpec : {},
        '/spec/pushSecretSpec',
        environment,
        scope
      )
    default:
      return undefined
  }
}

function externalSecretViolations(
  spec: Obj,
  at: string,
  environment: EnvironmentConfig,
  scope: KeyScope
): KeyViolation[] {
  const out: KeyViolation[] = []
  const main = storeRefOf(spec.secretStoreRef)
  const generatorAllowed = (generator: unknown, pointer: string) => {
    const kind = isObj(generator) && typeof generator.kind === 'string' ? generator.kind : '?'
    const allowed = environment.secretGenerators ?? []
    if (!allowed.includes(kind))
      out.push({
        pointer,
        message: `Generator kind '${kind}' is not allowed in environment '${scope.environment}'${allowed.length ? `; allowed: ${allowed.join(', ')}` : ' (the platform allows none: spec.environments[].secretGenerators)'}.`
      })
  }
  /** The platform's entries for the store an item reads, or undefined when the item is not to be judged. */
  const storesFor = (entry: Obj, pointer: string): SecretStoreRef[] | undefined => {
    const ref = isObj(entry.sourceRef) ? storeRefOf(entry.sourceRef.storeRef) : undefined
    const store = ref ?? main
    if (!store) {
      out.push({
        pointer,
        message: 'This entry names no store (neither spec.secretStoreRef nor sourceRef.storeRef).'
      })
      return undefined
    }
    const stores = storesNamed(environment, store.name, store.kind)
    return stores.length > 0 ? stores : undefined
  }
  const keyAllowed = (stores: SecretStoreRef[], key: unknown, pointer: string, what: string) => {
    if (typeof key !== 'string') return
    const verdicts = stores.map(s => checkStoreKey(s, key, scope))
    const refused = verdicts.find(v => !v.allowed)
    if (verdicts.some(v => v.allowed) || !refused || refused.allowed) return
    out.push({
      pointer,
      message: `${what} '${key}' is not allowed: store '${stores[0].name}' serves this service only keys matching '${refused.pattern}' in environment '${scope.environment}'${refused.problem ? `; ${refused.problem}` : ''}.`
    })
  }
  entries(spec.data).forEach((entry, i) => {
    const base = `${at}/data/${i}`
    if (isObj(entry.sourceRef) && entry.sourceRef.generatorRef !== undefined) {
      generatorAllowed(entry.sourceRef.generatorRef, `${base}/sourceRef/generatorRef`)
      return
    }
    const stores = storesFor(entry, base)
    if (stores && isObj(entry.remoteRef))
      keyAllowed(stores, entry.remoteRef.key, `${base}/remoteRef/key`, `data[${i}].remoteRef.key`)
  })
  entries(spec.dataFrom).forEach((entry, i) => {
    const base = `${at}/dataFrom/${i}`
    if (isObj(entry.sourceRef) && entry.sourceRef.generatorRef !== undefined) {
      generatorAllowed(entry.sourceRef.generatorRef, `${base}/sourceRef/generatorRef`)
      return
    }
    const stores = storesFor(entry, base)
    if (!stores) return
    if (isObj(entry.extract))
      keyAllowed(stores, entry.extract.key, `${base}/extract/key`, `dataFrom[${i}].extract.key`)
    if (entry.find !== undefined) {
      const find = isObj(entry.find) ? entry.find : {}
      const path = typeof find.path === 'string' ? find.path : undefined
      const confined = stores.some(
        s => s.keyPattern === undefined || (path !== undefined && findPathConfined(s, path, scope))
      )
      if (!confined)
        out.push({
          pointer: `${base}/find`,
          message: `dataFrom[${i}].find lists keys by ${path !== undefined ? `path '${path}'` : 'name or tags'} on store '${stores[0].name}', which serves this service only keys matching '${filledKeyPattern(stores.find(s => s.keyPattern)?.keyPattern ?? '', scope)}'; a find cannot be confined to that. Name each key (data[].remoteRef.key or dataFrom[].extract.key), or use a find.path ending in '/' inside the pattern.`
        })
    }
  })
  return out
}

function pushSecretViolations(
  spec: Obj,
  at: string,
  environment: EnvironmentConfig,
  scope: KeyScope
): KeyViolation[] {
  const out: KeyViolation[] = []
  const targets: SecretStoreRef[][] = []
  entries(spec.secretStoreRefs).forEach((ref, i) => {
    const pointer = `${at}/secretStoreRefs/${i}`
    if (ref.labelSelector !== undefined) {
      out.push({
        pointer: `${pointer}/labelSelector`,
        message:
          'A PushSecret that picks stores by labelSelector cannot be confined; name each store.'
      })
      return
    }
    const store = storeRefOf(ref)
    const stores = store ? storesNamed(environment, store.name, store.kind) : []
    if (stores.length === 0) {
      out.push({
        pointer,
        message: `${store ? `${store.kind} '${store.name}'` : 'This entry'} is not a store of environment '${scope.environment}'.`
      })
      return
    }
    targets.push(stores)
  })
  entries(spec.data).forEach((entry, i) => {
    const remoteRef =
      isObj(entry.match) && isObj(entry.match.remoteRef) ? entry.match.remoteRef : {}
    const key = remoteRef.remoteKey
    if (typeof key !== 'string') return
    for (const stores of targets) {
      const verdicts = stores.map(s => checkStoreKey(s, key, scope))
      if (verdicts.some(v => v.allowed)) continue
      const refused = verdicts[0]
      if (refused.allowed) continue
      out.push({
        pointer: `${at}/data/${i}/match/remoteRef/remoteKey`,
        message: `data[${i}] writes key '${key}', which is not allowed: store '${stores[0].name}' serves this service only keys matching '${refused.pattern}' in environment '${scope.environment}'${refused.problem ? `; ${refused.problem}` : ''}.`
      })
      break
    }
  })
  return out
}
