// Test helpers: rendered environment folders with a `.idp/render.json` in the RenderRecord shape.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { RenderRecord } from '../../render/record.js'
import { RENDER_RECORD_PATH } from '../../render/record.js'

export interface RenderedFolderOptions {
  readonly service: string
  readonly environment: string
  /** Rendered files (name → content); defaults to one Deployment-like manifest. */
  readonly files?: Readonly<Record<string, string>>
  readonly images?: Readonly<Record<string, string>>
  readonly commit?: string
  readonly commitTime?: string
  readonly runNumber?: number
  readonly repository?: string
  readonly runUrl?: string
}

/** Writes a rendered folder and returns its record; the digest covers names and bytes of the files. */
export function writeRenderedFolder(folder: string, options: RenderedFolderOptions): RenderRecord {
  const images = options.images ?? { api: `ghcr.io/acme/${options.service}:1.0.0` }
  const files = options.files ?? {
    'application.yaml': applicationYaml(
      options.service,
      options.environment,
      Object.values(images)[0]
    )
  }
  const hash = createHash('sha256')
  for (const name of Object.keys(files).sort()) {
    hash.update(name).update('\0').update(files[name]).update('\0')
    const full = join(folder, name)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, files[name])
  }
  const record: RenderRecord = {
    service: options.service,
    environment: options.environment,
    namespace: `${options.service}-${options.environment}`,
    owner: 'team-test',
    source: {
      repository: options.repository ?? `acme/${options.service}`,
      commit: options.commit ?? 'a'.repeat(40),
      commitTime: options.commitTime ?? '2026-11-01T10:00:00Z',
      runNumber: options.runNumber ?? 1,
      runUrl: options.runUrl ?? `https://github.com/acme/${options.service}/actions/runs/1`,
      descriptor: 'idp.yaml'
    },
    images,
    digest: `sha256:${hash.digest('hex')}`,
    renderer: { name: 'idp', version: '0.1.0' },
    files: Object.keys(files).sort(),
    sourceMap: []
  }
  mkdirSync(join(folder, '.idp'), { recursive: true })
  writeFileSync(join(folder, RENDER_RECORD_PATH), JSON.stringify(record, null, 2) + '\n')
  return record
}

export function applicationYaml(service: string, environment: string, image: string): string {
  return [
    'apiVersion: core.oam.dev/v1beta1',
    'kind: Application',
    'metadata:',
    `  name: ${service}`,
    `  namespace: ${service}-${environment}`,
    'spec:',
    '  components:',
    `    - name: api`,
    '      type: webservice',
    '      properties:',
    `        image: ${image}`,
    ''
  ].join('\n')
}
