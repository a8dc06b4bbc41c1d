/**
 * Boundary: what a service may say about itself in the Backstage catalog. The annotations idp derives
 * (where the service's pods, source, GitOps application and catalog location are) and the ones the
 * catalog writes cannot be set by `metadata.annotations`; TechDocs, API `$text` references and the
 * `docs` folder stay inside the service's repository; links are http(s) only; entity refs (owner,
 * system, dependsOn) must parse in Backstage exactly as idp reads them. Problems land on the idp.yaml
 * line of the value (or key) at fault.
 */
import { inputRefStart } from '../runtime/surface.js'
import { makeValidator, parseEntityRef } from '@backstage/catalog-model'
import { posix } from 'node:path'
import type { ServiceDescriptor } from '../descriptor/types.js'
import type { PathSegment } from '../descriptor/yaml-file.js'
import type { Position, Problem } from '../runtime/errors.js'

/** Annotations idp derives for the Component, or the catalog itself writes: never the service's. */
export const DERIVED_CATALOG_ANNOTATIONS: Readonly<Record<string, string>> = {
  'backstage.io/kubernetes-id': 'idp derives it from metadata.name',
  'backstage.io/kubernetes-label-selector': 'idp derives it from metadata.name',
  'backstage.io/source-location': 'idp derives it from the repository',
  'backstage.io/managed-by-location': 'the catalog writes it',
  'backstage.io/managed-by-origin-location': 'the catalog writes it',
  'backstage.io/view-url': 'the catalog writes it',
  'backstage.io/orphan': 'the catalog writes it',
  'github.com/project-slug': 'idp derives it from the repository',
  'argocd/app-name': "idp derives it from the platform's catalog.argocdAppPattern"
}

export const TECHDOCS_REF = 'backstage.io/techdocs-ref'
/** Author-set annotations whose value is a link the catalog shows: http(s) only, as links. */
const URL_ANNOTATIONS = ['backstage.io/edit-url']

/** Why the service may not set this catalog annotation, or undefined when it may. */
export function protectedCatalogAnnotation(key: string): string | undefined {
  const lower = key.toLowerCase()
  const domain = lower.includes('/') ? lower.slice(0, lower.indexOf('/')) : ''
  if (domain === 'idp.dev' || domain.endsWith('.idp.dev'))
    return `keys under ${domain}/ belong to idp`
  return DERIVED_CATALOG_ANNOTATIONS[lower]
}

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * Why a link is refused, or undefined: it must be an absolute http(s) URL without credentials. The raw
 * text is checked first, because the URL parser silently drops tabs and newlines (`java\nscript:`).
 */
export function linkProblem(url: string): string | undefined {
  if (CONTROL.test(url) || /\s/.test(url)) return 'it contains whitespace or control characters'
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return 'it is not an absolute URL'
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return `its scheme is ${parsed.protocol} (only http and https links are shown safely)`
  if (parsed.username || parsed.password) return 'it carries credentials'
  return undefined
}

/**
 * Why a path relative to the descriptor's folder does not stay inside the repository, or undefined.
 * `descriptorFolder` is that folder relative to the repository root (posix, `''` at the root, or
 * undefined when unknown: then the path must stay inside the descriptor's folder). Characters a URL
 * resolver would read as a scheme, host, query or escaped dot are refused too, since the same path
 * is joined to the source URL.
 */
export function repositoryPathProblem(
  path: string,
  descriptorFolder: string | undefined
): string | undefined {
  const unsafe = urlUnsafePathProblem(path)
  if (unsafe) return unsafe
  if (path.startsWith('/')) return 'it is absolute'
  const depth =
    descriptorFolder === undefined
      ? 0
      : posix
          .normalize(descriptorFolder || '.')
          .split('/')
          .filter(s => s && s !== '.').length
  let level = depth
  for (const segment of path.split('/')) {
    if (segment === '..') level--
    else if (segment !== '.' && segment !== '') level++
    if (level < 0)
      return descriptorFolder === undefined
        ? "it leaves the descriptor's folder"
        : 'it leaves the repository'
  }
  return undefined
}

