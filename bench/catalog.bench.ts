// Catalog entities for 1,000 generated services: load and validate the descriptor, derive the
// Component / Resource / API entities, validate them as the catalog would, write catalog-info.yaml.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { catalogCommand } from '../shared/src/commands/catalog.js'
import { runLocal } from '../shared/src/runtime/local.js'
import { silentLogger } from '../shared/src/runtime/logger.js'
import { peakRssMiB, type BenchRow } from './row.js'

const SERVICES = 1000

function descriptor(i: number): string {
  return `apiVersion: idp.dev/v1alpha1
kind: Service
metadata: { name: svc-${i}, owner: team-${i % 17}, system: sys-${i % 9}, description: Service ${i}, tags: [bench] }
spec:
  components:
    - name: api
      type: webservice
      image: ghcr.io/acme/svc-${i}
  resources:
    - name: db
      type: postgresql
      properties: { storageGB: 10 }
  apis:
    - name: svc-${i}-api
      type: openapi
      definition: ./openapi.yaml
`
}

export default async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'idp-bench-catalog-'))
  try {
    const platform = join(process.cwd(), 'examples/platform/platform.yaml')
    for (let i = 0; i < SERVICES; i++) {
      mkdirSync(join(dir, `svc-${i}`))
      writeFileSync(join(dir, `svc-${i}`, 'idp.yaml'), descriptor(i))
      writeFileSync(
        join(dir, `svc-${i}`, 'openapi.yaml'),
        `openapi: 3.0.3\ninfo: { title: svc-${i}, version: 1.0.0 }\npaths: {}\n`
      )
    }
    const started = process.hrtime.bigint()
    for (let i = 0; i < SERVICES; i++) {
      const run = await runLocal(
        catalogCommand,
        {
          descriptor: `svc-${i}/idp.yaml`,
          'platform-config': platform,
          mode: 'file',
          output: `svc-${i}/catalog-info.yaml`
        },
        { workspace: dir, logger: silentLogger }
      )
      if (run.exitCode !== 0) throw new Error(`catalog bench: ${run.failure}`)
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    return [
      {
        benchmark: 'catalog',
        case: `${SERVICES} services, file mode`,
        value: ms / 1000,
        unit: 's',
        notes: 'load + derive + validate + write'
      },
      { benchmark: 'catalog', case: 'per service', value: ms / SERVICES, unit: 'ms' },
      { benchmark: 'catalog', case: 'peak RSS', value: peakRssMiB(), unit: 'MiB' }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
