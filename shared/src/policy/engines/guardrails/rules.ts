import type {
  EnvironmentConfig,
  PlatformConfig,
  ResourceTypeConfig
} from '../../../descriptor/types.js'
import { isDigestPinned, parseImageReference } from '../../../descriptor/image-reference.js'
import type { Manifest } from '../../engine.js'
import type { Severity } from '../../finding.js'
import { isObject } from '../../manifest-documents.js'
import { joinPointer } from '../../manifest-positions.js'
import type { Scope } from '../core-kinds.js'
import { matchesNamespacePattern } from '../../../boundary/namespaces.js'
import { knownScope, noPlatformObjects } from './kind-rules.js'
import { externalSecretStores } from '../../../sealed-secrets/store.js'
import { kustomization } from './kustomization.js'
import { sealedSecretScope } from './sealed-secret.js'
import { compositionPinned } from './resource-rules.js'
import { componentTypes, podSecurityBaseline } from './workload-rules.js'
import { protectedMetadataRule } from './metadata-rules.js'
import { esoKeyViolations } from '../../../boundary/secret-keys.js'
import { manifestPlainSecrets } from '../../../boundary/plain-secret-scan.js'

type Obj = Record<string, unknown>

/** What a guardrail may know about where a manifest goes. */
export interface GuardrailContext {
  readonly environment?: string
  readonly namespace?: string
  readonly environmentConfig?: EnvironmentConfig
  readonly platform?: PlatformConfig
  /** Without `namespace`: the platform's patterns (environment filled, `{service}` open) the folder's namespace must fit. */
  readonly namespacePatterns?: readonly string[]
  /** Without `namespace`: the namespace of the folder's first namespaced object that fits a pattern. */
  readonly folderNamespace?: string
  scopeOf(apiVersion: string, kind: string): Scope | undefined
}

export interface Violation {
  readonly pointer: string
  readonly message: string
}

/**
 * One built-in platform rule. `check` returns undefined when the rule does not apply to the manifest
 * (no result at all), an empty list when it passes, or the violations.
 */
export interface Guardrail {
  readonly id: string
  readonly title: string
  readonly defaultSeverity: Severity
  /** Help text (SARIF rule help); the README has a section with the same id. */
  readonly help: string
  /** The rule checks kustomize build files (kustomization.yaml) and nothing else. */
  readonly buildFiles?: boolean
  check(manifest: Manifest, context: GuardrailContext): Violation[] | undefined
}

/** The label every resource carries to name the owning team (the descriptor's `metadata.owner`). */
export const OWNER_LABEL = 'idp.dev/owner'

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
const metadataOf = (m: Manifest): Obj => (isObject(m.object.metadata) ? m.object.metadata : {})

/** Every string at a key named `image` (containers, init containers, KubeVela component properties). */
export function imagesOf(
  object: unknown,
  at: (string | number)[] = []
): { pointer: string; image: string }[] {
  const out: { pointer: string; image: string }[] = []
  if (Array.isArray(object)) object.forEach((v, i) => out.push(...imagesOf(v, [...at, i])))
  else if (isObject(object))
    for (const [key, value] of Object.entries(object)) {
      if (key === 'image' && typeof value === 'string')
        out.push({ pointer: joinPointer([...at, key]), image: value })
      else if (typeof value === 'object' && value !== null)
        out.push(...imagesOf(value, [...at, key]))
    }
  return out
}

/**
 * The images of a manifest, without those of the objects of its `k8s-objects` components: those
 * objects are manifests of their own (`manifests.ts`), checked and reported at their own lines.
 */
function ownImagesOf(m: Manifest): { pointer: string; image: string }[] {
  const spec = isObject(m.object.spec) ? m.object.spec : {}
  const embedded =
    m.object.kind === 'Application' && Array.isArray(spec.components)
      ? spec.components.flatMap((c, i) =>
          isObject(c) && c.type === 'k8s-objects'
            ? [`/spec/components/${i}/properties/objects/`]
            : []
        )
      : []
  return imagesOf(m.object).filter(({ pointer }) => !embedded.some(p => pointer.startsWith(p)))
}

