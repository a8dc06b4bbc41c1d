// Validate sees the protected labels too (issue #10, class 5): a folder written by hand, not by render,
// tries to relabel its workloads as another team's or another service's through KubeVela traits.
import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import type { PlatformConfig } from '../../../descriptor/types.js'
import { silentLogger } from '../../../runtime/logger.js'
import { parseManifestText } from '../../manifest-documents.js'
import type { RenderRecord } from '../../../render/record.js'
import { SchemaCatalog } from '../schema-catalog.js'
import { activeGuardrails, GuardrailsEngine } from './index.js'
import { protectedMetadataRule } from './metadata-rules.js'

const platform = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: {
    environments: [
      {
        name: 'dev',
        namespace: '{service}-dev',
        secretStores: {},
        labels: { 'acme.io/environment': 'dev' }
      }
    ],
    defaults: { labels: { 'acme.io/managed-by': 'idp' }, annotations: { 'acme.io/docs': 'x' } }
  }
} as unknown as PlatformConfig

async function failures(
  object: Record<string, unknown>,
  record?: Record<string, unknown>,
  config: PlatformConfig | undefined = platform
): Promise<string[]> {
  const text = stringify(object)
  const parsed = parseManifestText(text, 'm.yaml')
  // A folder with a render record: each manifest knows the record (as validate's loader sets it).
  const loaded = {
    manifests: parsed.manifests.map(m =>
      record
        ? { ...m, render: { record: record as unknown as RenderRecord, fileInRender: 'm.yaml' } }
        : m
    )
  }
  const catalog = new SchemaCatalog()
  const engine = new GuardrailsEngine(
    [{ rule: protectedMetadataRule, severity: 'error' }],
    (a, k) => catalog.scopeOf(a, k)
  )
  const findings = await engine.evaluate(loaded.manifests, {
    environment: 'dev',
    namespace: 'shop-dev',
    platform: config,
    logger: silentLogger
  })
  return findings
    .filter(f => f.result === 'fail')
    .map(f => `${f.position?.line} ${f.manifest?.pointer}: ${f.message}`)
}

const application = (traits: unknown[], properties: Record<string, unknown> = {}) => ({
  apiVersion: 'core.oam.dev/v1beta1',
  kind: 'Application',
  metadata: {
    name: 'shop',
    namespace: 'shop-dev',
    labels: { 'acme.io/environment': 'dev', 'acme.io/managed-by': 'idp' }
  },
  spec: {
    components: [
      { name: 'web', type: 'webservice', properties: { image: 'x', ...properties }, traits }
    ]
  }
})

describe('protected-metadata guardrail', () => {
  it('is one of the built-in guardrails validate runs', () => {
    expect(activeGuardrails(platform, silentLogger).map(g => g.rule.id)).toContain(
      'protected-metadata'
    )
  })

  it('fails a labels trait that relabels the workload as another team', async () => {
    const out = await failures(
      application([{ type: 'labels', properties: { 'idp.dev/owner': 'team-evil' } }])
    )
    expect(out).toHaveLength(1)
    expect(out[0]).toMatch(
      /^\d+ \/spec\/components\/0\/traits\/0\/properties\/idp\.dev~1owner: Trait 'labels' of component 'web' sets label 'idp\.dev\/owner'/
    )
  })

  it('fails an annotations trait that removes a platform annotation, and component labels that claim another app', async () => {
    const out = await failures(
      application([{ type: 'annotations', properties: { 'acme.io/docs': null } }], {
        labels: { 'app.oam.dev/name': 'payments' }
      })
    )
    expect(out.map(o => o.split(': ')[0]!.split(' ')[1])).toEqual([
      '/spec/components/0/properties/labels/app.oam.dev~1name',
      '/spec/components/0/traits/0/properties/acme.io~1docs'
    ])
  })

  it("fails an object that carries a platform label with another value than the platform's", async () => {
    const out = await failures({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'shop-dev', labels: { 'acme.io/environment': 'prod' } }
    })
    expect(out).toEqual([
      expect.stringContaining(
        "/metadata/labels/acme.io~1environment: ConfigMap sets label 'acme.io/environment' to 'prod'; the platform sets it to 'dev'."
      )
    ])
  })

  it("fails an ExternalSecret whose target template labels the Secret as idp's", async () => {
    const out = await failures({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'db', namespace: 'shop-dev' },
      spec: {
        secretStoreRef: { name: 'vault-dev', kind: 'ClusterSecretStore' },
        target: {
          name: 'db',
          template: {
            metadata: {
              labels: { 'idp.dev/owner': 'team-evil', team: 'shop' },
              annotations: { 'argocd.argoproj.io/tracking-id': 'payments:/Secret:x/y' }
            }
          }
        },
        data: [{ secretKey: 'password', remoteRef: { key: 'shop/db' } }]
      }
    })
    expect(out.map(o => o.split(': ')[0]!.split(' ')[1])).toEqual([
      '/spec/target/template/metadata/labels/idp.dev~1owner',
      '/spec/target/template/metadata/annotations/argocd.argoproj.io~1tracking-id'
    ])
  })

  it('fails objects and pod templates of a rendered folder labelled as another service, team or environment', async () => {
    const record = {
      service: 'shop',
      owner: 'group:default/team-shop',
      environment: 'dev',
      sourceMap: []
    }
    const out = await failures(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          name: 'shop',
          namespace: 'shop-dev',
          labels: { 'idp.dev/owner': 'team-payments', 'app.kubernetes.io/name': 'shop' }
        },
        spec: {
          template: {
            metadata: { labels: { 'backstage.io/kubernetes-id': 'payments' } },
            spec: { containers: [{ name: 'a', image: 'x' }] }
          }
        }
      },
      record
    )
    expect(out.map(o => o.split(': ')[0]!.split(' ')[1])).toEqual([
      '/metadata/labels/idp.dev~1owner',
      '/spec/template/metadata/labels/backstage.io~1kubernetes-id'
    ])
    expect(out[0]).toContain("this folder's render record says 'team-shop'")
  })

  it("holds idp's and KubeVela's keys even without a platform config", async () => {
    const out = await failures(
      application([{ type: 'labels', properties: { 'app.oam.dev/name': 'payments' } }]),
      undefined,
      undefined
    )
    expect(out).toHaveLength(1)
    expect(out[0]).toContain("sets label 'app.oam.dev/name'")
  })

  it("passes an Application whose traits use the service's own keys", async () => {
    expect(
      await failures(application([{ type: 'labels', properties: { 'acme.io/tier': 'web' } }]))
    ).toEqual([])
  })
})
