// `idp platform policies`: whom the exported rules hold. The service's reconciler is held to them (Argo
// CD's controller for what a service's Application applies, the service's own Flux account), the
// platform's own controllers are not: External Secrets creating the Secrets it syncs, the platform's
// own Argo CD Application and Flux's kustomize-controller applying the bootstrap output.
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { tempFolder } from '../gitops/testing/git-fixtures.js'
import { applyPolicy } from '../policy/kyverno/engine.js'
import { loadKyvernoEngine } from '../policy/kyverno/index.js'
import { readPolicyFile } from '../policy/kyverno/policy.js'
import { parseManifestText } from '../policy/manifest-documents.js'
import { silentLogger } from '../runtime/logger.js'
import { admissionJudge } from './admission-testing.js'
import { renderPolicies } from './policies.js'
import { PLATFORM } from './policies.fixtures.js'
import { loadTestPlatform, objectsOf } from './testing.js'

type Obj = Record<string, unknown>

const platform = loadTestPlatform(PLATFORM)

describe('idp platform policies: who the reconciler rules apply to', () => {
  const secretPolicy = () => {
    const tmp = tempFolder('policies-subjects')
    try {
      const file = join(tmp.path, 'p.yaml')
      writeFileSync(
        file,
        renderPolicies(platform, 'https://github.com').files.get(
          'prod/kyverno/no-plain-secret.yaml'
        )!
      )
      return readPolicyFile(file, 'p.yaml')[0]
    } finally {
      tmp.remove()
    }
  }
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 's', namespace: 'checkout-prod' }
  }
  const statuses = (username: string) =>
    applyPolicy(secretPolicy(), secret, { operation: 'CREATE', userInfo: { username } }).map(
      r => r.status
    )

  it("refuses a Secret the service's Flux ServiceAccount applies", () => {
    expect(statuses('system:serviceaccount:flux-system:idp-checkout-prod')).toEqual(['fail'])
  })

  it('lets the External Secrets controller create the Secret it syncs', () => {
    expect(statuses('system:serviceaccount:external-secrets:external-secrets')).toEqual([])
  })

  const files = renderPolicies(platform, 'https://github.com').files
  const namespaceObject = (metadata: Obj) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'x', ...metadata }
  })
  const argocd = admissionJudge(files, 'dev')
  const controller = 'system:serviceaccount:argocd:argocd-application-controller'
  const refusedBy = (verdict: ReturnType<typeof argocd>) =>
    [...verdict.kyverno, ...verdict.vap].sort()

  it("Argo CD: what a service's Application applies is held to the service's namespace, by either tracking form", () => {
    const tracked = (annotation?: string, label?: string) =>
      refusedBy(
        argocd(
          namespaceObject({
            ...(annotation
              ? { annotations: { 'argocd.argoproj.io/tracking-id': `${annotation}:/Namespace:/x` } }
              : {}),
            ...(label ? { labels: { 'app.kubernetes.io/instance': label } } : {})
          }),
          controller
        )
      )
    const refusal = ['idp-no-cluster-scoped', 'idp-no-cluster-scoped-dev']
    expect(tracked('checkout-dev')).toEqual(refusal)
    expect(tracked(undefined, 'pay-x-dev')).toEqual(refusal)
    // A folder forging the annotation under label tracking does not get past the label Argo CD writes.
    expect(tracked('platform-dev', 'checkout-dev')).toEqual(refusal)
    // The platform's own Application (not a service's name) may apply its Namespaces.
    expect(tracked('platform-dev')).toEqual([])
    expect(tracked()).toEqual([])
    const configMap = (namespace: string, app: string) =>
      refusedBy(
        argocd(
          {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: {
              name: 'x',
              namespace,
              labels: { 'idp.dev/owner': 't' },
              annotations: { 'argocd.argoproj.io/tracking-id': `${app}:/ConfigMap:${namespace}/x` }
            }
          },
          controller
        )
      )
    expect(configMap('pay-x-dev', 'pay-x-dev')).toEqual([])
    expect(configMap('pay-y-dev', 'pay-x-dev')).toEqual(['idp-namespace', 'idp-namespace-dev'])
    expect(configMap('argocd', 'checkout-dev')).toEqual(['idp-namespace', 'idp-namespace-dev'])
    expect(configMap('argocd', 'platform-dev')).toEqual([])
  })

  it("Flux: a service's account stays in its namespace; the platform's own Flux identity is not held to it", () => {
    const flux = admissionJudge(files, 'prod')
    const account = 'system:serviceaccount:flux-system:idp-checkout-prod'
    expect(refusedBy(flux(namespaceObject({}), account))).toEqual([
      'idp-no-cluster-scoped',
      'idp-no-cluster-scoped-prod'
    ])
    expect(
      refusedBy(flux(namespaceObject({}), 'system:serviceaccount:flux-system:kustomize-controller'))
    ).toEqual([])
  })
})

