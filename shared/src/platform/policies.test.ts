// The differential test of `idp platform policies`: the exported admission policies, run through idp's
// own Kyverno and CEL engines as admission requests from the service's reconciler, refuse exactly the
// fixtures the built-in guardrail refuses. Fixtures (policies.fixtures.ts) pass and fail every exported
// guardrail, as they reach admission: namespaced objects in the service's namespace (or the one they
// name), applied by Argo CD's controller with its tracking annotation, or by the service's Flux account.
import { describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ValidatingAdmissionPolicy } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicy'
import { ValidatingAdmissionPolicyBinding } from 'kubernetes-models/admissionregistration.k8s.io/v1/ValidatingAdmissionPolicyBinding'
import { stringify } from 'yaml'
import { tempFolder } from '../gitops/testing/git-fixtures.js'
import type { Manifest } from '../policy/engine.js'
import type { Finding } from '../policy/finding.js'
import { activeGuardrails, GuardrailsEngine } from '../policy/engines/guardrails/index.js'
import { SchemaCatalog } from '../policy/engines/schema-catalog.js'
import { parseManifestText } from '../policy/manifest-documents.js'
import type { RenderRecord } from '../render/record.js'
import { silentLogger } from '../runtime/logger.js'
import { admissionJudge } from './admission-testing.js'
import { NOT_EXPORTED, PARTLY_EXPORTED, renderPolicies } from './policies.js'
import { FIXTURES, PLATFORM } from './policies.fixtures.js'
import { loadTestPlatform, objectsOf } from './testing.js'

type Obj = Record<string, unknown>

const platform = loadTestPlatform(PLATFORM)
const catalog = new SchemaCatalog()
const SERVICE = 'checkout'

const engineOf = (environment: string) =>
  platform.spec.environments.find(e => e.name === environment)?.gitops?.engine ??
  platform.spec.gitops!.engine!

/** Who applies the service's folder: Argo CD's controller, or the service's own Flux account. */
const reconciler = (environment: string) =>
  engineOf(environment) === 'argocd'
    ? 'system:serviceaccount:argocd:argocd-application-controller'
    : `system:serviceaccount:flux-system:idp-${SERVICE}-${environment}`

/**
 * As the API server sees it: `{environment}` filled, a namespaced object in the service's namespace
 * (or the one it names), a cluster one in none; Argo CD adds its tracking annotation when it applies.
 */
function admitted(fixture: Obj, environment: string): Obj {
  const object = JSON.parse(JSON.stringify(fixture).replaceAll('{environment}', environment)) as Obj
  const apiVersion = String(object.apiVersion)
  const scope = catalog.scopeOf(apiVersion, String(object.kind))
  const metadata = { ...(object.metadata as Obj) }
  if (scope === 'Cluster') delete metadata.namespace
  else metadata.namespace ??= `${SERVICE}-${environment}`
  if (engineOf(environment) === 'argocd') {
    const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : ''
    const where = `${(metadata.namespace as string | undefined) ?? ''}/${String(metadata.name)}`
    metadata.annotations = {
      ...(metadata.annotations as Obj),
      'argocd.argoproj.io/tracking-id': `${SERVICE}-${environment}:${group}/${String(object.kind)}:${where}`
    }
  }
  return { ...object, metadata }
}

const refused = (findings: readonly Finding[], test: (f: Finding) => boolean) =>
  findings.some(f => test(f) && f.result === 'fail')

interface Row {
  fixture: string
  guardrail: string
  builtIn: boolean
  /** Refused by the exported ClusterPolicy / ValidatingAdmissionPolicy; undefined where it does not judge the fixture. */
  kyverno?: boolean
  vap?: boolean
}

async function verdicts(environment: string) {
  const exported = renderPolicies(platform, 'https://github.com')
  const judge = admissionJudge(exported.files, environment)
  const guardrails = new GuardrailsEngine(activeGuardrails(platform, silentLogger), (a, k) =>
    catalog.scopeOf(a, k)
  )
  const info = exported.environments.find(e => e.environment === environment)!
  const namespace = `${SERVICE}-${environment}`
  const record = { service: SERVICE, environment, namespace, owner: 'team-payments', sourceMap: [] }
  const rows: Row[] = []
  const errors: string[] = []
  for (const [fixture, object] of Object.entries(FIXTURES)) {
    const resource = admitted(object, environment)
    // The built-in guardrail reads the folder as verify-gitops does: with its render record.
    const manifests: Manifest[] = parseManifestText(
      stringify(resource),
      `${fixture}.yaml`
    ).manifests.map(m => ({
      ...m,
      render: { record: record as unknown as RenderRecord, fileInRender: 'x.yaml' }
    }))
    const builtIn = await guardrails.evaluate(manifests, {
      environment,
      namespace,
      platform,
      logger: silentLogger
    })
    const verdict = judge(resource, reconciler(environment))
    errors.push(...verdict.errors.map(e => `${fixture}: ${e}`))
    for (const id of info.exported) {
      const kyverno = `idp-${id}`
      const vap = `idp-${id}-${environment}`
      rows.push({
        fixture,
        guardrail: id,
        builtIn: refused(builtIn, f => f.rule === id),
        ...(verdict.kyvernoJudged.has(kyverno) ? { kyverno: verdict.kyverno.has(kyverno) } : {}),
        ...(verdict.vapJudged.has(vap) ? { vap: verdict.vap.has(vap) } : {})
      })
    }
  }
  return { rows, info, errors }
}

