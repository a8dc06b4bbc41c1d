// Kyverno's own CEL libraries, answered offline from what a test (or the platform) supplies:
// `resource.Get` / `resource.List` from the test's `context` resources and `clusterResources`,
// `image.GetMetadata` from the context's image fixtures, `image("ref")` parsing (go-containerregistry
// semantics: `index.docker.io`, `library/`), `parseServiceAccount`, `globalContext.Get` from the test's
// entries, `http.Get`/`http.Post` from mocked responses and `time.now()`. Anything not supplied is an
// evaluation error, as a failed API call is in Kyverno — never an invented answer.
import { hasOwnKey } from '../../../descriptor/own.js'
import type { Environment } from '@marcbachmann/cel-js'
import { gvkOf, pluralOf } from '../resources.js'
import { toCel } from '../values.js'

type Obj = Record<string, unknown>

/** What Kyverno would fetch from the cluster, a registry or the network, supplied offline. */
export interface CelFixtures {
  readonly resources?: readonly Obj[]
  readonly images?: readonly Obj[]
  readonly globalContext?: Readonly<Record<string, unknown>>
  readonly httpResponses?: readonly {
    readonly url: string
    readonly method?: string
    readonly body: unknown
  }[]
  readonly now?: Date
  /** Namespace objects by name (the values file's `namespaces`): `namespaceObject` and its labels. */
  readonly namespaces?: Readonly<Record<string, Obj>>
}

const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v)

export class ResourceLib {
  constructor(readonly fixtures: CelFixtures) {}
  matching(apiVersion: string, resource: string, namespace: string): Obj[] {
    return (this.fixtures.resources ?? []).filter(r => {
      const gvk = gvkOf(r)
      const meta = isMap(r.metadata) ? r.metadata : {}
      return (
        String(r.apiVersion ?? '') === apiVersion &&
        pluralOf(gvk.kind) === resource &&
        (namespace === '' || String(meta.namespace ?? '') === namespace)
      )
    })
  }
}

export class ImageDataLib {
  constructor(readonly fixtures: CelFixtures) {}
}

export class HttpLib {
  constructor(readonly fixtures: CelFixtures) {}
}

export class GlobalContextLib {
  constructor(readonly fixtures: CelFixtures) {}
}

export class TimeLib {
  constructor(readonly fixtures: CelFixtures) {}
}

/** A parsed image reference (go-containerregistry `name.ParseReference`). */
export class ImageRef {
  constructor(
    readonly registry: string,
    readonly repository: string,
    readonly tag: string,
    readonly digest: string
  ) {}
}

export function parseImageRef(ref: string): ImageRef | undefined {
  let rest = ref
  let digest = ''
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!/^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/.test(digest)) return undefined
  }
  let tag = ''
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) return undefined
  }
  let registry = 'index.docker.io'
  const slash = rest.indexOf('/')
  if (slash >= 0) {
    const first = rest.slice(0, slash)
    if (/[.:]/.test(first) || first === 'localhost') {
      registry = first === 'docker.io' ? 'index.docker.io' : first
      rest = rest.slice(slash + 1)
    }
  }
  if (
    !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
      rest
    )
  )
    return undefined
  if (registry === 'index.docker.io' && !rest.includes('/')) rest = `library/${rest}`
  if (!tag && !digest) tag = 'latest'
  return new ImageRef(registry, rest, tag, digest)
}

export function normalisedImage(ref: string): string {
  const parsed = parseImageRef(ref)
  if (!parsed) return ref
  return `${parsed.registry}/${parsed.repository}${parsed.tag ? `:${parsed.tag}` : ''}${parsed.digest ? `@${parsed.digest}` : ''}`
}