describe("idp platform policies: the platform's own objects pass them", () => {
  it('bootstrap output applied by the reconciler is not refused', async () => {
    const { renderBootstrap } = await import('./bootstrap.js')
    const tmp = tempFolder('policies-platform-objects')
    try {
      for (const [path, text] of renderPolicies(platform, 'https://github.com').files) {
        if (!path.startsWith('dev/') || path.endsWith('kustomization.yaml')) continue
        mkdirSync(join(tmp.path, path, '..'), { recursive: true })
        writeFileSync(join(tmp.path, path), text)
      }
      const policies = await loadKyvernoEngine([join(tmp.path, 'dev')], silentLogger)
      const objects = objectsOf(renderBootstrap(platform, 'https://github.com').files).filter(o =>
        o.file.startsWith('dev/')
      )
      expect(objects.some(o => o.object.kind === 'SecretStore')).toBe(true)
      const text = objects.map(o => stringify(o.object)).join('---\n')
      const findings = await policies.evaluate(
        parseManifestText(text, 'bootstrap.yaml').manifests,
        {
          environment: 'dev',
          platform,
          logger: silentLogger
        }
      )
      expect(
        findings.filter(f => f.result === 'fail').map(f => `${f.policy}: ${f.message}`)
      ).toEqual([])
    } finally {
      tmp.remove()
    }
  })

  it("bootstrap output passes as the platform's own reconciler applies it (Argo CD's platform Application, Flux's kustomize-controller)", async () => {
    const { renderBootstrap } = await import('./bootstrap.js')
    const files = renderPolicies(platform, 'https://github.com').files
    const bootstrap = objectsOf(renderBootstrap(platform, 'https://github.com').files)
    for (const [environment, username] of [
      ['dev', 'system:serviceaccount:argocd:argocd-application-controller'],
      ['prod', 'system:serviceaccount:flux-system:kustomize-controller']
    ]) {
      const judge = admissionJudge(files, environment)
      const objects = bootstrap.filter(o => o.file.startsWith(`${environment}/`))
      expect(objects.some(o => o.object.kind === 'Namespace')).toBe(true)
      const refused = objects.flatMap(({ object }) => {
        const metadata = object.metadata as Obj
        // Argo CD marks what the platform's own Application applies with that Application's name.
        const tracked =
          environment === 'dev'
            ? {
                ...object,
                metadata: {
                  ...metadata,
                  annotations: {
                    ...(metadata.annotations as Obj),
                    'argocd.argoproj.io/tracking-id': `platform-dev:/${String(object.kind)}:/${String(metadata.name)}`
                  }
                }
              }
            : object
        const verdict = judge(tracked, username)
        return [...verdict.kyverno, ...verdict.vap, ...verdict.errors].map(
          p => `${String(object.kind)} ${String(metadata.name)}: ${p}`
        )
      })
      expect(refused).toEqual([])
    }
  })
})
