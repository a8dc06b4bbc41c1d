// The schema engine against the real upstream CRDs and XRDs in ../shared/schemas: every manifest the
// example renders is valid, the upstream Crossplane examples are valid against their own XRDs, and
// deliberately broken ExternalSecrets, Applications and claims are caught on the right field.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { stringify } from 'yaml'
import { renderManifests } from '../../render/index.js'
import { silentLogger } from '../../runtime/logger.js'
import type { Manifest } from '../engine.js'
import { isBuildFile, loadManifests } from '../manifests.js'
import { parseManifestText } from '../manifest-documents.js'
import { CrdSchemaEngine, loadSchemaCatalog } from './crd-schema.js'
import { ExternalSecretsEngine } from './external-secrets.js'
import type { SchemaCatalog } from './schema-catalog.js'

const repo = join(import.meta.dirname ?? process.cwd(), '../../../..')
const schemas = join(repo, '../shared/schemas')
const EXAMPLES = join(schemas, 'crossplane/examples')
const CRDS = [
  join(schemas, 'external-secrets/crds'),
  join(schemas, 'kubevela/crds'),
  join(schemas, 'argo-cd'),
  join(schemas, 'flux'),
  join(schemas, 'crossplane/v2.3.4/crds'),
  join(EXAMPLES, 'configuration-aws-database-v1-claims/definition.yaml'),
  join(EXAMPLES, 'configuration-aws-database-v2-namespaced/definition.yaml')
]
// Test edits reach deep into rendered objects; a loose type keeps them readable.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>

const DIGEST = 'sha256:' + 'ab'.repeat(32)

/** The render's output folder, inside the repository (render reads and writes only inside it). */
let output: string
let catalog: SchemaCatalog
let rendered: Manifest[]

async function problems(manifests: readonly Manifest[], withEso = false): Promise<string[]> {
  const engines = [new CrdSchemaEngine(catalog), ...(withEso ? [new ExternalSecretsEngine()] : [])]
  const out: string[] = []
  for (const engine of engines)
    for (const f of await engine.evaluate(manifests, { logger: silentLogger }))
      if (f.result !== 'pass')
        out.push(`${f.manifest?.file} ${f.rule} ${f.manifest?.pointer}: ${f.message}`)
  return out
}

function mutate(kind: string, change: (object: Loose) => void, name?: string): Manifest[] {
  const original = rendered.find(
    m =>
      m.object.kind === kind &&
      m.file.includes('/dev/') &&
      (!name || (m.object.metadata as { name?: string }).name === name)
  )!
  const copy = structuredClone(original.object) as Loose
  change(copy)
  return parseManifestText(stringify(copy), `broken-${kind}.yaml`).manifests
}

beforeAll(async () => {
  mkdirSync(join(repo, '.tmp'), { recursive: true })
  output = mkdtempSync(join(repo, '.tmp', 'crd-conformance-'))
  await renderManifests(
    {
      descriptor: join(repo, 'examples/checkout/idp.yaml'),
      platformConfig: join(repo, 'examples/platform/platform.yaml'),
      environment: 'all',
      image: [
        `checkout=ghcr.io/acme/checkout@${DIGEST}`,
        `checkout-worker=ghcr.io/acme/checkout-worker@${DIGEST}`,
        `nightly-report=ghcr.io/acme/checkout-report@${DIGEST}`
      ].join('\n'),
      outputDir: relative(repo, join(output, 'rendered')),
      workspace: repo,
      source: { repository: 'acme/checkout', commit: 'c'.repeat(40) } as never
    },
    silentLogger
  )
  catalog = loadSchemaCatalog(CRDS, repo, silentLogger).catalog
  // Kustomize build files are no objects; validate gives them to the guardrails only.
  rendered = loadManifests(
    [relative(repo, join(output, 'rendered'))],
    repo,
    silentLogger
  ).manifests.filter(m => !isBuildFile(m))
})
afterAll(() => rmSync(output, { recursive: true, force: true }))