describe('idp platform policies: differential against the built-in guardrails', () => {
  for (const environment of ['dev', 'prod'])
    it(`gives the built-in verdict on every fixture (${environment}, ${engineOf(environment)})`, async () => {
      const { rows, errors } = await verdicts(environment)
      expect(errors).toEqual([])
      // Each exported policy that judges a fixture agrees with the built-in guardrail on it, and what
      // the built-in guardrail refuses, some exported policy refuses.
      const disagreements = rows.filter(
        r =>
          (r.kyverno !== undefined && r.kyverno !== r.builtIn) ||
          (r.vap !== undefined && r.vap !== r.builtIn) ||
          (r.builtIn && !r.kyverno && !r.vap)
      )
      expect(disagreements).toEqual([])
      // The fixtures exercise every exported guardrail both ways, and each engine it is exported for
      // refuses some fixture.
      const ids = [...new Set(rows.map(r => r.guardrail))]
      const exercised = (id: string, engine: 'kyverno' | 'vap', verdict: boolean) =>
        rows.some(r => r.guardrail === id && r[engine] === verdict)
      for (const id of ids) {
        const both = [true, false].map(v => rows.some(r => r.guardrail === id && r.builtIn === v))
        expect([id, ...both]).toEqual([id, true, true])
        const exportedAs = (['kyverno', 'vap'] as const).filter(e =>
          rows.some(r => r.guardrail === id && r[e] !== undefined)
        )
        expect([id, exportedAs.length > 0]).toEqual([id, true])
        for (const engine of exportedAs)
          expect([id, engine, exercised(id, engine, true)]).toEqual([id, engine, true])
      }
    })

  it('every ValidatingAdmissionPolicy admits some fixture it judges, in some environment', async () => {
    // (A Kyverno rule may judge only what it refuses, a deny on every Secret; a VAP judging a kind
    // refuses or admits each object of it. Prod maps no Sealed Secrets store: there it refuses all.)
    const rows = [...(await verdicts('dev')).rows, ...(await verdicts('prod')).rows]
    const withVap = [...new Set(rows.filter(r => r.vap !== undefined).map(r => r.guardrail))]
    expect(withVap.length).toBeGreaterThan(4)
    for (const id of withVap)
      expect([id, rows.some(r => r.guardrail === id && r.vap === false)]).toEqual([id, true])
  })

  it('exports the guardrails it can express, and names the others with a reason', async () => {
    const dev = (await verdicts('dev')).info
    const prod = (await verdicts('prod')).info
    const everywhere = [
      'component-types',
      'composition-pinned',
      'image-registry',
      'namespace',
      'no-cluster-scoped',
      'no-plain-secret',
      'no-platform-objects',
      'owner-label',
      'pod-security-baseline',
      'protected-metadata',
      'resource-quota',
      'sealed-secret-scope',
      'secret-key-confined',
      'secret-store-allowed'
    ]
    expect([...dev.exported].sort()).toEqual(everywhere)
    expect([...prod.exported].sort()).toEqual([...everywhere, 'image-digest'].sort())
    for (const info of [dev, prod])
      expect(Object.keys(info.notExported).sort()).toEqual(Object.keys(NOT_EXPORTED).sort())
    const readme = renderPolicies(platform, 'https://github.com').files.get('README.md')!
    for (const id of [...Object.keys(NOT_EXPORTED), ...Object.keys(PARTLY_EXPORTED)])
      expect(readme).toContain(`\`${id}\`: `)
  })

  it('says why namespace and no-cluster-scoped are not exported where Application names do not tell the service', () => {
    const text = PLATFORM.replace(
      '  registries:',
      "  catalog: { argocdAppPattern: 'app-{service}-{service}' }\n  registries:"
    )
    const dev = renderPolicies(loadTestPlatform(text), 'https://github.com').environments[0]
    expect(Object.keys(dev.notExported)).toEqual(
      expect.arrayContaining(['namespace', 'no-cluster-scoped'])
    )
    expect(dev.notExported.namespace).toContain('argocdAppPattern')
    expect(dev.exported).not.toContain('namespace')
  })

  it('writes no rule whose subjects list is empty (it would hold every user) where Flux reconciles no service by name', () => {
    const text = PLATFORM.replace(
      '    - { name: checkout, repository: acme/checkout, owner: team-payments }\n',
      ''
    )
    const output = renderPolicies(loadTestPlatform(text), 'https://github.com')
    const prod = output.environments.find(e => e.environment === 'prod')!
    const empty = objectsOf(output.files).filter(o =>
      JSON.stringify(o.object).includes('"subjects":[]')
    )
    expect(empty.map(o => o.file)).toEqual([])
    expect(prod.notExported.namespace).toContain('no reconciler')
    expect(prod.exported).toContain('image-registry')
  })

  it('switched-off guardrails are not exported; error severity enforces, others audit', () => {
    const text = PLATFORM.replace(
      'owner-label: { severity: error }',
      'owner-label: { severity: warning }\n    no-plain-secret: { enabled: false }'
    )
    const files = renderPolicies(loadTestPlatform(text), 'https://github.com').files
    expect(files.has('dev/kyverno/no-plain-secret.yaml')).toBe(false)
    expect(files.get('dev/kyverno/owner-label.yaml')).toContain('failureAction: Audit')
    expect(files.get('dev/kyverno/image-registry.yaml')).toContain('failureAction: Enforce')
    expect(files.get('prod/admission/image-digest.yaml')).toContain('- Deny')
  })
})

