// The guardrail on a folder's kustomization.yaml. Argo CD and Flux run `kustomize build` on the folder
// and apply its output, not the files validate inspected: a kustomization can generate Secrets, rewrite
// every namespace, patch, relabel or rename objects, inflate Helm charts, run plugins and pull objects
// from outside the folder. Render writes only `resources` (local files); anything beyond that, and the
// target namespace, is refused.
import { findPlainSecret } from '../../../boundary/plain-secrets.js'
import { isObject } from '../../manifest-documents.js'
import { joinPointer } from '../../manifest-positions.js'
import type { Guardrail, GuardrailContext, Violation } from './rules.js'

/** Fields of a kustomization that only configure the build of the folder's own files. */
const ALLOWED = new Set(['apiVersion', 'kind', 'metadata', 'resources', 'namespace'])

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])

/** A `resources` entry that kustomize would fetch or read from outside this folder. */
function outsideFolder(entry: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:/i.test(entry) || entry.includes('//') || entry.includes('?')) return true
  if (entry.startsWith('/') || entry.startsWith('\\') || /^[A-Za-z]:/.test(entry)) return true
  // `github.com/org/repo/...` and the like: kustomize treats a host-like first segment as remote.
  if (/^[^/]+\.[a-z]{2,}\//i.test(entry)) return true
  let depth = 0
  for (const segment of entry.split(/[/\\]/)) {
    if (segment === '..') depth--
    else if (segment !== '.' && segment !== '') depth++
    if (depth < 0) return true
  }
  return false
}

function namespaceViolation(namespace: unknown, ctx: GuardrailContext): Violation[] {
  if (namespace === undefined) return []
  const expected = ctx.namespace ?? ctx.folderNamespace
  if (typeof namespace === 'string' && (expected === undefined || namespace === expected)) return []
  return [
    {
      pointer: '/namespace',
      message: `namespace '${String(namespace)}' would move every object of this folder${expected ? ` out of '${expected}'` : ''}; leave it out or set the service's namespace.`
    }
  ]
}

function generatorViolations(object: Readonly<Record<string, unknown>>): Violation[] {
  const out: Violation[] = []
  list(object.secretGenerator).forEach((_, i) =>
    out.push({
      pointer: joinPointer(['secretGenerator', i]),
      message:
        "secretGenerator puts a Secret's value in Git; declare the secret in idp.yaml (spec.secrets), which renders an ExternalSecret."
    })
  )
  list(object.configMapGenerator).forEach((generator, i) => {
    if (!isObject(generator)) return
    list(generator.literals).forEach((literal, j) => {
      const text = String(literal)
      const eq = text.indexOf('=')
      const name = eq < 0 ? text : text.slice(0, eq)
      const found = eq < 0 ? undefined : findPlainSecret(name, text.slice(eq + 1))
      if (found)
        out.push({
          pointer: joinPointer(['configMapGenerator', i, 'literals', j]),
          message: `configMapGenerator literal '${name}' carries a secret (${found.reason}); declare it in idp.yaml (spec.secrets) and use \${secrets.<name>.<key>}.`
        })
    })
    for (const field of ['envs', 'env', 'files'] as const)
      if (generator[field] !== undefined)
        out.push({
          pointer: joinPointer(['configMapGenerator', i, field]),
          message: `configMapGenerator ${field} reads files kustomize puts into a ConfigMap unchecked; use literals, or the component's env in idp.yaml.`
        })
  })
  return out
}

/**
 * The kustomization's own schema (kustomize's `types.Kustomization`): kustomize build refuses another
 * apiVersion or kind, and reads `resources` only as a list of paths and `namespace` only as text.
 */
function shapeViolations(object: Readonly<Record<string, unknown>>): Violation[] {
  const out: Violation[] = []
  if (object.apiVersion !== undefined && object.apiVersion !== 'kustomize.config.k8s.io/v1beta1')
    out.push({
      pointer: '/apiVersion',
      message: `apiVersion '${String(object.apiVersion)}' is not kustomize.config.k8s.io/v1beta1; kustomize build refuses it.`
    })
  if (object.kind !== undefined && object.kind !== 'Kustomization')
    out.push({
      pointer: '/kind',
      message: `kind '${String(object.kind)}' is not Kustomization; kustomize build refuses it.`
    })
  if (object.resources !== undefined && !Array.isArray(object.resources))
    out.push({ pointer: '/resources', message: 'resources is not a list of file names.' })
  if (object.namespace !== undefined && typeof object.namespace !== 'string')
    out.push({ pointer: '/namespace', message: 'namespace is not text.' })
  if (object.metadata !== undefined && !isObject(object.metadata))
    out.push({ pointer: '/metadata', message: 'metadata is not a mapping.' })
  return out
}

export const kustomization: Guardrail = {
  id: 'kustomization',
  title: "A folder's kustomization only lists its own files",
  defaultSeverity: 'error',
  buildFiles: true,
  help: "Argo CD and Flux apply what `kustomize build` makes of the folder. A kustomization may list the folder's own files in `resources` and set the service's `namespace`; generators (secretGenerator always, configMapGenerator literals that carry secrets), patches, labels, name prefixes, images, Helm charts, plugins, components and resources from outside the folder change or add objects validate never saw.",
  check: (m, ctx) => {
    const object = m.object
    const violations: Violation[] = [
      ...namespaceViolation(object.namespace, ctx),
      ...generatorViolations(object)
    ]
    violations.push(...shapeViolations(object))
    list(object.resources).forEach((entry, i) => {
      if (typeof entry !== 'string' || outsideFolder(entry))
        violations.push({
          pointer: joinPointer(['resources', i]),
          message: `resources entry '${String(entry)}' is outside this folder; kustomize would apply objects validate never saw. List only the folder's own files.`
        })
    })
    for (const field of Object.keys(object))
      if (!ALLOWED.has(field) && field !== 'secretGenerator' && field !== 'configMapGenerator')
        violations.push({
          pointer: joinPointer([field]),
          message: `${field} is not allowed in a service folder's kustomization: it changes or adds objects after validation. Render writes only resources.`
        })
    return violations
  }
}
