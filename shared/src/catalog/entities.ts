import { protectedCatalogAnnotation } from '../boundary/catalog-metadata.js'
import type { ServiceDescriptor, PlatformConfig } from '../descriptor/types.js'

/** A Backstage entity as we generate it: only the four root fields the catalog accepts as input. */
export interface CatalogEntity {
  readonly apiVersion: 'backstage.io/v1alpha1'
  readonly kind: 'Component' | 'Resource' | 'API' | 'System'
  readonly metadata: {
    readonly name: string
    readonly namespace?: string
    readonly title?: string
    readonly description?: string
    readonly tags?: readonly string[]
    readonly links?: readonly {
      readonly url: string
      readonly title?: string
      readonly icon?: string
    }[]
    readonly annotations?: Readonly<Record<string, string>>
  }
  readonly spec: Readonly<Record<string, unknown>>
}

/** A path into the descriptor, as `positionOf` takes it. */
export type DescriptorPath = readonly (string | number)[]

/**
 * One generated entity and where each of its fields came from in `idp.yaml`, so a validation finding
 * on `spec.owner` lands on the line that wrote the owner.
 */
export interface DerivedEntity {
  readonly entity: CatalogEntity
  /** The descriptor node the entity as a whole comes from (e.g. `spec.resources[1]`). */
  readonly origin: DescriptorPath
  /** Dotted entity field (`metadata.name`, `spec.dependsOn.0`) → descriptor path. */
  readonly fields: Readonly<Record<string, DescriptorPath>>
}

export interface DeriveOptions {
  /**
   * Where the descriptor's folder can be browsed, e.g.
   * `https://github.com/acme/checkout/tree/main/` (trailing slash). Sets `backstage.io/source-location`
   * and anchors `$text` API references and TechDocs.
   */
  readonly sourceUrl?: string
  /** `owner/name` on GitHub; sets `github.com/project-slug`. */
  readonly repository?: string
  /** `inline`: the definition file's text goes into the entity; `reference`: a `$text` placeholder. */
  readonly apiDefinitions: 'inline' | 'reference'
  /** Reads an API definition file given its path relative to the descriptor. */
  readonly readDefinition: (relativePath: string) => string
  /** Also emit the `System` entity named by `metadata.system`. */
  readonly systemEntity: boolean
  /**
   * The folder holding `mkdocs.yml`, relative to the descriptor (TechDocs builds from there); the
   * descriptor's `docs` folder when not given.
   */
  readonly techdocsRoot?: string
  /** Extra annotations put on the Component (per-environment deployments). */
  readonly componentAnnotations?: Readonly<Record<string, string>>
}

export const API_VERSION = 'backstage.io/v1alpha1'
export const DEFAULT_NAMESPACE = 'default'
/** Our own annotation prefix (a DNS subdomain, as the catalog requires for annotation keys). */
export const IDP_ANNOTATION_PREFIX = 'idp.dev/'

/** `group:default/x` → itself; `x` → `group:default/x` (the catalog's default kind for owner). */
export function fullRef(ref: string, defaultKind: string): string {
  const colon = ref.indexOf(':')
  const kind = colon >= 0 ? ref.slice(0, colon) : defaultKind
  const rest = colon >= 0 ? ref.slice(colon + 1) : ref
  const slash = rest.indexOf('/')
  const namespace = slash >= 0 ? rest.slice(0, slash) : DEFAULT_NAMESPACE
  const name = slash >= 0 ? rest.slice(slash + 1) : rest
  return `${kind.toLowerCase()}:${namespace}/${name}`
}

/** An API definition is inline when it spans lines; otherwise it names a file beside the descriptor. */
export function isInlineDefinition(definition: string): boolean {
  return definition.includes('\n')
}

function joinUrl(base: string, relative: string): string {
  const cleaned = relative.replace(/^\.(\/|$)/, '')
  return new URL(cleaned, base.endsWith('/') ? base : `${base}/`).toString()
}

