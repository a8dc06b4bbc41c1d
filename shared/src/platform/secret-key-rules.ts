// `secret-key-confined` in CEL, one set of expressions for a Kyverno `validate.cel` rule and a
// ValidatingAdmissionPolicy: on a store with a `keyPattern`, an ExternalSecret or PushSecret names
// only keys inside the pattern filled with its service, a `dataFrom.find` lists only under a path the
// pattern confines, and generators are the environment's `secretGenerators` (boundary/secret-keys.ts).
// At admission the service is the one whose namespace the object is in (the namespace pattern read
// backwards); the built-in rule takes it from the render record, and the `namespace` guardrail keeps
// the two the same.
import { externalSecretStores } from '../sealed-secrets/store.js'
import { namespaceRegex, validatingPolicy } from './admission.js'
import { celString, escapeRegex } from './expression-text.js'
import { serviceNamespaces } from './kyverno-rules.js'
import type { KubeObject } from './namespaces.js'
import type { EnvironmentTenants } from './tenants.js'

/** A regex part, or the service name at admission. */
type Part = { readonly regex: string } | { readonly service: true }

/** One segment of a keyPattern (`*` within it, `{service}`, `{environment}`, literal text). */
function segmentParts(segment: string, environment: string): Part[] {
  const parts: Part[] = []
  for (const m of segment.matchAll(/\{([A-Za-z]+)\}|\*|[^{*]+|\{/g)) {
    if (m[1] === 'service') parts.push({ service: true })
    else if (m[1] === 'environment') parts.push({ regex: escapeRegex(environment) })
    else if (m[0] === '*') parts.push({ regex: '[^/]*' })
    else parts.push({ regex: escapeRegex(m[0]) })
  }
  return parts
}

/**
 * The keyPattern as a regular expression over the key, as minimatch reads it with idp's options: `*`
 * one segment's characters, a `**` segment any number of whole segments (at the end: at least one).
 */
export function keyPatternParts(pattern: string, environment: string): Part[] {
  const segments = pattern.split('/')
  const last = segments.length - 1
  const parts: Part[] = [{ regex: '^' }]
  let separator = ''
  segments.forEach((segment, i) => {
    if (segment === '**') {
      if (segments.length === 1) parts.push({ regex: '[^/]+(?:/[^/]+)*' })
      else if (i === last) parts.push({ regex: '(?:/[^/]+)+' })
      else {
        parts.push({ regex: `${separator}(?:[^/]+/)*` })
        separator = ''
        return
      }
    } else parts.push({ regex: separator }, ...segmentParts(segment, environment))
    separator = '/'
  })
  parts.push({ regex: '$' })
  return parts
}

const SERVICE = 'variables.service'
const usesService = (parts: readonly Part[]) => parts.some(p => 'service' in p)
const celRegex = (parts: readonly Part[]) =>
  parts.map(p => ('service' in p ? SERVICE : celString(p.regex))).join(' + ')

/** A key no provider can read as another path (boundary/secret-keys.ts malformedKey). */
const MALFORMED = '[\\x00-\\x1f\\x7f\\x5c%?#\\s]|//|/$|(^|/)\\.\\.?(/|$)'
const wellFormed = (key: string) =>
  `(${key} != '' && size(${key}) <= 1024 && !${key}.matches(${celString(MALFORMED)}))`

interface StoreGroup {
  readonly name: string
  readonly kind: string
  /** Undefined when an alias of this store has no keyPattern: every key is allowed. */
  readonly patterns?: readonly string[]
}

function storeGroups(tenants: EnvironmentTenants): StoreGroup[] {
  const groups = new Map<string, { name: string; kind: string; patterns?: string[] }>()
  for (const store of externalSecretStores(tenants.environment.secretStores)) {
    const kind = store.kind ?? 'SecretStore'
    const key = `${kind}/${store.name}`
    const group = groups.get(key) ?? { name: store.name, kind, patterns: [] }
    if (store.keyPattern === undefined || group.patterns === undefined) group.patterns = undefined
    else group.patterns.push(store.keyPattern)
    groups.set(key, group)
  }
  return [...groups.values()]
}

const isStore = (ref: string, g: StoreGroup) =>
  `(${ref}.name == ${celString(g.name)} && (has(${ref}.kind) ? ${ref}.kind : 'SecretStore') == ${celString(g.kind)})`

function keyAllowed(key: string, g: StoreGroup, environment: string): string {
  if (!g.patterns) return 'true'
  const alternatives = g.patterns.map(p => {
    const parts = keyPatternParts(p, environment)
    return `${usesService(parts) ? `${SERVICE} != '' && ` : ''}${key}.matches(${celRegex(parts)})`
  })
  return `(type(${key}) != string || (${wellFormed(key)} && (${alternatives.join(' || ')})))`
}

/** A `find.path` whose every key is inside the pattern (boundary/secret-keys.ts findPathConfined). */
function findAllowed(entry: string, g: StoreGroup, environment: string): string {
  if (!g.patterns) return 'true'
  const path = `${entry}.find.path`
  const alternatives = g.patterns.flatMap(p => {
    if (!p.endsWith('/**')) return []
    const head = p.slice(0, -3)
    if (head.split('/').includes('**')) return []
    const parts = keyPatternParts(head, environment).slice(0, -1)
    return [
      `(${usesService(parts) ? `${SERVICE} != '' && ` : ''}${path}.matches(${celRegex(parts)} + '(?:/[^/]+)*/$') && ${wellFormed(`${path}.substring(0, size(${path}) - 1)`)})`
    ]
  })
  if (alternatives.length === 0) return 'false'
  return `(has(${entry}.find.path) && type(${path}) == string && (${alternatives.join(' || ')}))`
}

/** The checks of one ExternalSecret `data` / `dataFrom` entry `e`. */
function entryAllowed(
  field: 'data' | 'dataFrom',
  groups: StoreGroup[],
  tenants: EnvironmentTenants
) {
  const env = tenants.environment.name
  const generators = (tenants.environment.secretGenerators ?? []).map(celString).join(', ')
  const own = 'has(e.sourceRef) && has(e.sourceRef.storeRef) && has(e.sourceRef.storeRef.name)'
  const store = `(${own} ? e.sourceRef.storeRef : object.spec.secretStoreRef)`
  const named = `(${own}) || (has(object.spec.secretStoreRef) && has(object.spec.secretStoreRef.name))`
  const key = (path: string) => `(has(${path}) ? ${path} : 0)`
  const perStore = groups.map(g => {
    const checks =
      field === 'data'
        ? keyAllowed(key('e.remoteRef.key'), g, env)
        : `(!has(e.extract) || ${keyAllowed(key('e.extract.key'), g, env)}) && (!has(e.find) || ${findAllowed('e', g, env)})`
    return `(!${isStore(store, g)} || (${checks}))`
  })
  const generator = `has(e.sourceRef.generatorRef.kind) && e.sourceRef.generatorRef.kind in [${generators}]`
  return `!has(object.spec.${field}) || object.spec.${field}.all(e, has(e.sourceRef) && has(e.sourceRef.generatorRef) ? (${generator}) : ((${named}) && ${perStore.join(' && ') || 'true'}))`
}

export interface SecretKeyChecks {
  readonly variables: readonly { name: string; expression: string }[]
  readonly validations: readonly { expression: string; message: string }[]
}

export function secretKeyChecks(tenants: EnvironmentTenants): SecretKeyChecks {
  const env = tenants.environment.name
  const groups = storeGroups(tenants)
  const [prefix, suffix] = tenants.environment.namespace
    .replace(/\{environment\}/g, env)
    .split('{service}')
  const ns = 'request.namespace'
  const service = `${ns}.startsWith(${celString(prefix)}) && ${ns}.endsWith(${celString(suffix ?? '')}) && size(${ns}) > ${prefix.length + (suffix ?? '').length} ? ${ns}.substring(${prefix.length}, size(${ns}) - ${(suffix ?? '').length}) : ''`
  const pushKey =
    '(has(d.match) && has(d.match.remoteRef) && has(d.match.remoteRef.remoteKey) ? d.match.remoteRef.remoteKey : 0)'
  const anyStore = groups.map(g => isStore('r', g)).join(' || ') || 'false'
  const onlyFor = (kind: string, expression: string) =>
    `object.kind != ${celString(kind)} || (${expression})`
  return {
    variables: [{ name: 'service', expression: service }],
    validations: [
      {
        expression: onlyFor('ExternalSecret', entryAllowed('data', groups, tenants)),
        message: `Every data entry names a store, reads a key inside the store's keyPattern for this service in environment '${env}', or uses a generator the environment allows.`
      },
      {
        expression: onlyFor('ExternalSecret', entryAllowed('dataFrom', groups, tenants)),
        message: `Every dataFrom entry names a store and extracts a key (or finds under a path) inside the store's keyPattern for this service in environment '${env}', or uses a generator the environment allows.`
      },
      {
        expression: onlyFor(
          'PushSecret',
          `!has(object.spec.secretStoreRefs) || object.spec.secretStoreRefs.all(r, !has(r.labelSelector) && has(r.name) && (${anyStore}))`
        ),
        message: `A PushSecret names each store (no labelSelector), and each is a store of environment '${env}'.`
      },
      {
        expression: onlyFor(
          'PushSecret',
          `!has(object.spec.data) || !has(object.spec.secretStoreRefs) || object.spec.data.all(d, object.spec.secretStoreRefs.all(r, !has(r.name) || ${groups.map(g => `(!${isStore('r', g)} || ${keyAllowed(pushKey, g, env)})`).join(' && ') || 'true'}))`
        ),
        message: `A PushSecret writes only keys inside each target store's keyPattern for this service in environment '${env}'.`
      }
    ]
  }
}

const KINDS = ['ExternalSecret', 'PushSecret']

export function secretKeyKyvernoRules(
  id: string,
  tenants: EnvironmentTenants
): KubeObject[] | undefined {
  if (id !== 'secret-key-confined') return undefined
  const checks = secretKeyChecks(tenants)
  return [
    {
      name: id,
      match: {
        any: [
          {
            resources: {
              kinds: KINDS.map(k => `external-secrets.io/*/${k}`),
              namespaces: serviceNamespaces(tenants)
            }
          }
        ]
      },
      validate: { cel: { variables: checks.variables, expressions: checks.validations } }
    }
  ]
}

export function secretKeyAdmissionPolicies(
  id: string,
  tenants: EnvironmentTenants,
  _platform: unknown,
  enforce: boolean
): KubeObject[] {
  if (id !== 'secret-key-confined') return []
  const checks = secretKeyChecks(tenants)
  return validatingPolicy(id, tenants, enforce, {
    resourceRules: [
      {
        apiGroups: ['external-secrets.io'],
        apiVersions: ['*'],
        operations: ['CREATE', 'UPDATE'],
        resources: ['externalsecrets', 'pushsecrets']
      }
    ],
    matchConditions: [
      {
        name: 'service-namespace',
        expression: `request.namespace.matches(${celString(namespaceRegex(serviceNamespaces(tenants)))})`
      }
    ],
    variables: checks.variables,
    validations: checks.validations
  })
}