/** `nginx` means `docker.io/library/nginx`, as the container runtime reads it. */
function normaliseRepository(repository: string): string {
  const first = repository.split('/')[0]
  const hasRegistry =
    repository.includes('/') &&
    (first.includes('.') || first.includes(':') || first === 'localhost')
  if (hasRegistry) return repository
  return repository.includes('/') ? `docker.io/${repository}` : `docker.io/library/${repository}`
}

function registryAllows(prefix: string, repository: string): boolean {
  if (prefix.endsWith('/')) return repository.startsWith(prefix)
  return repository === prefix || repository.startsWith(`${prefix}/`)
}

const store = (ref: unknown) =>
  isObject(ref) ? { name: str(ref.name) ?? '', kind: str(ref.kind) ?? 'SecretStore' } : undefined

function resourceTypeFor(
  manifest: Manifest,
  platform?: PlatformConfig
): ResourceTypeConfig | undefined {
  const types = (platform?.spec.resourceTypes ?? []).filter(
    t => t.apiVersion === manifest.object.apiVersion && t.kind === manifest.object.kind
  )
  if (types.length <= 1) return types[0]
  const spec = isObject(manifest.object.spec) ? manifest.object.spec : {}
  const style = 'crossplane' in spec ? 'xr' : 'claim'
  return types.find(t => t.style === style) ?? types[0]
}

/** Numeric `maximum`s of a properties schema, with their paths: the platform's quotas. */
function quotasOf(
  schema: unknown,
  at: string[] = []
): { path: string[]; max: number; exclusive: boolean }[] {
  if (!isObject(schema)) return []
  const out: { path: string[]; max: number; exclusive: boolean }[] = []
  if (typeof schema.maximum === 'number')
    out.push({ path: at, max: schema.maximum, exclusive: false })
  if (typeof schema.exclusiveMaximum === 'number')
    out.push({ path: at, max: schema.exclusiveMaximum, exclusive: true })
  if (isObject(schema.properties))
    for (const [k, v] of Object.entries(schema.properties)) out.push(...quotasOf(v, [...at, k]))
  return out
}

function valueAt(object: unknown, path: readonly string[]): unknown {
  let node = object
  for (const segment of path) {
    if (!isObject(node)) return undefined
    node = node[segment]
  }
  return node
}

/** The namespace rule for a folder without a render record: one namespace, fitting the pattern. */
function folderNamespaceViolations(
  m: Manifest,
  namespace: string | undefined,
  ctx: GuardrailContext
): Violation[] {
  if (namespace === undefined && m.embedded?.holder === 'k8s-objects') return []
  const patterns = (ctx.namespacePatterns ?? []).map(p => `'${p}'`).join(' or ')
  if (namespace === undefined)
    return [
      {
        pointer: '/metadata',
        message: `${String(m.object.kind)} has no metadata.namespace; it must be the service's namespace (the platform's pattern ${patterns}).`
      }
    ]
  if (namespace === ctx.folderNamespace) return []
  return [
    {
      pointer: '/metadata/namespace',
      message:
        ctx.folderNamespace === undefined ||
        !(ctx.namespacePatterns ?? []).some(p => matchesNamespacePattern(p, namespace))
          ? `Namespace '${namespace}' does not match the platform's namespace pattern ${patterns}.`
          : `Namespace '${namespace}' is not '${ctx.folderNamespace}', the namespace of the folder's other objects; one folder is one service in one namespace.`
    }
  ]
}

