import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import type { PlatformConfig } from '../../../descriptor/types.js'
import { RecordingLogger, silentLogger } from '../../../runtime/logger.js'
import { parseManifestText } from '../../manifest-documents.js'
import { SchemaCatalog } from '../schema-catalog.js'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  activeGuardrails,
  GUARDRAILS,
  GUARDRAILS_README,
  GuardrailsEngine,
  OWNER_LABEL
} from './index.js'

const DIGEST = 'sha256:' + 'a'.repeat(64)
const platform = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: {
    environments: [
      {
        name: 'dev',
        namespace: '{service}-dev',
        secretStores: { vault: { name: 'vault-dev', kind: 'ClusterSecretStore' } }
      },
      { name: 'prod', namespace: '{service}-prod', requireDigest: true, secretStores: {} }
    ],
    registries: ['ghcr.io/acme/', 'registry.acme.io'],
    resourceTypes: [
      {
        name: 'postgresql',
        apiVersion: 'db.acme.io/v1',
        kind: 'Database',
        style: 'claim',
        connectionSecret: '{service}-{resource}',
        outputs: {},
        schema: {
          type: 'object',
          properties: {
            storageGB: { type: 'integer', maximum: 100 },
            replicas: { type: 'integer', exclusiveMaximum: 3 }
          }
        }
      }
    ]
  }
} as unknown as PlatformConfig

const catalog = new SchemaCatalog()
const labels = { [OWNER_LABEL]: 'team-payments' }

async function results(
  rule: string,
  object: Record<string, unknown>,
  environment = 'dev',
  config = platform
) {
  const manifests = parseManifestText(stringify(object), 'm.yaml').manifests
  const engine = new GuardrailsEngine(activeGuardrails(config, silentLogger), (a, k) =>
    catalog.scopeOf(a, k)
  )
  const findings = await engine.evaluate(manifests, {
    environment,
    namespace: `checkout-${environment}`,
    platform: config,
    logger: silentLogger
  })
  return findings
    .filter(f => f.rule === rule)
    .map(f =>
      f.result === 'pass'
        ? 'pass'
        : `${f.result} ${f.severity} ${f.manifest?.pointer}: ${f.message}`
    )
}

const meta = (extra: Record<string, unknown> = {}) => ({
  name: 'x',
  namespace: 'checkout-dev',
  labels,
  ...extra
})
const deployment = (image: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: meta(),
  spec: { template: { spec: { containers: [{ name: 'c', image }] } } }
})
const application = (image: string) => ({
  apiVersion: 'core.oam.dev/v1beta1',
  kind: 'Application',
  metadata: meta(),
  spec: { components: [{ name: 'c', type: 'webservice', properties: { image } }] }
})

