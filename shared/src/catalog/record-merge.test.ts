// Broker mode: what the GitOps gate merged is recorded on the service's Component in the central
// catalog repository (real git over file://), replacing only that environment's records, and the
// Backstage catalog is asked to re-read the Component (a loopback server standing in for it).
import { afterAll, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import {
  commitFiles,
  createBareRepo,
  git,
  readTree,
  tempFolder,
  tipOf
} from '../gitops/testing/git-fixtures.js'
import { resolveRemote } from '../gitops/remote.js'
import type { RenderRecord } from '../render/record.js'
import { RecordingLogger } from '../runtime/logger.js'
import { recordMergedDeployment } from './record-merge.js'

const here = dirname(fileURLToPath(import.meta.url))
const registered = readFileSync(join(here, 'testdata/checkout.deployed.catalog-info.yaml'), 'utf8')
const FILE = 'services/checkout/catalog-info.yaml'

const record: RenderRecord = {
  service: 'checkout',
  environment: 'prod',
  namespace: 'checkout-prod',
  owner: 'team-payments',
  source: {
    repository: 'acme/checkout',
    commit: 'c'.repeat(40),
    commitTime: '2026-11-25T09:30:00Z',
    runNumber: 7,
    runUrl: 'https://github.com/acme/checkout/actions/runs/7',
    descriptor: 'idp.yaml'
  },
  images: {
    checkout: `ghcr.io/acme/checkout@sha256:${'ab'.repeat(32)}`,
    'checkout-worker': `ghcr.io/acme/checkout-worker@sha256:${'cd'.repeat(32)}`
  },
  digest: `sha256:${'d'.repeat(64)}`,
  renderer: { name: 'idp', version: '0.1.0' },
  files: ['application.yaml'],
  sourceMap: []
}
const MERGE = 'e'.repeat(40)

function annotations(text: string): Record<string, string> {
  const docs = text
    .split(/^---$/m)
    .slice(1)
    .map(d => parse(d) as { kind: string; metadata: { annotations?: Record<string, string> } })
  return docs.find(d => d.kind === 'Component')!.metadata.annotations ?? {}
}

let tmp: ReturnType<typeof tempFolder>
let bare: string
beforeEach(() => {
  tmp = tempFolder('record-merge')
  bare = createBareRepo(join(tmp.path, 'catalog.git'), {
    files: { [FILE]: registered, 'services/payments/catalog-info.yaml': '# payments\n' }
  })
})
afterAll(() => tmp?.remove())

const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise(done => server.close(done))
  }
})

function target(extra: object = {}) {
  return {
    remote: resolveRemote(bare, 'https://github.com', tmp.path),
    logger: new RecordingLogger(),
    tempRoot: tmp.path,
    ...extra
  }
}

describe('recordMergedDeployment', () => {
  it("records the merged environment's deployment on the Component and keeps the other environments", async () => {
    const outcome = await recordMergedDeployment(target(), { record, mergeCommit: MERGE })
    expect(outcome).toMatchObject({ recorded: true, changed: true })
    const file = readTree(bare, 'main', 'services/checkout')['catalog-info.yaml']!
    const a = annotations(file)
    expect(a).toMatchObject({
      'idp.dev/env.prod.version': 'c'.repeat(40),
      'idp.dev/env.prod.commit': MERGE,
      'idp.dev/env.prod.digest': record.digest,
      'idp.dev/env.prod.time': '2026-11-25T09:30:00Z',
      'idp.dev/env.prod.source-commit': 'c'.repeat(40),
      'idp.dev/env.prod.run': 'https://github.com/acme/checkout/actions/runs/7',
      'idp.dev/env.prod.images': `checkout=${record.images.checkout}, checkout-worker=${record.images['checkout-worker']}`,
      // dev as the service recorded it; everything else of the entity untouched.
      'idp.dev/env.dev.version': '1.5.0',
      'idp.dev/env.dev.commit': '2222222',
      'argocd/app-name': 'checkout-prod'
    })
    expect(file.split('\n')[0]).toBe(registered.split('\n')[0])
    expect(file.replace(/^ {4}idp\.dev\/env\..*\n/gm, '')).toBe(
      registered.replace(/^ {4}idp\.dev\/env\..*\n/gm, '')
    )
    expect(readTree(bare, 'main', 'services/payments')).toEqual({
      'catalog-info.yaml': '# payments\n'
    })
    const message = git(bare, 'log', '-1', '--format=%B', 'main')
    expect(message).toContain('Idp-Service: checkout')
    expect(message).toContain('Idp-Environment: prod')
    expect(message).toContain(`Idp-Gitops-Commit: ${MERGE}`)

    // The same merge recorded again: no commit.
    const tip = tipOf(bare, 'main')
    const again = await recordMergedDeployment(target(), { record, mergeCommit: MERGE })
    expect(again).toMatchObject({ recorded: true, changed: false })
    expect(tipOf(bare, 'main')).toBe(tip)
  })

  it('records nothing for a service the catalog repository does not hold yet, and says so', async () => {
    const tip = tipOf(bare, 'main')
    const outcome = await recordMergedDeployment(target(), {
      record: { ...record, service: 'orders' },
      mergeCommit: MERGE
    })
    expect(outcome.recorded).toBe(false)
    expect(outcome.reason).toMatch(/services\/orders\/catalog-info\.yaml.*not registered/)
    expect(tipOf(bare, 'main')).toBe(tip)
  })

  it('records nothing when the file holds no Component of that name', async () => {
    commitFiles(
      bare,
      'main',
      { [FILE]: registered.replace('name: checkout\n', 'name: other\n') },
      'renamed'
    )
    const tip = tipOf(bare, 'main')
    const outcome = await recordMergedDeployment(target(), { record, mergeCommit: MERGE })
    expect(outcome.recorded).toBe(false)
    expect(outcome.reason).toMatch(/no Component checkout/)
    expect(tipOf(bare, 'main')).toBe(tip)
  })

  it('asks Backstage to re-read the Component and waits until it shows the merge commit', async () => {
    const seen: string[] = []
    let refreshed = false
    const server = createServer((req, res) => {
      let body = ''
      req.on('data', c => (body += c))
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`)
        res.setHeader('content-type', 'application/json')
        if (req.method === 'POST' && req.url?.endsWith('/refresh')) {
          expect(JSON.parse(body)).toEqual({ entityRef: 'component:default/checkout' })
          refreshed = true
          res.end('{}')
          return
        }
        const a = refreshed
          ? annotations(readTree(bare, 'main', 'services/checkout')['catalog-info.yaml']!)
          : {}
        res.end(
          JSON.stringify({
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'checkout', annotations: a },
            spec: {}
          })
        )
      })
    })
    servers.push(server)
    await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const outcome = await recordMergedDeployment(
      target({
        backstage: { url, token: 'backstage-secret-token', timeoutMs: 10_000, pollMs: 10 }
      }),
      { record, mergeCommit: MERGE }
    )
    expect(outcome).toMatchObject({ recorded: true, shown: true })
    expect(
      seen.some(s => s.startsWith('POST /api/catalog/refresh Bearer backstage-secret-token'))
    ).toBe(true)
    expect(
      seen.some(s => s.startsWith('GET /api/catalog/entities/by-name/component/default/checkout'))
    ).toBe(true)
  })
})
