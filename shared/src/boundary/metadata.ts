/**
 * Boundary: which labels and annotations on rendered objects belong to the platform and to idp, not to
 * the service. The platform's defaults and environment labels/annotations, every `idp.dev/*` key, the
 * `app.kubernetes.io/*` and Backstage keys idp writes, and the keys KubeVela and the GitOps controllers
 * track ownership with: a service may neither set nor remove them (KubeVela's `labels`/`annotations`
 * traits delete a key with `null`), from component or trait properties, environment overrides or
 * resource properties. Render refuses such a key at its `idp.yaml` line; validate reads rendered
 * KubeVela Applications with the same rules.
 */
import type { EffectiveService } from '../descriptor/effective.js'
import { escapePointer, isPlainObject, originOf, type Origins } from '../descriptor/origins.js'
import type { EnvironmentConfig, PlatformConfig } from '../descriptor/types.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import { ownerLabelValue } from '../render/context.js'
import type { Position, Problem } from '../runtime/errors.js'

export type MetadataKind = 'label' | 'annotation'

/** Keys idp writes on every rendered object (see `render/context.ts`), whatever the platform says. */
export const IDP_WRITTEN_KEYS: readonly string[] = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/part-of',
  'app.kubernetes.io/managed-by',
  'backstage.io/kubernetes-id'
]

/**
 * Keys outside idp's own prefix that name an object's owner for a controller: Argo CD and Flux track
 * which application an object belongs to with them, so a foreign value lets one service's objects be
 * claimed or pruned by another's application.
 */
export const TRACKING_KEYS: readonly string[] = [
  'argocd.argoproj.io/instance',
  'argocd.argoproj.io/tracking-id',
  'kustomize.toolkit.fluxcd.io/name',
  'kustomize.toolkit.fluxcd.io/namespace',
  'helm.toolkit.fluxcd.io/name',
  'helm.toolkit.fluxcd.io/namespace'
]

/**
 * Key prefixes (the part before `/`, and any subdomain of it) that are reserved whole: idp's own, and
 * KubeVela's (`app.oam.dev/name` is the selector the catalog finds a service's pods by).
 */
export const RESERVED_DOMAINS: readonly string[] = ['idp.dev', 'oam.dev']

/** The keys of one platform and environment a service may not touch, with where each comes from. */
export interface ProtectedMetadata {
  readonly labels: ReadonlyMap<string, string>
  readonly annotations: ReadonlyMap<string, string>
  /** `spec.defaults.protectedKeys`, lower-cased: keys, `domain/*` and `*.domain/*`. */
  readonly platformKeys: readonly string[]
}

/**
 * What the platform sets for this environment (defaults first, the environment's own over them).
 * Without a platform config only idp's and KubeVela's own keys are protected.
 */
export function protectedMetadata(
  platform: PlatformConfig | undefined,
  environment?: EnvironmentConfig
): ProtectedMetadata {
  const collect = (kind: 'labels' | 'annotations') => {
    const out = new Map<string, string>()
    for (const key of Object.keys(platform?.spec.defaults?.[kind] ?? {}))
      out.set(key.toLowerCase(), `platform.yaml spec.defaults.${kind}`)
    for (const key of Object.keys(environment?.[kind] ?? {}))
      out.set(
        key.toLowerCase(),
        `the ${kind} of environment '${environment!.name}' in platform.yaml`
      )
    return out
  }
  return {
    labels: collect('labels'),
    annotations: collect('annotations'),
    platformKeys: (platform?.spec.defaults?.protectedKeys ?? []).map(k => k.toLowerCase())
  }
}

/** Whether a lower-cased key falls under one `protectedKeys` entry (compared as text, no regex). */
function matchesPlatformKey(key: string, domain: string, entry: string): boolean {
  if (!entry.endsWith('/*')) return key === entry
  const prefix = entry.slice(0, -2)
  if (prefix.startsWith('*.')) {
    const base = prefix.slice(2)
    return domain === base || domain.endsWith(`.${base}`)
  }
  return domain === prefix
}

