// validate-policy on generated rendered environments: every engine and every built-in guardrail, with
// render records (source maps), SARIF and PolicyReport written; compared with only parsing the YAML.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAllDocuments, stringify } from 'yaml'
import { expandEntries } from '../shared/src/policy/manifests.js'
import { validateManifests } from '../shared/src/policy/validate.js'
import { silentLogger } from '../shared/src/runtime/logger.js'
import type { BenchRow } from './row.js'
import { peakRssMiB } from './row.js'

const DIGEST = 'sha256:' + 'ab'.repeat(32)
const PER_SERVICE = 4

const PLATFORM = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'bench' },
  spec: {
    environments: [
      {
        name: 'prod',
        namespace: '{service}-prod',
        requireDigest: true,
        secretStores: { vault: { name: 'vault-prod', kind: 'ClusterSecretStore' } }
      }
    ],
    registries: ['ghcr.io/acme/'],
    resourceTypes: [
      {
        name: 'postgresql',
        apiVersion: 'db.acme.io/v1',
        kind: 'Database',
        style: 'claim',
        connectionSecret: '{service}-{resource}-conn',
        outputs: { host: 'host' },
        schema: {
          type: 'object',
          properties: { storageGB: { type: 'integer', maximum: 100 } }
        }
      }
    ]
  }
}

const XRD = {
  apiVersion: 'apiextensions.crossplane.io/v1',
  kind: 'CompositeResourceDefinition',
  metadata: { name: 'xdatabases.db.acme.io' },
  spec: {
    group: 'db.acme.io',
    names: { kind: 'XDatabase', plural: 'xdatabases' },
    claimNames: { kind: 'Database', plural: 'databases' },
    versions: [
      {
        name: 'v1',
        served: true,
        referenceable: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: {
              spec: {
                type: 'object',
                properties: {
                  parameters: {
                    type: 'object',
                    properties: { storageGB: { type: 'integer' } }
                  }
                }
              }
            }
          }
        }
      }
    ]
  }
}

/** One service's rendered prod folder: four manifests and a render record with a source map. */
function writeService(root: string, i: number): void {
  const service = `svc-${i}`
  const dir = join(root, 'rendered', service, 'prod')
  mkdirSync(join(dir, '.idp'), { recursive: true })
  const metadata = (name: string) => ({
    name,
    namespace: `${service}-prod`,
    labels: { 'idp.dev/owner': 'team-a', 'app.kubernetes.io/name': service }
  })
  const image = `ghcr.io/acme/${service}@${DIGEST}`
  const files: Record<string, unknown> = {
    'application.yaml': {
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      metadata: metadata(service),
      spec: {
        components: [
          {
            name: service,
            type: 'webservice',
            properties: { image, ports: [{ port: 8080, expose: true }] },
            traits: [{ type: 'scaler', properties: { replicas: 2 } }]
          }
        ]
      }
    },
    'externalsecret-db.yaml': {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: metadata(`${service}-db`),
      spec: {
        refreshInterval: '1h',
        secretStoreRef: { name: 'vault-prod', kind: 'ClusterSecretStore' },
        target: { name: `${service}-db`, creationPolicy: 'Owner', deletionPolicy: 'Retain' },
        data: [{ secretKey: 'password', remoteRef: { key: `${service}/db`, property: 'password' } }]
      }
    },
    'database-db.yaml': {
      apiVersion: 'db.acme.io/v1',
      kind: 'Database',
      metadata: metadata(`${service}-db`),
      spec: {
        parameters: { storageGB: i % 50 === 0 ? 500 : 20 },
        writeConnectionSecretToRef: { name: `${service}-db-conn` }
      }
    },
    'deployment-sidecar.yaml': {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(`${service}-sidecar`),
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: service } },
        template: {
          metadata: { labels: { app: service } },
          spec: { containers: [{ name: 'proxy', image, ports: [{ containerPort: 9090 }] }] }
        }
      }
    }
  }
  for (const [name, object] of Object.entries(files))
    writeFileSync(join(dir, name), stringify(object))
  writeFileSync(
    join(dir, '.idp/render.json'),
    JSON.stringify({
      service,
      environment: 'prod',
      namespace: `${service}-prod`,
      owner: 'team-a',
      source: { descriptor: `services/${service}/idp.yaml` },
      images: { [service]: image },
      digest: DIGEST,
      renderer: { name: 'idp', version: 'bench' },
      files: Object.keys(files).sort(),
      sourceMap: [
        {
          file: 'application.yaml',
          pointer: '/spec/components/0/properties/image',
          source: { file: `services/${service}/idp.yaml`, line: 9, column: 14 }
        },
        {
          file: 'database-db.yaml',
          pointer: '/spec/parameters/storageGB',
          source: { file: `services/${service}/idp.yaml`, line: 20, column: 20 }
        }
      ]
    })
  )
}

async function measure(manifests: number): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'idp-bench-validate-'))
  try {
    const services = manifests / PER_SERVICE
    for (let i = 0; i < services; i++) writeService(root, i)
    writeFileSync(join(root, 'platform.yaml'), stringify(PLATFORM))
    writeFileSync(join(root, 'xrd.yaml'), stringify(XRD))

    const parseStart = process.hrtime.bigint()
    let parsed = 0
    for (const file of expandEntries(['rendered'], root))
      for (const doc of parseAllDocuments(readFileSync(file, 'utf8')) as ReturnType<
        typeof parseAllDocuments
      > &
        unknown[])
        if ((doc as { toJS(): unknown }).toJS()) parsed++
    const parseSeconds = Number(process.hrtime.bigint() - parseStart) / 1e9

    const start = process.hrtime.bigint()
    const outcome = await validateManifests(
      {
        workspace: root,
        manifests: ['rendered'],
        platformConfig: 'platform.yaml',
        policies: [],
        crds: ['xrd.yaml'],
        builtinPolicies: true,
        failOn: 'error',
        reportFile: 'out/report.yaml',
        sarifFile: 'out/idp.sarif',
        annotate: false
      },
      silentLogger
    )
    const seconds = Number(process.hrtime.bigint() - start) / 1e9
    if (parsed !== manifests) throw new Error(`parsed ${parsed} of ${manifests} manifests`)
    const results = outcome.results.findings.length
    const notes = `${results} results, ${outcome.results.errors} errors (planted quota breaches)`
    return [
      {
        benchmark: 'validate',
        case: `${manifests} manifests`,
        value: manifests / seconds,
        unit: 'manifests/s',
        notes
      },
      {
        benchmark: 'validate',
        case: `${manifests} manifests vs parse only`,
        value: seconds / parseSeconds,
        unit: '× parse time',
        notes: `parse only: ${(manifests / parseSeconds).toFixed(0)} manifests/s`
      },
      {
        benchmark: 'validate',
        case: `${manifests} manifests peak memory`,
        value: peakRssMiB(),
        unit: 'MiB RSS',
        notes: 'process high-water mark'
      }
    ]
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

export default async function (): Promise<BenchRow[]> {
  return [...(await measure(1000)), ...(await measure(10000))]
}