describe('real CRDs', () => {
  it('validates every manifest the example renders, in every environment, with no finding', async () => {
    expect(rendered.length).toBeGreaterThanOrEqual(15)
    expect(new Set(rendered.map(m => m.object.kind))).toEqual(
      new Set(['Application', 'ExternalSecret', 'SQLInstance'])
    )
    expect(await problems(rendered, true)).toEqual([])
  })

  it('validates the upstream Crossplane examples against their own XRDs and the Crossplane CRDs', async () => {
    const files = [
      'configuration-aws-database-v1-claims/postgres-claim.yaml',
      'configuration-aws-database-v2-namespaced/postgres-xr.yaml',
      'configuration-aws-database-v1-claims/definition.yaml',
      'configuration-aws-database-v2-namespaced/definition.yaml',
      'configuration-aws-database-v1-claims/composition.yaml',
      'configuration-aws-database-v2-namespaced/composition.yaml'
    ]
    for (const file of files) {
      const manifests = parseManifestText(
        readFileSync(join(EXAMPLES, file), 'utf8'),
        file
      ).manifests
      expect(await problems(manifests)).toEqual([])
    }
  })

  it('catches a broken ExternalSecret (schema and webhook rules)', async () => {
    const broken = mutate('ExternalSecret', es => {
      es.spec.secretStoreRef.kind = 'Vault'
      es.spec.target.deletionPolicy = 'Delete'
      es.spec.target.creationPolicy = 'Merge'
      es.spec.data[0].remoteRef.propery = 'password'
    })
    expect(await problems(broken, true)).toEqual([
      "broken-ExternalSecret.yaml schema /spec/data/0/remoteRef/propery: ExternalSecret 'checkout-db-creds': `spec.data.0.remoteRef.propery` is not a field of this kind (unknown fields are rejected).",
      'broken-ExternalSecret.yaml schema /spec/secretStoreRef/kind: ExternalSecret \'checkout-db-creds\': `spec.secretStoreRef.kind` must be one of "SecretStore", "ClusterSecretStore".',
      'broken-ExternalSecret.yaml deletion-policy /spec/target/deletionPolicy: `deletionPolicy: Delete` must not be used with `creationPolicy: Merge` (the controller does not own the Secret); set `creationPolicy: Owner`.'
    ])
    const v1beta1 = mutate('ExternalSecret', es => (es.apiVersion = 'external-secrets.io/v1beta1'))
    expect(await problems(v1beta1)).toEqual([
      expect.stringContaining(
        'api-version /apiVersion: ExternalSecret is not served as external-secrets.io/v1beta1;'
      )
    ])
  })

  it('catches a broken Application', async () => {
    const broken = mutate('Application', app => {
      app.spec.components[0].traits = { type: 'scaler' }
      app.spec.policy = []
    })
    expect(await problems(broken)).toEqual([
      "broken-Application.yaml schema /spec/policy: Application 'checkout': `spec.policy` is not a field of this kind (unknown fields are rejected).",
      "broken-Application.yaml schema /spec/components/0/traits: Application 'checkout': `spec.components.0.traits` must be of type array."
    ])
  })

  it('catches a broken claim and a v2 XR with a connection secret', async () => {
    const claim = mutate(
      'SQLInstance',
      c => {
        expect(c.spec.crossplane).toBeUndefined()
        c.spec.parameters.storageGB = 'ten'
        c.spec.compositeDeletePolicy = 'Never'
      },
      'checkout-orders-db'
    )
    expect(await problems(claim)).toEqual([
      expect.stringContaining('/spec/parameters/storageGB'),
      expect.stringContaining('/spec/compositeDeletePolicy')
    ])
    const xrManifest = rendered.find(
      m => m.object.kind === 'SQLInstance' && 'crossplane' in (m.object.spec as object)
    )!
    const xr = structuredClone(xrManifest.object) as Loose
    xr.spec.writeConnectionSecretToRef = { name: 'conn' }
    expect(await problems(parseManifestText(stringify(xr), 'xr.yaml').manifests)).toEqual([
      expect.stringContaining('/spec/writeConnectionSecretToRef')
    ])
  })

  it("evaluates the CRDs' CEL rules: a v2 XRD offering claims is refused", async () => {
    const file = 'configuration-aws-database-v2-namespaced/definition.yaml'
    const [xrd] = parseManifestText(readFileSync(join(EXAMPLES, file), 'utf8'), file).manifests
    const withClaims = structuredClone(xrd.object) as Loose
    withClaims.spec.claimNames = { kind: 'SQLInstanceClaim', plural: 'sqlinstanceclaims' }
    expect(await problems(parseManifestText(stringify(withClaims), 'xrd.yaml').manifests)).toEqual([
      "xrd.yaml schema /spec: CompositeResourceDefinition 'sqlinstances.aws.platform.upbound.io': `spec`: Claims aren't supported in apiextensions.crossplane.io/v2."
    ])
  })

  it('catches the upstream legacy XRD whose required field does not exist', async () => {
    const legacy = loadSchemaCatalog(
      [join(EXAMPLES, 'crossplane-legacy/postgresqlinstance-xrd.yaml')],
      repo,
      silentLogger
    ).catalog
    const claim = parseManifestText(
      stringify({
        apiVersion: 'common.crossplane.io/v1alpha1',
        kind: 'PostgreSQLInstance',
        metadata: { name: 'db', namespace: 'n' },
        spec: {
          engineVersion: '11',
          storageGB: 20,
          writeConnectionSecretToRef: { name: 'db-conn' }
        }
      }),
      'claim.yaml'
    ).manifests
    const findings = await new CrdSchemaEngine(legacy).evaluate(claim, { logger: silentLogger })
    expect(findings.map(f => `${f.result} ${f.manifest?.pointer}: ${f.message}`)).toEqual([
      "fail /spec: PostgreSQLInstance 'db': `spec` is missing the required field `version`."
    ])
  })
})