/**
 * Why a service may not set or remove this label or annotation key, or undefined when it may. Keys are
 * compared without case: Kubernetes refuses upper-case prefixes, and a look-alike must not slip by.
 */
export function protectedKeyReason(
  key: string,
  kind: MetadataKind,
  owned: ProtectedMetadata
): string | undefined {
  const lower = key.toLowerCase()
  const slash = lower.indexOf('/')
  const domain = slash >= 0 ? lower.slice(0, slash) : ''
  const reserved = RESERVED_DOMAINS.find(d => domain === d || domain.endsWith(`.${d}`))
  if (reserved === 'idp.dev') return `keys under ${domain}/ belong to idp`
  if (reserved) return `keys under ${domain}/ belong to KubeVela (the catalog finds pods by them)`
  if (IDP_WRITTEN_KEYS.includes(lower)) return 'idp writes it on every object of the service'
  if (TRACKING_KEYS.includes(lower))
    return 'the GitOps controller tracks which application owns an object by it'
  const platform = (kind === 'label' ? owned.labels : owned.annotations).get(lower)
  if (platform) return `the platform sets it (${platform})`
  const entry = owned.platformKeys.find(e => matchesPlatformKey(lower, domain, e))
  return entry
    ? `the platform reserves it (platform.yaml spec.defaults.protectedKeys: ${entry})`
    : undefined
}

/**
 * The values render gives the labels that name a service's identity, from what its render record
 * says; validate holds every object of a rendered folder (and its pod templates) to them, so a folder
 * edited after render cannot label its objects as another service's, team's or environment's.
 */
export function identityLabelValues(record: {
  readonly service?: unknown
  readonly owner?: unknown
  readonly environment?: unknown
}): Readonly<Record<string, string>> {
  // A record read from a folder may lack fields (validate reports that); check what it does say.
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
  const service = text(record.service)
  const owner = text(record.owner)
  const environment = text(record.environment)
  return {
    'app.kubernetes.io/managed-by': 'idp',
    ...(service
      ? { 'app.kubernetes.io/name': service, 'backstage.io/kubernetes-id': service }
      : {}),
    ...(owner ? { 'idp.dev/owner': ownerLabelValue(owner) } : {}),
    ...(environment ? { 'idp.dev/environment': environment } : {})
  }
}

/** One label or annotation key a service writes somewhere in its properties. */
export interface MetadataWrite {
  readonly kind: MetadataKind
  readonly key: string
  readonly value: unknown
  /** RFC 6901 pointer of the key's value inside the properties it was found in. */
  readonly pointer: string
}

/**
 * The property names whose value is a map of labels or annotations, as KubeVela's types and common
 * custom definitions spell them (`labels`, `podLabels`, `commonAnnotations`, `metadata.labels`).
 * Selectors (`matchLabels`) choose objects and do not label them.
 */
function metadataKindOfProperty(name: string): MetadataKind | undefined {
  const lower = name.toLowerCase()
  if (lower === 'matchlabels') return undefined
  if (lower.endsWith('labels')) return 'label'
  if (lower.endsWith('annotations')) return 'annotation'
  return undefined
}

/**
 * Every label or annotation key in a properties tree. `rootKind` says the whole tree is one such map
 * (KubeVela's `labels` and `annotations` traits). Walks without recursion, so depth cannot overflow.
 */
export function metadataWrites(properties: unknown, rootKind?: MetadataKind): MetadataWrite[] {
  const writes: MetadataWrite[] = []
  const stack: { value: unknown; pointer: string; kind?: MetadataKind }[] = [
    { value: properties, pointer: '', kind: rootKind }
  ]
  while (stack.length > 0) {
    const { value, pointer, kind } = stack.pop()!
    if (kind && isPlainObject(value)) {
      for (const [key, item] of Object.entries(value))
        writes.push({ kind, key, value: item, pointer: `${pointer}/${escapePointer(key)}` })
      continue
    }
    if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push({ value: item, pointer: `${pointer}/${i}` }))
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value))
        stack.push({
          value: item,
          pointer: `${pointer}/${escapePointer(key)}`,
          kind: metadataKindOfProperty(key)
        })
    }
  }
  return writes.sort((a, b) => (a.pointer < b.pointer ? -1 : a.pointer > b.pointer ? 1 : 0))
}