describe('built-in guardrails', () => {
  it('no-plain-secret', async () => {
    expect(
      await results('no-plain-secret', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() })
    ).toEqual([])
    expect(
      await results('no-plain-secret', { apiVersion: 'v1', kind: 'Secret', metadata: meta() })
    ).toEqual([
      "fail error /kind: Secret 'x' is a plain Secret; use an ExternalSecret (spec.secrets in idp.yaml) or a SealedSecret."
    ])
  })

  it('secret-store-allowed', async () => {
    const es = (store: Record<string, string>) => ({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: meta(),
      spec: { secretStoreRef: store, data: [{ secretKey: 'a', remoteRef: { key: 'k' } }] }
    })
    expect(
      await results('secret-store-allowed', es({ name: 'vault-dev', kind: 'ClusterSecretStore' }))
    ).toEqual(['pass'])
    expect(await results('secret-store-allowed', es({ name: 'vault-dev' }))).toEqual([
      "fail error /spec/secretStoreRef/name: SecretStore 'vault-dev' is not a store of environment 'dev'; allowed: ClusterSecretStore vault-dev."
    ])
    expect(
      await results('secret-store-allowed', es({ name: 'vault-prod', kind: 'ClusterSecretStore' }))
    ).toHaveLength(1)
  })

  it('namespace', async () => {
    expect(
      await results('namespace', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() })
    ).toEqual(['pass'])
    expect(
      await results('namespace', {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: meta({ namespace: 'payments' })
      })
    ).toEqual([
      "fail error /metadata/namespace: Namespace 'payments' is not the environment's namespace 'checkout-dev'."
    ])
    expect(
      await results('namespace', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })
    ).toEqual([
      "fail error /metadata: ConfigMap has no metadata.namespace; it must be 'checkout-dev'."
    ])
    // Cluster-scoped kinds have no namespace; the cluster-scope rule speaks for them.
    expect(
      await results('namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } })
    ).toEqual([])
  })

  it('no-cluster-scoped', async () => {
    expect(
      await results('no-cluster-scoped', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() })
    ).toEqual(['pass'])
    expect(
      await results('no-cluster-scoped', {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'x' }
      })
    ).toEqual([
      'fail error /kind: ClusterRole (rbac.authorization.k8s.io/v1) is cluster-scoped; a service may only create namespaced resources.'
    ])
  })

  it('image-registry', async () => {
    expect(await results('image-registry', deployment('ghcr.io/acme/checkout:1.2'))).toEqual([
      'pass'
    ])
    expect(
      await results('image-registry', application('registry.acme.io/team/app@' + DIGEST))
    ).toEqual(['pass'])
    expect(await results('image-registry', application('ghcr.io/acmeevil/checkout:1'))).toEqual([
      "fail error /spec/components/0/properties/image: Image 'ghcr.io/acmeevil/checkout:1' is not from an allowed registry (ghcr.io/acme/, registry.acme.io)."
    ])
    expect(await results('image-registry', deployment('nginx'))).toEqual([
      "fail error /spec/template/spec/containers/0/image: Image 'nginx' is not from an allowed registry (ghcr.io/acme/, registry.acme.io)."
    ])
    expect(
      await results('image-registry', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() })
    ).toEqual([])
  })

  it('image-digest (only where the environment requires it)', async () => {
    expect(await results('image-digest', deployment('ghcr.io/acme/checkout:1.2'), 'dev')).toEqual(
      []
    )
    expect(
      await results('image-digest', deployment('ghcr.io/acme/checkout@' + DIGEST), 'prod')
    ).toEqual(['pass'])
    expect(await results('image-digest', deployment('ghcr.io/acme/checkout:1.2'), 'prod')).toEqual([
      "fail error /spec/template/spec/containers/0/image: Image 'ghcr.io/acme/checkout:1.2' is not pinned by digest; environment 'prod' requires image@sha256:<digest>."
    ])
  })

  it('resource-quota', async () => {
    const db = (parameters: Record<string, unknown>) => ({
      apiVersion: 'db.acme.io/v1',
      kind: 'Database',
      metadata: meta(),
      spec: { parameters }
    })
    expect(await results('resource-quota', db({ storageGB: 100, replicas: 2 }))).toEqual(['pass'])
    expect(await results('resource-quota', db({ storageGB: 500, replicas: 3 }))).toEqual([
      "fail error /spec/parameters/storageGB: storageGB is 500; resource type 'postgresql' allows at most 100.",
      "fail error /spec/parameters/replicas: replicas is 3; resource type 'postgresql' allows less than 3."
    ])
    expect(await results('resource-quota', { ...db({}), kind: 'Other' })).toEqual([])
  })

  it('owner-label', async () => {
    expect(
      await results('owner-label', { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta() })
    ).toEqual(['pass'])
    expect(
      await results('owner-label', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })
    ).toEqual([`fail warning /metadata: ConfigMap has no '${OWNER_LABEL}' label.`])
  })

  it('every rule has an id, a title, a severity and help', () => {
    const ids = GUARDRAILS.map(g => g.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(
      expect.arrayContaining([
        'no-plain-secret',
        'secret-store-allowed',
        'namespace',
        'no-cluster-scoped',
        'known-scope',
        'no-platform-objects',
        'component-types',
        'pod-security-baseline',
        'kustomization',
        'composition-pinned',
        'image-registry',
        'image-digest',
        'resource-quota',
        'owner-label'
      ])
    )
    for (const g of GUARDRAILS) expect(g.title && g.help && g.defaultSeverity).toBeTruthy()
    // The help links to a README section named by the id.
    const readme = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), '../../../../..', GUARDRAILS_README),
      'utf8'
    )
    for (const g of GUARDRAILS) expect(readme).toContain(`### \`${g.id}\``)
  })
})

describe('platform settings', () => {
  it('switch rules off and change their severity; unknown ids are warned about', async () => {
    const logger = new RecordingLogger()
    const config = {
      ...platform,
      spec: {
        ...platform.spec,
        guardrails: {
          'no-plain-secret': { enabled: false },
          'owner-label': { severity: 'error' },
          typo: { enabled: false }
        }
      }
    } as PlatformConfig
    const active = activeGuardrails(config, logger)
    expect(active.map(a => a.rule.id)).not.toContain('no-plain-secret')
    expect(active.find(a => a.rule.id === 'owner-label')?.severity).toBe('error')
    expect(logger.text()).toContain(
      "The platform config sets guardrail 'typo', which does not exist"
    )
    expect(
      await results(
        'owner-label',
        { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } },
        'dev',
        config
      )
    ).toEqual([`fail error /metadata: Secret has no '${OWNER_LABEL}' label.`])
    expect(
      await results(
        'no-plain-secret',
        { apiVersion: 'v1', kind: 'Secret', metadata: meta() },
        'dev',
        config
      )
    ).toEqual([])
  })
})