/** A GitHub-style folder URL (`…/tree/<ref>/…`) names a file as `…/blob/<ref>/…`. */
function fileUrl(url: string): string {
  return url.replace(/^(https?:\/\/[^/]+\/[^/]+\/[^/]+)\/tree\//, '$1/blob/')
}

/** The Argo CD application the catalog links to: the pattern for the last (most promoted) environment. */
export function argocdAppName(
  pattern: string,
  service: string,
  platform: PlatformConfig
): string | undefined {
  const environments = platform.spec.environments
  const environment = environments[environments.length - 1]?.name
  if (pattern.includes('{environment}') && !environment) return undefined
  return pattern.replaceAll('{service}', service).replaceAll('{environment}', environment ?? '')
}

function componentAnnotations(
  descriptor: ServiceDescriptor,
  platform: PlatformConfig,
  options: DeriveOptions
): Record<string, string> {
  const meta = descriptor.metadata
  // The descriptor's own annotations first, so what idp derives always wins; the keys the boundary
  // protects are refused at their line before deriving and dropped here even if a caller skipped that.
  const annotations: Record<string, string> = {}
  for (const [key, value] of Object.entries(meta.annotations ?? {}))
    if (!protectedCatalogAnnotation(key)) annotations[key] = value
  if (options.repository) annotations['github.com/project-slug'] = options.repository
  if (options.sourceUrl) {
    const folder = options.sourceUrl.endsWith('/') ? options.sourceUrl : `${options.sourceUrl}/`
    annotations['backstage.io/source-location'] = `url:${folder}`
  }
  // KubeVela labels every pod of the Application with app.oam.dev/name; the renderer names the
  // Application after the service, so this selector finds the service's workloads in any namespace.
  annotations['backstage.io/kubernetes-id'] = meta.name
  annotations['backstage.io/kubernetes-label-selector'] = `app.oam.dev/name=${meta.name}`
  const pattern = platform.spec.catalog?.argocdAppPattern
  if (pattern) {
    const app = argocdAppName(pattern, meta.name, platform)
    if (app) annotations['argocd/app-name'] = app
  }
  if (meta.docs !== undefined) {
    const root = options.techdocsRoot ?? meta.docs
    annotations['backstage.io/techdocs-ref'] = options.sourceUrl
      ? `url:${joinUrl(options.sourceUrl, root)}`
      : `dir:${root}`
  }
  for (const [key, value] of Object.entries(options.componentAnnotations ?? {}))
    annotations[key] = value
  return sortKeys(annotations)
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)))
}

function catalogResourceType(type: string, platform: PlatformConfig): string {
  return platform.spec.resourceTypes?.find(r => r.name === type)?.catalogType ?? type
}

/**
 * Catalog names are one namespace for every service (Backstage refuses a second `orders-db` from another
 * location), so a Resource or API entity is named `<service>-<name>`: kept as written when it already
 * starts with `<service>-`, or as the descriptor's `catalogName` says.
 */
export function catalogEntityName(
  service: string,
  item: { readonly name: string; readonly catalogName?: string }
): string {
  if (item.catalogName) return item.catalogName
  return item.name.startsWith(`${service}-`) ? item.name : `${service}-${item.name}`
}

/**
 * Resolves `metadata.dependsOn` entries: a full ref stays; a bare name must name one of this
 * descriptor's resources (the catalog has no default kind for dependsOn). Unresolvable entries are
 * returned as they are and reported by validation.
 */
export function resolveDependency(entry: string, descriptor: ServiceDescriptor): string {
  if (entry.includes(':')) return fullRef(entry, '')
  const own = descriptor.spec.resources?.find(r => r.name === entry)
  return own
    ? `resource:${DEFAULT_NAMESPACE}/${catalogEntityName(descriptor.metadata.name, own)}`
    : entry
}