/**
 * Why a relative path would not stay a path once joined to the source URL (a scheme, a host, a query,
 * a percent-escaped dot, a backslash the URL parser reads as `/`), or undefined. Whether the file
 * itself lies inside the repository is the file boundary's to say when the file is read.
 */
export function urlUnsafePathProblem(path: string): string | undefined {
  if (path === '') return 'it is empty'
  if (CONTROL.test(path)) return 'it contains control characters'
  if (/[\\:%?#]/.test(path)) return 'it contains \\, :, %, ? or # (write a plain relative path)'
  if (path.startsWith('//')) return 'it starts with // (a host, once joined to the source URL)'
  return undefined
}

const validators = makeValidator()

/**
 * Why an entity ref is refused, or undefined. It must parse with Backstage's `parseEntityRef` into a
 * valid kind, namespace and name, and print back to the same text (with the defaults filled in), so
 * the relation the catalog draws is the one written.
 */
export function entityRefProblem(ref: string, defaultKind: string | undefined): string | undefined {
  if (CONTROL.test(ref) || /\s/.test(ref)) return 'it contains whitespace or control characters'
  let parsed: { kind: string; namespace: string; name: string }
  try {
    parsed = parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' })
  } catch (error) {
    return (error as Error).message
  }
  if (!validators.isValidKind(parsed.kind)) return `'${parsed.kind}' is not a valid kind`
  if (!validators.isValidNamespace(parsed.namespace))
    return `'${parsed.namespace}' is not a valid namespace`
  if (!validators.isValidEntityName(parsed.name)) return `'${parsed.name}' is not a valid name`
  // Fill in the defaults where the text leaves them out; the result must be exactly what was parsed.
  const colon = ref.indexOf(':')
  const slash = ref.indexOf('/')
  const hasKind = colon >= 0 && (slash < 0 || colon < slash)
  const rest = hasKind ? ref.slice(colon + 1) : ref
  const written = `${hasKind ? ref.slice(0, colon) : parsed.kind}:${rest.includes('/') ? '' : `${parsed.namespace}/`}${rest}`
  if (written !== `${parsed.kind}:${parsed.namespace}/${parsed.name}`)
    return 'it does not read back as kind:namespace/name'
  return undefined
}

export interface CatalogMetadataOptions {
  /** The descriptor's folder relative to the repository root (posix); undefined when unknown. */
  readonly descriptorFolder?: string
  /**
   * `reference`: API definitions become `$text` URLs the catalog fetches, never read by idp, so their
   * paths are confined here; `inline`: the file boundary confines them when it reads them.
   */
  readonly apiDefinitions?: 'inline' | 'reference'
}

/** Where a value (or, with `key`, its key) sits in idp.yaml. */
export type CatalogPositionOf = (path: readonly PathSegment[], key?: boolean) => Position

/** Everything in idp.yaml's catalog metadata the service may not say, each at its line. */
export function catalogMetadataProblems(
  descriptor: ServiceDescriptor,
  options: CatalogMetadataOptions,
  positionOf: CatalogPositionOf
): Problem[] {
  const meta = descriptor.metadata
  const problems: Problem[] = []
  const folder = options.descriptorFolder

  for (const [key, value] of Object.entries(meta.annotations ?? {})) {
    const path = ['metadata', 'annotations', key]
    const reason = protectedCatalogAnnotation(key)
    if (reason) {
      problems.push({
        message: `metadata.annotations sets '${key}', which the service may not set: ${reason}.`,
        position: positionOf(path, true),
        hint: 'Remove it; idp writes the right value for this service itself.'
      })
    } else if (key.toLowerCase() === TECHDOCS_REF) {
      const problem =
        meta.docs !== undefined
          ? 'metadata.docs already sets it'
          : !value.startsWith('dir:')
            ? 'only dir:<folder in this repository> is accepted'
            : repositoryPathProblem(value.slice('dir:'.length), folder)
      if (problem)
        problems.push({
          message: `metadata.annotations '${TECHDOCS_REF}' is refused: ${problem}.`,
          position: positionOf(path),
          hint: 'Set metadata.docs to the docs folder (relative to idp.yaml, inside the repository) and drop the annotation.'
        })
    } else if (URL_ANNOTATIONS.includes(key.toLowerCase())) {
      const problem = linkProblem(value)
      if (problem)
        problems.push({
          message: `metadata.annotations '${key}' is refused: ${problem}.`,
          position: positionOf(path),
          hint: 'Write an https:// URL.'
        })
    }
  }

  if (meta.docs !== undefined) {
    // Reading the folder (inside the repository, no links out) is the file boundary's check.
    const problem = urlUnsafePathProblem(meta.docs)
    if (problem)
      problems.push({
        message: `metadata.docs '${meta.docs}' is refused: ${problem}.`,
        position: positionOf(['metadata', 'docs']),
        hint: 'Name a folder inside the repository, relative to idp.yaml (e.g. ./docs).'
      })
  }

  ;(meta.links ?? []).forEach((link, i) => {
    const problem = linkProblem(link.url)
    if (problem)
      problems.push({
        message: `Link '${link.url.slice(0, 200)}' is refused: ${problem}.`,
        position: positionOf(['metadata', 'links', i, 'url']),
        hint: 'Links must be http:// or https:// URLs without user or password.'
      })
    for (const field of ['title', 'icon'] as const) {
      const text = link[field]
      if (text !== undefined && CONTROL.test(text))
        problems.push({
          message: `Link ${field} contains control characters or line breaks.`,
          position: positionOf(['metadata', 'links', i, field]),
          hint: 'Write it on one line.'
        })
    }
  })

  const checkRef = (ref: string, defaultKind: string | undefined, path: PathSegment[]) => {
    const problem = entityRefProblem(ref, defaultKind)
    if (problem)
      problems.push({
        message: `'${ref.slice(0, 200)}' is not an entity ref the catalog reads as written: ${problem}.`,
        position: positionOf(path),
        hint: `Write [kind:][namespace/]name, e.g. ${defaultKind ?? 'component'}:default/payments.`
      })
  }
  checkRef(meta.owner, 'group', ['metadata', 'owner'])
  if (meta.system !== undefined) checkRef(meta.system, 'system', ['metadata', 'system'])
  const resources = new Set((descriptor.spec.resources ?? []).map(r => r.name))
  ;(meta.dependsOn ?? []).forEach((ref, i) => {
    // A bare name names one of this descriptor's resources (entities.ts resolves it so).
    if (!ref.includes(':') && !resources.has(ref) && !CONTROL.test(ref)) {
      problems.push({
        message: `dependsOn target '${ref.slice(0, 200)}' is neither a resource of this descriptor nor a full entity ref.`,
        position: positionOf(['metadata', 'dependsOn', i]),
        hint: 'Name one of spec.resources, or write kind:namespace/name, e.g. component:default/payments.'
      })
      return
    }
    checkRef(ref, resources.has(ref) ? 'resource' : undefined, ['metadata', 'dependsOn', i])
  })

  ;(descriptor.spec.apis ?? []).forEach((api, i) => {
    if (api.definition.includes('\n')) return
    const problem =
      options.apiDefinitions === 'reference'
        ? repositoryPathProblem(api.definition, folder)
        : urlUnsafePathProblem(api.definition)
    if (problem)
      problems.push({
        message: `API definition '${api.definition.slice(0, 200)}' is refused: ${problem}.`,
        position: positionOf(['spec', 'apis', i, 'definition']),
        hint: 'Name a file inside the repository, relative to idp.yaml, or inline the definition.'
      })
  })
  return problems
}

/** Why the `source-url` input is refused, or undefined: it anchors source-location and TechDocs. */
export function sourceUrlProblem(sourceUrl: string | undefined): string | undefined {
  if (sourceUrl === undefined) return undefined
  const problem = linkProblem(sourceUrl)
  return problem ? `${inputRefStart('source-url')} is refused: ${problem}.` : undefined
}