/** Writes of protected keys, each with the reason it is refused. */
export function protectedWrites(
  writes: readonly MetadataWrite[],
  owned: ProtectedMetadata
): (MetadataWrite & { readonly reason: string })[] {
  return writes.flatMap(w => {
    const reason = protectedKeyReason(w.key, w.kind, owned)
    return reason ? [{ ...w, reason }] : []
  })
}

/** Where a key's line is: `positionOf(path, {key: true})` of the descriptor. */
export type KeyPositionOf = (path: readonly PathSegment[]) => Position

const TRAIT_ROOT_KIND: Readonly<Record<string, MetadataKind>> = {
  labels: 'label',
  annotations: 'annotation'
}

/**
 * Problems for every protected label or annotation the service's effective properties (base and this
 * environment's overrides) would set or remove on its objects, each at the line that writes the key.
 */
export function serviceMetadataProblems(
  service: EffectiveService,
  platform: PlatformConfig,
  environment: EnvironmentConfig,
  positionOf: KeyPositionOf
): Problem[] {
  const owned = protectedMetadata(platform, environment)
  const problems: Problem[] = []
  const report = (
    properties: unknown,
    origins: Origins,
    fallback: readonly PathSegment[],
    where: string,
    rootKind?: MetadataKind
  ) => {
    for (const write of protectedWrites(metadataWrites(properties, rootKind), owned)) {
      const action = write.value === null ? 'removes' : 'sets'
      problems.push({
        message: `${where} ${action} ${write.kind} '${write.key}', which the service may not ${write.value === null ? 'remove' : 'set'}: ${write.reason}.`,
        position: positionOf(originOf(origins, write.pointer) ?? fallback),
        hint: `Remove '${write.key}' here; use a key of your own, e.g. under your team's domain.`
      })
    }
  }
  for (const component of service.components) {
    report(
      component.properties,
      component.origins,
      [...component.path, 'properties'],
      `Component '${component.name}'`
    )
    for (const trait of component.traits)
      report(
        trait.properties,
        trait.origins,
        trait.path,
        `Trait '${trait.type}' of component '${component.name}'`,
        TRAIT_ROOT_KIND[trait.type]
      )
  }
  for (const resource of service.resources)
    report(resource.properties, resource.origins, resource.path, `Resource '${resource.name}'`)
  return problems
}

/**
 * Protected keys a rendered KubeVela Application's components and traits would set or remove on the
 * workloads, as pointers into the Application; for validate, where the folder may not come from render.
 */
export function applicationMetadataFindings(
  application: Readonly<Record<string, unknown>>,
  owned: ProtectedMetadata
): { readonly pointer: string; readonly message: string }[] {
  const spec = application.spec
  const components = isPlainObject(spec) && Array.isArray(spec.components) ? spec.components : []
  const findings: { pointer: string; message: string }[] = []
  const add = (base: string, properties: unknown, what: string, rootKind?: MetadataKind) => {
    for (const write of protectedWrites(metadataWrites(properties, rootKind), owned))
      findings.push({
        pointer: `${base}${write.pointer}`,
        message: `${what} ${write.value === null ? 'removes' : 'sets'} ${write.kind} '${write.key}': ${write.reason}.`
      })
  }
  components.forEach((component: unknown, i) => {
    if (!isPlainObject(component)) return
    const name = typeof component.name === 'string' ? component.name : String(i)
    add(`/spec/components/${i}/properties`, component.properties, `Component '${name}'`)
    const traits = Array.isArray(component.traits) ? component.traits : []
    traits.forEach((trait: unknown, t) => {
      if (!isPlainObject(trait)) return
      const type = typeof trait.type === 'string' ? trait.type : ''
      add(
        `/spec/components/${i}/traits/${t}/properties`,
        trait.properties,
        `Trait '${type}' of component '${name}'`,
        TRAIT_ROOT_KIND[type]
      )
    })
  })
  return findings
}
