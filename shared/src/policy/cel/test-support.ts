// `idp policy test` for the CEL policy kinds: loads a test's CEL policies, bindings, CEL exceptions,
// `context` fixtures, `paramResources` and `clusterResources`, and answers an expected result the way
// `kyverno test` compares ruleless policies — every response of the policy on the named resources.
import { jmesSearchLenient } from '../kyverno/jmespath.js'
import { namedFiles, readResources, readYamlDocuments } from '../kyverno/test-files.js'
import type { LoadedResource, TestFile } from '../kyverno/test-files.js'
import { readCelContext, readCelDocuments } from './documents.js'
import type { CelInputs, CelPolicyRequest, CelResponse } from './evaluate.js'
import { evaluateCelPolicy } from './evaluate.js'
import type { CelFixtures } from './libraries/kyverno.js'
import type { CelPolicy } from './policies.js'

type Obj = Record<string, unknown>

export interface CelTestInputs {
  readonly policies: readonly CelPolicy[]
  readonly inputs: CelInputs
  readonly fixtures: CelFixtures
  /** paramResources and clusterResources, for `validate.cel` params too. */
  readonly paramResources: readonly Obj[]
  /** The test's `jsonPayloads`, which JSON-mode policies check instead of resources. */
  readonly payloads: readonly LoadedResource[]
}

/** Everything CEL a test names (policy and exception files, context, params, cluster resources). */
export function loadCelTestInputs(
  test: TestFile,
  policyFiles: readonly string[],
  display: (p: string) => string,
  namespaceObjects: readonly Obj[] = []
): CelTestInputs {
  const documents = [
    ...policyFiles.flatMap(p => readCelDocuments(p, display(p))),
    ...namedFiles(test, test.exceptions, 'exception').flatMap(p => readCelDocuments(p, display(p)))
  ]
  const clusterResources = readResources(test, test.clusterResources).map(r => r.object)
  const paramResources = [
    ...readResources(test, test.paramResources).map(r => r.object),
    ...clusterResources
  ]
  const context = test.contextFile
    ? readCelContext(namedFiles(test, [test.contextFile], 'context')[0])
    : {}
  return {
    policies: documents.flatMap(d => ('policy' in d ? [d.policy] : [])),
    inputs: {
      exceptions: documents.flatMap(d => ('exception' in d ? [d.exception] : [])),
      bindings: documents.flatMap(d => ('binding' in d ? [d.binding] : [])),
      paramResources
    },
    fixtures: {
      ...context,
      resources: [...(context.resources ?? []), ...clusterResources],
      // The CLI answers http.Get/Post with the mocked response (body and statusCode).
      httpResponses: test.apiCallResponses.map(r => ({
        url: String(r.url ?? ''),
        method: String(r.method ?? ''),
        body: r.response ?? null
      })),
      globalContext: globalContextOf(test.globalContextEntries),
      namespaces: Object.fromEntries(
        namespaceObjects.map(n => [String((n.metadata as Obj | undefined)?.name ?? ''), n])
      )
    },
    paramResources,
    payloads: namedFiles(test, test.jsonPayloads, 'JSON payload').flatMap(file =>
      readYamlDocuments(file).flatMap(({ value, line }) =>
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? [{ object: value as Obj, file, line }]
          : []
      )
    )
  }
}

/**
 * The test's `globalContextEntries` as `globalContext.Get` sees them: each entry's `data`, narrowed by
 * its JMESPath `fieldPath`, and — when it has projections — a map of each projection's name to its
 * JMESPath `path` evaluated on that root.
 */
function globalContextOf(entries: readonly Obj[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const entry of entries) {
    let root: unknown = entry.data ?? null
    if (typeof entry.fieldPath === 'string' && entry.fieldPath !== '')
      root = jmesSearchLenient(entry.fieldPath, root)
    const projections = Array.isArray(entry.projections)
      ? (entry.projections as unknown[]).filter(
          (p): p is Obj => typeof p === 'object' && p !== null
        )
      : []
    out[String(entry.name ?? '')] =
      projections.length > 0
        ? Object.fromEntries(
            projections.map(p => [
              String(p.name ?? ''),
              jmesSearchLenient(String(p.path ?? '@'), root)
            ])
          )
        : root
  }
  return out
}

function namespaceLabelsOf(fixtures: CelFixtures): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(fixtures.namespaces ?? {}).map(([name, ns]) => {
      const meta = (ns.metadata ?? {}) as Obj
      const labels = (meta.labels ?? {}) as Obj
      return [name, Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]))]
    })
  )
}

export function celPolicyNamed(policies: readonly CelPolicy[], ref: string): CelPolicy | undefined {
  const slash = ref.indexOf('/')
  if (slash < 0) return policies.find(p => p.name === ref)
  return policies.find(
    p => p.name === ref.slice(slash + 1) && (p.namespace ?? '') === ref.slice(0, slash)
  )
}

/** Responses of a CEL policy on one loaded resource, cached per (policy, resource, operation). */
export function celResponder(loaded: CelTestInputs) {
  const cache = new Map<string, CelResponse[]>()
  return (
    policy: CelPolicy,
    resource: LoadedResource,
    index: number,
    request: Omit<CelPolicyRequest, 'fixtures'>
  ): CelResponse[] => {
    const key = `${loaded.policies.indexOf(policy)}|${index}|${request.operation}`
    let out = cache.get(key)
    if (!out) {
      out = evaluateCelPolicy(
        policy,
        resource.object,
        {
          ...request,
          namespaceLabels: { ...namespaceLabelsOf(loaded.fixtures), ...request.namespaceLabels },
          fixtures: loaded.fixtures
        },
        loaded.inputs
      )
      cache.set(key, out)
    }
    return out
  }
}