/** Derives every catalog entity from one descriptor; pure apart from reading API definition files. */
export function deriveEntities(
  descriptor: ServiceDescriptor,
  platform: PlatformConfig,
  options: DeriveOptions
): DerivedEntity[] {
  const meta = descriptor.metadata
  const owner = meta.owner ? fullRef(meta.owner, 'group') : ''
  const system = meta.system ? fullRef(meta.system, 'system') : undefined
  const resources = descriptor.spec.resources ?? []
  const apis = descriptor.spec.apis ?? []
  const lifecycle = meta.lifecycle ?? 'production'
  const derived: DerivedEntity[] = []

  const resourceRef = (r: (typeof resources)[number]) =>
    `resource:${DEFAULT_NAMESPACE}/${catalogEntityName(meta.name, r)}`
  const extraDeps = (meta.dependsOn ?? []).map(d => resolveDependency(d, descriptor))
  const dependsOn = [
    ...resources.map(resourceRef),
    ...extraDeps.filter(d => !resources.some(r => d === resourceRef(r)))
  ]
  const componentFields: Record<string, DescriptorPath> = {
    'metadata.name': ['metadata', 'name'],
    'metadata.description': ['metadata', 'description'],
    'metadata.tags': ['metadata', 'tags'],
    'metadata.links': ['metadata', 'links'],
    'metadata.annotations': ['metadata', 'annotations'],
    'spec.owner': ['metadata', 'owner'],
    'spec.system': ['metadata', 'system'],
    'spec.lifecycle': ['metadata', 'lifecycle'],
    'spec.providesApis': ['spec', 'apis']
  }
  ;(meta.tags ?? []).forEach(
    (_, i) => (componentFields[`metadata.tags.${i}`] = ['metadata', 'tags', i])
  )
  ;(meta.links ?? []).forEach(
    (_, i) => (componentFields[`metadata.links.${i}`] = ['metadata', 'links', i])
  )
  for (const key of Object.keys(meta.annotations ?? {}))
    componentFields[`metadata.annotations.${key}`] = ['metadata', 'annotations', key]
  dependsOn.forEach((ref, i) => {
    const resourceIndex = resources.findIndex(r => ref === resourceRef(r))
    const extraIndex = extraDeps.indexOf(ref)
    componentFields[`spec.dependsOn.${i}`] =
      resourceIndex >= 0
        ? ['spec', 'resources', resourceIndex, 'name']
        : ['metadata', 'dependsOn', extraIndex]
  })
  apis.forEach((_, i) => (componentFields[`spec.providesApis.${i}`] = ['spec', 'apis', i, 'name']))

  derived.push({
    origin: ['metadata'],
    fields: componentFields,
    entity: {
      apiVersion: API_VERSION,
      kind: 'Component',
      metadata: {
        name: meta.name,
        ...(meta.description !== undefined ? { description: meta.description } : {}),
        ...(meta.tags?.length ? { tags: [...meta.tags] } : {}),
        ...(meta.links?.length ? { links: meta.links.map(l => ({ ...l })) } : {}),
        annotations: componentAnnotations(descriptor, platform, options)
      },
      spec: {
        type: 'service',
        lifecycle,
        owner,
        ...(system ? { system } : {}),
        ...(dependsOn.length ? { dependsOn } : {}),
        ...(apis.length
          ? {
              providesApis: apis.map(
                a => `api:${DEFAULT_NAMESPACE}/${catalogEntityName(meta.name, a)}`
              )
            }
          : {})
      }
    }
  })

  resources.forEach((resource, i) => {
    derived.push({
      origin: ['spec', 'resources', i],
      fields: {
        'metadata.name': ['spec', 'resources', i, resource.catalogName ? 'catalogName' : 'name'],
        'spec.type': ['spec', 'resources', i, 'type'],
        'spec.owner': ['metadata', 'owner'],
        'spec.system': ['metadata', 'system']
      },
      entity: {
        apiVersion: API_VERSION,
        kind: 'Resource',
        metadata: {
          name: catalogEntityName(meta.name, resource),
          description: `${resource.type} resource of ${meta.name}`
        },
        spec: {
          type: catalogResourceType(resource.type, platform),
          owner,
          ...(system ? { system } : {})
        }
      }
    })
  })

  apis.forEach((api, i) => {
    const inline = isInlineDefinition(api.definition)
    let definition: string | { $text: string }
    if (inline) definition = api.definition
    else if (options.apiDefinitions === 'reference' && options.sourceUrl)
      definition = { $text: fileUrl(joinUrl(options.sourceUrl, api.definition)) }
    else definition = options.readDefinition(api.definition)
    derived.push({
      origin: ['spec', 'apis', i],
      fields: {
        'metadata.name': ['spec', 'apis', i, api.catalogName ? 'catalogName' : 'name'],
        'metadata.description': ['spec', 'apis', i, 'description'],
        'spec.type': ['spec', 'apis', i, 'type'],
        'spec.lifecycle': ['spec', 'apis', i, 'lifecycle'],
        'spec.definition': ['spec', 'apis', i, 'definition'],
        'spec.owner': ['metadata', 'owner'],
        'spec.system': ['metadata', 'system']
      },
      entity: {
        apiVersion: API_VERSION,
        kind: 'API',
        metadata: {
          name: catalogEntityName(meta.name, api),
          ...(api.description !== undefined ? { description: api.description } : {})
        },
        spec: {
          type: api.type,
          lifecycle: api.lifecycle ?? lifecycle,
          owner,
          ...(system ? { system } : {}),
          definition
        }
      }
    })
  })

  if (options.systemEntity && meta.system) {
    const name = system!.slice(system!.indexOf('/') + 1)
    derived.push({
      origin: ['metadata', 'system'],
      fields: { 'metadata.name': ['metadata', 'system'], 'spec.owner': ['metadata', 'owner'] },
      entity: {
        apiVersion: API_VERSION,
        kind: 'System',
        metadata: { name },
        spec: { owner }
      }
    })
  }
  return derived
}

/** `kind:namespace/name` of a generated entity, lower-cased kind as the catalog prints it. */
export function entityRef(entity: CatalogEntity): string {
  return `${entity.kind.toLowerCase()}:${entity.metadata.namespace ?? DEFAULT_NAMESPACE}/${entity.metadata.name}`
}