describe('idp platform policies: output', () => {
  const files = renderPolicies(platform, 'https://github.com').files

  it('is deterministic, with a kustomization.yaml per environment', () => {
    expect([...renderPolicies(platform, 'https://github.com').files.entries()]).toEqual([
      ...files.entries()
    ])
    expect(files.get('prod/kustomization.yaml')).toContain('admission/image-digest.yaml')
  })

  it('binds every ValidatingAdmissionPolicy, never with Deny and Warn together (the API server refuses that)', () => {
    for (const text of [
      PLATFORM,
      PLATFORM.replace('owner-label: { severity: error }', 'image-registry: { severity: warning }')
    ]) {
      const objects = objectsOf(
        renderPolicies(loadTestPlatform(text), 'https://github.com').files
      ).map(o => o.object as Record<string, any>) // eslint-disable-line @typescript-eslint/no-explicit-any
      const policies = objects.filter(o => o.kind === 'ValidatingAdmissionPolicy')
      const bindings = objects.filter(o => o.kind === 'ValidatingAdmissionPolicyBinding')
      expect(policies.length).toBeGreaterThan(0)
      expect(bindings.map(b => b.spec.policyName).sort()).toEqual(
        policies.map(p => p.metadata.name).sort()
      )
      for (const b of bindings) {
        const actions: string[] = b.spec.validationActions
        expect(actions.includes('Deny') && actions.includes('Warn')).toBe(false)
      }
    }
  })

  it("writes every {{ }} expression so Kyverno's variable pattern finds all of it (no unbalanced braces inside)", () => {
    // Kyverno's RegexVariables: inside {{ }} only balanced single braces.
    const variable = /\{\{(?:\{[^{}]*\}|[^{}])*\}\}/y
    const texts: string[] = []
    const collect = (v: unknown): void => {
      if (typeof v === 'string') texts.push(v)
      else if (Array.isArray(v)) v.forEach(collect)
      else if (v && typeof v === 'object') Object.values(v).forEach(collect)
    }
    objectsOf(files)
      .filter(o => o.object.kind === 'ClusterPolicy')
      .forEach(o => collect(o.object))
    const broken = texts.flatMap(text =>
      [...text.matchAll(/\{\{/g)].flatMap(m => {
        variable.lastIndex = m.index
        return variable.test(text) ? [] : [text]
      })
    )
    expect(texts.filter(t => t.includes('{{')).length).toBeGreaterThan(10)
    expect(broken).toEqual([])
  })

  it('validates every ValidatingAdmissionPolicy and binding against the Kubernetes schema', () => {
    const models = { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding }
    const objects = objectsOf(files)
      .map(o => o.object)
      .filter(o => o.apiVersion === 'admissionregistration.k8s.io/v1')
    expect(objects.length).toBeGreaterThan(10)
    const invalid = objects.flatMap(o => {
      const Model = models[o.kind as keyof typeof models]
      if (!Model) return [`${String(o.kind)}: no model`]
      try {
        new Model(o as never).validate()
        return []
      } catch (error) {
        return [
          `${String(o.kind)} ${String((o.metadata as Obj).name)}: ${(error as Error).message}`
        ]
      }
    })
    expect(invalid).toEqual([])
  })

  it('builds with kubectl kustomize', () => {
    if (spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' }).status !== 0) {
      console.log('kubectl is not installed: skipping the kustomize build of the policies')
      return
    }
    const tmp = tempFolder('policies-kustomize')
    try {
      for (const [path, text] of files) {
        mkdirSync(join(tmp.path, path, '..'), { recursive: true })
        writeFileSync(join(tmp.path, path), text)
      }
      const built = execFileSync('kubectl', ['kustomize', join(tmp.path, 'prod')], {
        encoding: 'utf8'
      })
      expect(built).toContain('kind: ClusterPolicy')
      expect(built).toContain('kind: ValidatingAdmissionPolicyBinding')
    } finally {
      tmp.remove()
    }
  })
})
