// The `images` context variable (pkg/utils/image/infos.go): every container image of a pod (or a pod
// template) parsed into registry, path, name, tag and digest, keyed by container name.

import { setOwn } from '../../descriptor/own.js'
export interface ImageInfo {
  registry?: string
  name: string
  path: string
  tag?: string
  digest?: string
  reference: string
  referenceWithTag: string
}

const defaultRegistry = 'docker.io'

function withDefaultRegistry(image: string): string {
  const i = image.indexOf('/')
  if (i === -1) return `${defaultRegistry}/${image}`
  const first = image.slice(0, i)
  if (!/[.:]/.test(first) && first !== 'localhost' && first.toLowerCase() === first)
    return `${defaultRegistry}/${image}`
  return image
}

export function parseImage(image: string): ImageInfo | undefined {
  const full = withDefaultRegistry(image)
  const slash = full.indexOf('/')
  const registry = full.slice(0, slash)
  let rest = full.slice(slash + 1)
  let digest = ''
  const at = rest.indexOf('@')
  if (at >= 0) {
    digest = rest.slice(at + 1)
    rest = rest.slice(0, at)
    if (!/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/.test(digest))
      return undefined
  }
  let tag = ''
  const colon = rest.lastIndexOf(':')
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1)
    rest = rest.slice(0, colon)
    if (!/^\w[\w.-]{0,127}$/.test(tag)) return undefined
  }
  if (
    !/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/.test(
      rest
    )
  )
    return undefined
  let path = rest
  const name = path.slice(path.lastIndexOf('/') + 1)
  if (!digest && !tag) tag = 'latest'
  const referenceWithTag = `${registry}/${path}:${tag}`
  if (!path.includes('/')) path = `library/${path}`
  const info: ImageInfo = {
    registry,
    name,
    path,
    reference: digest ? `${registry}/${path}@${digest}` : `${registry}/${path}:${tag}`,
    referenceWithTag
  }
  if (tag) info.tag = tag
  if (digest) info.digest = digest
  return info
}

export function normalizeImage(image: string): string {
  const info = parseImage(image)
  if (!info) throw new Error(`bad image: ${image}`)
  return info.reference
}

type Obj = Record<string, unknown>

function podSpec(resource: Obj): Obj | undefined {
  const spec = resource.spec as Obj | undefined
  if (!spec) return undefined
  if (resource.kind === 'Pod') return spec
  if (resource.kind === 'CronJob')
    return ((((spec.jobTemplate as Obj)?.spec as Obj)?.template as Obj)?.spec as Obj) ?? undefined
  return ((spec.template as Obj)?.spec as Obj) ?? undefined
}

/** `images.containers.<name>`, `images.initContainers.<name>`, `images.ephemeralContainers.<name>`. */
export function extractImages(resource: Obj): Obj {
  const spec = podSpec(resource)
  const out: Obj = {}
  if (!spec) return out
  for (const field of ['containers', 'initContainers', 'ephemeralContainers']) {
    const list = spec[field]
    if (!Array.isArray(list)) continue
    const infos: Obj = {}
    for (const c of list as Obj[]) {
      if (typeof c?.image !== 'string' || typeof c.name !== 'string') continue
      const info = parseImage(c.image)
      if (info) setOwn<unknown>(infos, c.name, info)
    }
    if (Object.keys(infos).length > 0) out[field] = infos
  }
  return out
}
