// Test support: the exported admission policies of one environment, judged the way the cluster would
// judge an admission request: each Kyverno ClusterPolicy through idp's Kyverno engine and each
// ValidatingAdmissionPolicy through idp's CEL engine, with the request's user (the reconciler that
// applies the object), so rules scoped to an identity are tested with that identity.
import { loadCelPolicies } from '../policy/cel/engine.js'
import { evaluateCelPolicy } from '../policy/cel/evaluate.js'
import { applyPolicy } from '../policy/kyverno/engine.js'
import { policiesFromText } from '../policy/kyverno/policy.js'
import { normaliseResource } from '../policy/kyverno/test-files.js'

type Obj = Record<string, unknown>

export interface AdmissionVerdict {
  /** Names of the ClusterPolicies that refuse the object (fail, or error under Enforce). */
  readonly kyverno: ReadonlySet<string>
  /** Names of the ValidatingAdmissionPolicies that refuse it. */
  readonly vap: ReadonlySet<string>
  /** The policies that judged the object at all (matched it, and their preconditions held). */
  readonly kyvernoJudged: ReadonlySet<string>
  readonly vapJudged: ReadonlySet<string>
  /** Rules that could not be evaluated: always a bug in the export. */
  readonly errors: readonly string[]
}

export type AdmissionJudge = (object: Obj, username: string) => AdmissionVerdict

/** Loads `<environment>/` of the exported files and returns a judge for admission requests. */
export function admissionJudge(
  files: ReadonlyMap<string, string>,
  environment: string
): AdmissionJudge {
  // The exported files are in memory: read from the map, never written out to be read back.
  const folder = (name: string) => {
    const prefix = `${environment}/${name}/`
    return [...files.keys()]
      .filter(
        path =>
          path.startsWith(prefix) &&
          !path.slice(prefix.length).includes('/') &&
          path.endsWith('.yaml') &&
          !path.endsWith('kustomization.yaml')
      )
      .sort()
  }
  const kyverno = folder('kyverno').flatMap(path => policiesFromText(files.get(path)!, path))
  const cel = loadCelPolicies(
    folder('admission').map(path => ({ path, display: path })),
    path => files.get(path)!
  )
  return (object, username) => {
    const resource = normaliseResource(object)
    const userInfo = { username, groups: ['system:serviceaccounts'] }
    const refusedBy = new Set<string>()
    const vap = new Set<string>()
    const errors: string[] = []
    const kyvernoJudged = new Set<string>()
    const vapJudged = new Set<string>()
    for (const policy of kyverno)
      for (const r of applyPolicy(policy, resource, { operation: 'CREATE', userInfo })) {
        if (r.status !== 'skip') kyvernoJudged.add(policy.name)
        if (r.status === 'error' || r.status === 'unsupported')
          errors.push(`${policy.name}/${r.rule}: ${r.message}`)
        if (r.status === 'fail' || r.status === 'error') refusedBy.add(policy.name)
      }
    for (const policy of cel.policies)
      for (const r of evaluateCelPolicy(
        policy,
        resource,
        { operation: 'CREATE', userInfo },
        cel.inputs
      )) {
        if (r.status !== 'skip') vapJudged.add(policy.name)
        if (r.status === 'error') errors.push(`${policy.name}: ${r.message}`)
        if (r.status === 'fail' || r.status === 'error') vap.add(policy.name)
      }
    return { kyverno: refusedBy, vap, kyvernoJudged, vapJudged, errors }
  }
}
