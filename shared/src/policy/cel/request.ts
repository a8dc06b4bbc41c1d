// The variables a CEL policy sees for one admission request, as the Kyverno CLI simulates it:
// `object` (null on DELETE), `oldObject` (the same object on UPDATE, the object on DELETE, else null),
// `request` (an AdmissionRequest: kind, resource, name, namespace, operation, userInfo, dryRun),
// `namespaceObject` (null for cluster-scoped objects), `params`, and Kyverno's library handles
// (resource, image, http, ...).
import type { CelFixtures } from './libraries/kyverno.js'
import { kyvernoBindings } from './libraries/kyverno.js'
import { clusterScopedKinds, gvkOf, pluralOf } from './resources.js'
import { toCel } from './values.js'

type Obj = Record<string, unknown>

export interface CelRequest {
  readonly operation: string
  readonly userInfo?: { readonly username?: string; readonly groups?: readonly string[] }
  readonly namespaceLabels?: Readonly<Record<string, Readonly<Record<string, string>>>>
  readonly subResource?: string
  /** For a subresource request: the parent resource (`pods` of `pods/exec`). */
  readonly parent?: { readonly group: string; readonly version: string; readonly plural: string }
  readonly fixtures?: CelFixtures
  /** The object before an UPDATE (the same object when not given, as the CLI simulates it). */
  readonly oldObject?: Obj
}

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * `namespaceObject`: for ClusterPolicy `validate.cel` the Kyverno CLI builds it from the name alone;
 * ValidatingPolicy and ValidatingAdmissionPolicy see the namespace as supplied (the values file's
 * `namespaces` objects, else its name with the `namespaceSelector` labels).
 */
export type NamespaceView = 'name-only' | 'supplied'

function namespaceObjectOf(namespace: string, request: CelRequest, view: NamespaceView): Obj {
  const bare = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }
  if (view === 'name-only') return bare
  const supplied = request.fixtures?.namespaces?.[namespace]
  if (supplied) return supplied
  const labels = request.namespaceLabels?.[namespace]
  return labels ? { ...bare, metadata: { name: namespace, labels: { ...labels } } } : bare
}

const noFixtures: CelFixtures = {}

export function celActivation(
  object: Obj,
  request: CelRequest,
  params: unknown = null,
  namespaceView: NamespaceView = 'supplied'
): Obj {
  const gvk = gvkOf(object)
  const meta = isMap(object.metadata) ? object.metadata : {}
  const namespace = clusterScopedKinds.has(gvk.kind) ? '' : String(meta.namespace ?? '')
  const converted = toCel(object)
  const operation = request.operation
  const admission = {
    uid: '',
    kind: { group: gvk.group, version: gvk.version, kind: gvk.kind },
    // A subresource request names its parent's resource (`pods` with subResource `exec`).
    resource: request.parent
      ? {
          group: request.parent.group,
          version: request.parent.version,
          resource: request.parent.plural
        }
      : { group: gvk.group, version: gvk.version, resource: pluralOf(gvk.kind) },
    subResource: request.subResource ?? '',
    requestKind: { group: gvk.group, version: gvk.version, kind: gvk.kind },
    requestResource: { group: gvk.group, version: gvk.version, resource: pluralOf(gvk.kind) },
    requestSubResource: request.subResource ?? '',
    name: String(meta.name ?? meta.generateName ?? ''),
    namespace,
    operation,
    userInfo: {
      username: request.userInfo?.username ?? '',
      groups: [...(request.userInfo?.groups ?? [])]
    },
    dryRun: false
  }
  return {
    object: operation === 'DELETE' ? null : converted,
    oldObject:
      operation === 'UPDATE' && request.oldObject
        ? toCel(request.oldObject)
        : operation === 'UPDATE' || operation === 'DELETE'
          ? converted
          : null,
    // The request and a bare namespace hold strings only: nothing to convert.
    request: admission,
    namespaceObject: namespace ? toCel(namespaceObjectOf(namespace, request, namespaceView)) : null,
    params: params === null || params === undefined ? null : toCel(params),
    ...kyvernoBindings(request.fixtures ?? noFixtures)
  }
}