export function registerKyvernoLibraries(env: Environment): void {
  env.registerType('kyverno.Resource', ResourceLib)
  env.registerVariable('resource', 'kyverno.Resource')
  env.registerFunction(
    'kyverno.Resource.Get(string, string, string, string): map',
    (lib: ResourceLib, apiVersion: string, resource: string, namespace: string, name: string) => {
      const hit = lib
        .matching(apiVersion, resource, namespace)
        .find(r => isMap(r.metadata) && r.metadata.name === name)
      if (!hit)
        throw new Error(`${resource} "${name}" not found (no such resource in the test's context)`)
      return toCel(hit)
    }
  )
  env.registerFunction(
    'kyverno.Resource.List(string, string, string): map',
    (lib: ResourceLib, apiVersion: string, resource: string, namespace: string) => ({
      items: lib.matching(apiVersion, resource, namespace).map(toCel)
    })
  )
  env.registerType('kyverno.ImageData', ImageDataLib)
  env.registerVariable('image', 'kyverno.ImageData')
  env.registerFunction(
    'kyverno.ImageData.GetMetadata(string): map',
    (lib: ImageDataLib, ref: string) => {
      const wanted = normalisedImage(ref)
      const hit = (lib.fixtures.images ?? []).find(
        i => normalisedImage(String(i.image ?? '')) === wanted
      )
      if (!hit)
        throw new Error(`failed to fetch image metadata for ${ref} (no registry data offline)`)
      const { image: _image, ...data } = hit
      return toCel({ image: ref, resolvedImage: ref, ...data })
    }
  )
  env.registerType('kyverno.Image', ImageRef)
  env.registerFunction('image(string): kyverno.Image', (ref: string) => {
    const parsed = parseImageRef(ref)
    if (!parsed) throw new Error(`could not parse reference: ${ref}`)
    return parsed
  })
  env.registerFunction('isImage(string): bool', (ref: string) => parseImageRef(ref) !== undefined)
  env.registerFunction('kyverno.Image.registry(): string', (i: ImageRef) => i.registry)
  env.registerFunction('kyverno.Image.repository(): string', (i: ImageRef) => i.repository)
  env.registerFunction('kyverno.Image.identifier(): string', (i: ImageRef) => i.digest || i.tag)
  env.registerFunction('kyverno.Image.tag(): string', (i: ImageRef) => i.tag)
  env.registerFunction('kyverno.Image.digest(): string', (i: ImageRef) => i.digest)
  env.registerFunction('kyverno.Image.containsDigest(): bool', (i: ImageRef) => i.digest !== '')
  env.registerFunction('parseServiceAccount(string): map', (user: string) => {
    const parts = user.split(':')
    if (parts.length !== 4 || parts[0] !== 'system' || parts[1] !== 'serviceaccount')
      return { Namespace: '', Name: '' }
    return { Namespace: parts[2], Name: parts[3] }
  })
  env.registerType('kyverno.GlobalContext', GlobalContextLib)
  env.registerVariable('globalContext', 'kyverno.GlobalContext')
  env.registerFunction(
    'kyverno.GlobalContext.Get(string, string): dyn',
    (lib: GlobalContextLib, name: string, projection: string) => {
      const entries = lib.fixtures.globalContext ?? {}
      // Own keys only: `constructor` is a name like any other, not Object.prototype's function.
      if (!hasOwnKey(entries, name)) throw new Error(`global context entry ${name} not found`)
      const entry = entries[name]
      if (projection === '') return toCel(entry)
      if (isMap(entry) && hasOwnKey(entry, projection)) return toCel(entry[projection])
      throw new Error(`global context entry ${name} has no projection ${projection}`)
    }
  )
  env.registerType('kyverno.Http', HttpLib)
  env.registerVariable('http', 'kyverno.Http')
  const respond = (lib: HttpLib, method: string, url: string) => {
    const hit = (lib.fixtures.httpResponses ?? []).find(
      // A mock without a method answers any method (the CLI's plain URL lookup).
      r => r.url === url && (!r.method || r.method.toUpperCase() === method)
    )
    if (!hit) throw new Error(`${method} ${url}: no HTTP access offline (no mocked response)`)
    return toCel(hit.body)
  }
  env.registerFunction('kyverno.Http.Get(string): dyn', (lib: HttpLib, url: string) =>
    respond(lib, 'GET', url)
  )
  env.registerFunction('kyverno.Http.Get(string, map): dyn', (lib: HttpLib, url: string) =>
    respond(lib, 'GET', url)
  )
  env.registerFunction('kyverno.Http.Post(string, dyn): dyn', (lib: HttpLib, url: string) =>
    respond(lib, 'POST', url)
  )
  env.registerFunction('kyverno.Http.Post(string, dyn, map): dyn', (lib: HttpLib, url: string) =>
    respond(lib, 'POST', url)
  )
  env.registerType('kyverno.Time', TimeLib)
  env.registerVariable('time', 'kyverno.Time')
  env.registerFunction(
    'kyverno.Time.now(): google.protobuf.Timestamp',
    (lib: TimeLib) => lib.fixtures.now ?? new Date()
  )
}

/** The per-evaluation values of Kyverno's library variables. */
export function kyvernoBindings(fixtures: CelFixtures): Obj {
  let bindings = bindingsOf.get(fixtures)
  if (!bindings) {
    bindings = {
      resource: new ResourceLib(fixtures),
      image: new ImageDataLib(fixtures),
      globalContext: new GlobalContextLib(fixtures),
      http: new HttpLib(fixtures),
      time: new TimeLib(fixtures)
    }
    bindingsOf.set(fixtures, bindings)
  }
  return bindings
}

/** One set of library handles per fixtures object: they are stateless, so evaluations share them. */
const bindingsOf = new WeakMap<CelFixtures, Obj>()
