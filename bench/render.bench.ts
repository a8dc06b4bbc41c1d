// Render 1,000 generated services × 3 environments in one process (load + validate + render, in memory).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadPlatform } from '../shared/src/descriptor/platform.js'
import { loadDescriptor } from '../shared/src/descriptor/service.js'
import { parseImageInput } from '../shared/src/render/images.js'
import { renderEnvironments } from '../shared/src/render/render.js'
import { peakRssMiB, type BenchRow } from './row.js'

const SERVICES = 1000

function descriptorFor(i: number): string {
  const name = `svc-${i}`
  return `apiVersion: idp.dev/v1alpha1
kind: Service
metadata: { name: ${name}, owner: team-${i % 17}, system: sys-${i % 9} }
spec:
  components:
    - name: api
      type: webservice
      image: ghcr.io/acme/${name}
      ports: [8080]
      env:
        LOG_LEVEL: info
        DB_PASSWORD: \${secrets.db.password}
        DB_HOST: \${resources.db.host}
      properties: { cpu: 250m, memory: 256Mi }
      traits:
        - type: gateway
          properties: { domain: ${name}.acme.io, http: { "/": 8080 } }
        - type: scaler
          properties: { replicas: ${1 + (i % 3)} }
    - name: worker
      type: worker
      image: ghcr.io/acme/${name}-worker
  secrets:
    - name: db
      store: vault
      data: { password: { key: ${name}/db, property: password } }
  resources:
    - name: db
      type: postgresql
      properties: { storageGB: ${10 + (i % 50)} }
  environments:
    prod:
      components:
        api: { traits: { scaler: { replicas: 4 } } }
      resources:
        db: { storageGB: 80 }
`
}

export default async function bench(): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'idp-bench-render-'))
  try {
    const platform = loadPlatform(
      join(process.cwd(), 'examples/platform/platform.yaml'),
      'platform.yaml'
    ).config
    const files = Array.from({ length: SERVICES }, (_, i) => {
      const file = join(dir, `svc-${i}.yaml`)
      writeFileSync(file, descriptorFor(i))
      return file
    })
    const digest = (c: string) => `sha256:${c.repeat(64)}`
    const started = process.hrtime.bigint()
    let rendered = 0
    for (let i = 0; i < SERVICES; i++) {
      const loaded = loadDescriptor(files[i], platform, `svc-${i}.yaml`)
      const images = parseImageInput(
        `api=ghcr.io/acme/svc-${i}@${digest('a')}\nworker=ghcr.io/acme/svc-${i}-worker@${digest('b')}`
      )
      rendered += renderEnvironments(loaded, platform, 'all', images, {
        commit: 'c'.repeat(40)
      }).length
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    return [
      {
        benchmark: 'render',
        case: `${SERVICES} services × 3 environments`,
        value: ms / 1000,
        unit: 's',
        notes: 'load + validate + render, in memory'
      },
      { benchmark: 'render', case: 'per service-environment', value: ms / rendered, unit: 'ms' },
      {
        benchmark: 'render',
        case: 'peak RSS',
        value: peakRssMiB(),
        unit: 'MiB',
        notes: 'whole process'
      }
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
