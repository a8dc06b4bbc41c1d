// Context entries answered from what a `kyverno test` supplies instead of a cluster (the CLI's fake
// client and mocks): `configMap` from `clusterResources`, `apiCall` from `apiCallResponses` (by
// `service.url` or `urlPath`) or — for a Kubernetes API `urlPath` — from `clusterResources` (a get or a
// list, as the API server would answer), `globalReference` from `globalContextEntries`, and
// `imageRegistry` from the `context` file's image data. Without such
// data the loaders stay off and the names exist only when the values file supplies them, as before.
import type { CelFixtures } from '../cel/libraries/kyverno.js'
import { normalisedImage, parseImageRef } from '../cel/libraries/kyverno.js'
import { pluralOf } from '../cel/resources.js'
import { isMap } from './json.js'

type Obj = Record<string, unknown>

/** Where the request context keeps the test's offline data (a symbol: JMESPath never sees it). */
export const OFFLINE_DATA = Symbol('kyverno offline data')

export type OfflineData = CelFixtures

/** The ConfigMap `namespace/name` among the cluster resources, or undefined. */
export function offlineConfigMap(
  data: OfflineData,
  namespace: string,
  name: string
): Obj | undefined {
  return (data.resources ?? []).find(r => {
    const meta = isMap(r.metadata) ? r.metadata : {}
    return (
      r.kind === 'ConfigMap' &&
      meta.name === name &&
      String(meta.namespace ?? 'default') === (namespace || 'default')
    )
  })
}

/** A Kubernetes API path (`/api/v1/namespaces/x/pods[/name]`, `/apis/g/v/...`) as a get or list. */
function apiPath(
  path: string
): { apiVersion: string; namespace?: string; plural: string; name?: string } | undefined {
  const parts = path.split('?')[0].split('/').filter(Boolean)
  let apiVersion: string
  let rest: string[]
  if (parts[0] === 'api' && parts.length >= 3) {
    apiVersion = parts[1]
    rest = parts.slice(2)
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    apiVersion = `${parts[1]}/${parts[2]}`
    rest = parts.slice(3)
  } else return undefined
  let namespace: string | undefined
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1]
    rest = rest.slice(2)
  }
  if (rest.length === 0 || rest.length > 2) return undefined
  return {
    apiVersion,
    ...(namespace !== undefined ? { namespace } : {}),
    plural: rest[0],
    ...(rest[1] ? { name: rest[1] } : {})
  }
}

/**
 * The answer to an `apiCall` entry: a mocked response's body, or a get/list over the cluster
 * resources; undefined when the test supplies neither (the loader then stays off).
 */
export function offlineApiCall(data: OfflineData, call: Obj): unknown {
  const service = isMap(call.service) ? call.service : {}
  const url = typeof service.url === 'string' ? service.url : String(call.urlPath ?? '')
  const method = String(call.method ?? 'GET').toUpperCase()
  const mocked = (data.httpResponses ?? []).find(
    r => r.url === url && (!r.method || r.method.toUpperCase() === method)
  )
  if (mocked) return isMap(mocked.body) && 'body' in mocked.body ? mocked.body.body : mocked.body
  const target = typeof service.url === 'string' ? undefined : apiPath(url)
  if (!target || method !== 'GET' || (data.resources ?? []).length === 0) return undefined
  const matching = (data.resources ?? []).filter(r => {
    const meta = isMap(r.metadata) ? r.metadata : {}
    return (
      r.apiVersion === target.apiVersion &&
      pluralOf(String(r.kind ?? '')) === target.plural &&
      (target.namespace === undefined || String(meta.namespace ?? '') === target.namespace)
    )
  })
  if (target.name !== undefined)
    return matching.find(r => isMap(r.metadata) && r.metadata.name === target.name)
  return { apiVersion: target.apiVersion, kind: 'List', metadata: {}, items: matching }
}

/**
 * An `imageRegistry` entry's image data from the test's registry fixtures (the `context` file's
 * `images`), in the loader's shape (pkg/engine/context/loaders/imagedata.go): image, resolvedImage,
 * registry, repository, identifier, manifest, configData. Undefined when the test has no data for it.
 */
export function offlineImageData(data: OfflineData, reference: string): Obj | undefined {
  const wanted = normalisedImage(reference)
  const hit = (data.images ?? []).find(i => normalisedImage(String(i.image ?? '')) === wanted)
  const ref = parseImageRef(reference)
  if (!hit || !ref) return undefined
  const digest = typeof hit.digest === 'string' ? hit.digest : ref.digest
  return {
    image: reference,
    resolvedImage: digest ? `${ref.registry}/${ref.repository}@${digest}` : reference,
    registry: ref.registry,
    repository: ref.repository,
    identifier: ref.digest || ref.tag,
    manifestList: hit.manifestList ?? null,
    manifest: hit.manifest ?? null,
    configData: hit.configData ?? hit.config ?? null
  }
}

/** The data of a `globalReference` entry's GlobalContextEntry, or undefined. */
export function offlineGlobalReference(data: OfflineData, name: string): unknown {
  const entries = data.globalContext ?? {}
  return Object.prototype.hasOwnProperty.call(entries, name) ? entries[name] : undefined
}