export const GUARDRAILS: readonly Guardrail[] = [
  {
    id: 'no-plain-secret',
    title: 'No plain Secret',
    defaultSeverity: 'error',
    help: 'A plain Secret puts its value in Git. Declare the secret in `idp.yaml` (`spec.secrets`), which renders an ExternalSecret, or commit a SealedSecret.',
    check: m =>
      m.object.kind === 'Secret' && m.object.apiVersion === 'v1'
        ? [
            {
              pointer: '/kind',
              message: `Secret '${str(metadataOf(m).name) ?? ''}' is a plain Secret; use an ExternalSecret (spec.secrets in idp.yaml) or a SealedSecret.`
            }
          ]
        : undefined
  },
  {
    id: 'no-plain-secret-value',
    title: 'No secret value in plain env or ConfigMap data',
    defaultSeverity: 'error',
    help: 'A container `env` value or ConfigMap data that holds a secret (a known credential format, a secret-named variable with a literal value, or a random-looking key) puts the secret in Git. Read it from a Secret: `spec.secrets` and `${secrets.<name>.<key>}` in idp.yaml.',
    check: m => manifestPlainSecrets(m.object)
  },
  {
    id: 'secret-store-allowed',
    title: 'ExternalSecret stores allowed for the environment',
    defaultSeverity: 'error',
    help: 'An ExternalSecret may only read from the (Cluster)SecretStores the platform config maps for its environment (`spec.environments[].secretStores`).',
    check: (m, ctx) => {
      if (
        m.object.kind !== 'ExternalSecret' ||
        !str(m.object.apiVersion)?.startsWith('external-secrets.io/')
      )
        return undefined
      if (!ctx.environmentConfig) return undefined
      const allowed = externalSecretStores(ctx.environmentConfig.secretStores)
      const spec = isObject(m.object.spec) ? m.object.spec : {}
      const refs: { pointer: string; ref: { name: string; kind: string } }[] = []
      const main = store(spec.secretStoreRef)
      if (main) refs.push({ pointer: '/spec/secretStoreRef/name', ref: main })
      for (const field of ['data', 'dataFrom'] as const)
        (Array.isArray(spec[field]) ? (spec[field] as unknown[]) : []).forEach((entry, i) => {
          const ref =
            isObject(entry) && isObject(entry.sourceRef)
              ? store(entry.sourceRef.storeRef)
              : undefined
          if (ref) refs.push({ pointer: `/spec/${field}/${i}/sourceRef/storeRef/name`, ref })
        })
      const list = allowed.map(s => `${s.kind} ${s.name}`).join(', ')
      return refs
        .filter(({ ref }) => !allowed.some(s => s.name === ref.name && s.kind === ref.kind))
        .map(({ pointer, ref }) => ({
          pointer,
          message: `${ref.kind} '${ref.name}' is not a store of environment '${ctx.environment}'; allowed: ${list || 'none'}.`
        }))
    }
  },
  {
    id: 'secret-key-confined',
    title: "Secret-store keys inside the platform's keyPattern",
    defaultSeverity: 'error',
    help: "On a store with a `keyPattern` (`spec.environments[].secretStores.<alias>.keyPattern`), ExternalSecrets and PushSecrets may only name keys inside the pattern; a `dataFrom.find` must use a `path` inside it, and generators need the platform's `secretGenerators`.",
    check: (m, ctx) =>
      ctx.environmentConfig && ctx.environment
        ? esoKeyViolations(m.object, ctx.environmentConfig, {
            service: m.render?.record.service,
            environment: ctx.environment
          })
        : undefined
  },
  {
    id: 'namespace',
    title: "Resources in the environment's namespace",
    defaultSeverity: 'error',
    help: "Every namespaced resource must set `metadata.namespace` to the environment's namespace (the platform's `namespace` pattern), so a service cannot write into another team's namespace.",
    check: (m, ctx) => {
      if (!ctx.namespace && !ctx.namespacePatterns) return undefined
      if (ctx.scopeOf(String(m.object.apiVersion), String(m.object.kind)) === 'Cluster')
        return undefined
      const namespace = str(metadataOf(m).namespace)
      if (!ctx.namespace) return folderNamespaceViolations(m, namespace, ctx)
      if (namespace === ctx.namespace) return []
      // KubeVela applies a `k8s-objects` object without a namespace into the Application's.
      if (namespace === undefined && m.embedded?.holder === 'k8s-objects') return []
      return [
        namespace === undefined
          ? {
              pointer: '/metadata',
              message: `${String(m.object.kind)} has no metadata.namespace; it must be '${ctx.namespace}'.`
            }
          : {
              pointer: '/metadata/namespace',
              message: `Namespace '${namespace}' is not the environment's namespace '${ctx.namespace}'.`
            }
      ]
    }
  },
  {
    id: 'no-cluster-scoped',
    title: 'No cluster-scoped resources from a service',
    defaultSeverity: 'error',
    help: 'A service may only create namespaced resources; cluster-scoped kinds (Namespace, ClusterRole, CRDs, ClusterSecretStore, cluster-scoped XRs, ...) belong to the platform.',
    check: (m, ctx) =>
      ctx.scopeOf(String(m.object.apiVersion), String(m.object.kind)) === 'Cluster'
        ? [
            {
              pointer: '/kind',
              message: `${String(m.object.kind)} (${String(m.object.apiVersion)}) is cluster-scoped; a service may only create namespaced resources.`
            }
          ]
        : []
  },
  knownScope,
  noPlatformObjects,
  componentTypes,
  podSecurityBaseline,
  kustomization,
  sealedSecretScope,
  compositionPinned,
  protectedMetadataRule,
  {
    id: 'image-registry',
    title: "Images from the platform's registries",
    defaultSeverity: 'error',
    help: 'Every image must come from one of the registries the platform config allows (`spec.registries`).',
    check: (m, ctx) => {
      const registries = ctx.platform?.spec.registries ?? []
      const images = ownImagesOf(m)
      if (registries.length === 0 || images.length === 0) return undefined
      return images.flatMap(({ pointer, image }) => {
        const parsed = parseImageReference(image)
        if ('error' in parsed) return [{ pointer, message: parsed.error }]
        const repository = normaliseRepository(parsed.repository)
        if (
          registries.some(
            r => registryAllows(r, parsed.repository) || registryAllows(r, repository)
          )
        )
          return []
        return [
          {
            pointer,
            message: `Image '${image}' is not from an allowed registry (${registries.join(', ')}).`
          }
        ]
      })
    }
  },
  {
    id: 'image-digest',
    title: 'Images pinned by digest where required',
    defaultSeverity: 'error',
    help: 'Environments with `requireDigest: true` run only images pinned by `@sha256:` digest, so what was tested is what runs.',
    check: (m, ctx) => {
      const images = ownImagesOf(m)
      if (!ctx.environmentConfig?.requireDigest || images.length === 0) return undefined
      return images.flatMap(({ pointer, image }) => {
        const parsed = parseImageReference(image)
        if (!('error' in parsed) && isDigestPinned(parsed)) return []
        return [
          {
            pointer,
            message: `Image '${image}' is not pinned by digest; environment '${ctx.environment}' requires image@sha256:<digest>.`
          }
        ]
      })
    }
  },
  {
    id: 'resource-quota',
    title: "Crossplane properties within the platform's quotas",
    defaultSeverity: 'error',
    help: "A Crossplane claim or XR of a platform resource type must keep its parameters within the `maximum`s of that type's schema in the platform config.",
    check: (m, ctx) => {
      const type = resourceTypeFor(m, ctx.platform)
      if (!type) return undefined
      const spec = isObject(m.object.spec) ? m.object.spec : {}
      const base = isObject(spec.parameters) ? ['spec', 'parameters'] : ['spec']
      return quotasOf(type.schema).flatMap(({ path, max, exclusive }) => {
        const value = valueAt(m.object, [...base, ...path])
        if (typeof value !== 'number') return []
        if (exclusive ? value < max : value <= max) return []
        return [
          {
            pointer: joinPointer([...base, ...path]),
            message: `${path.join('.')} is ${value}; resource type '${type.name}' allows ${exclusive ? 'less than' : 'at most'} ${max}.`
          }
        ]
      })
    }
  },
  {
    id: 'owner-label',
    title: 'Owner label present',
    defaultSeverity: 'warning',
    help: `Every resource carries the \`${OWNER_LABEL}\` label naming the owning team, so operators can find who to call.`,
    check: m => {
      const labels = isObject(metadataOf(m).labels) ? (metadataOf(m).labels as Obj) : {}
      const owner = str(labels[OWNER_LABEL])
      return owner
        ? []
        : [
            {
              pointer: '/metadata',
              message: `${String(m.object.kind)} has no '${OWNER_LABEL}' label.`
            }
          ]
    }
  }
]
