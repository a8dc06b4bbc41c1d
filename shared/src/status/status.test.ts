// `idp status` against real bare GitOps repositories over file://, records written as promote does.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { commitFiles, createBareRepo, tempFolder } from '../gitops/testing/git-fixtures.js'
import { writeRenderedFolder } from '../gitops/testing/render-fixture.js'
import { captureCli } from '../render/testing.js'
import type { StatusReport } from './status.js'

const DAY = 24 * 60 * 60 * 1000
const daysAgo = (n: number) => new Date(Date.now() - n * DAY).toISOString().replace(/\.\d+Z$/, 'Z')

let tmp: ReturnType<typeof tempFolder>
let bare: string
let platformFile: string

/** The files of one rendered folder (record included), placed at `envs/<env>/<service>/`. */
function folderFiles(
  service: string,
  environment: string,
  options: { commit: string; commitTime: string; image: string; runNumber: number }
): Record<string, string> {
  const scratch = join(tmp.path, 'scratch', `${service}-${environment}`)
  mkdirSync(scratch, { recursive: true })
  writeRenderedFolder(scratch, {
    service,
    environment,
    commit: options.commit,
    commitTime: options.commitTime,
    runNumber: options.runNumber,
    images: { [service]: options.image }
  })
  const files: Record<string, string> = {}
  for (const entry of readdirSync(scratch, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath ?? entry.path, entry.name)
    files[`envs/${environment}/${service}/${full.slice(scratch.length + 1)}`] = readFileSync(
      full,
      'utf8'
    )
  }
  return files
}

beforeAll(() => {
  tmp = tempFolder('status')
  bare = createBareRepo(join(tmp.path, 'gitops.git'))
  const newer = { commit: 'b'.repeat(40), commitTime: daysAgo(2), runNumber: 42 }
  const older = { commit: 'a'.repeat(40), commitTime: daysAgo(12), runNumber: 40 }
  const digest = (c: string) => `ghcr.io/acme/checkout@sha256:${c.repeat(64)}`
  commitFiles(
    bare,
    'main',
    {
      ...folderFiles('checkout', 'dev', { ...newer, image: digest('b') }),
      ...folderFiles('checkout', 'staging', { ...newer, image: digest('b') }),
      ...folderFiles('checkout', 'prod', { ...older, image: digest('a') }),
      ...folderFiles('legacy', 'dev', {
        commit: 'c'.repeat(40),
        commitTime: daysAgo(90),
        runNumber: 7,
        image: 'ghcr.io/acme/legacy:0.9'
      }),
      // Not a service name: never read.
      'envs/dev/Not_A_Service/.idp/render.json': '{}',
      // A folder whose record is damaged: reported for that folder alone.
      'envs/staging/broken/.idp/render.json': '{ "service": 1 }'
    },
    'promote'
  )
  platformFile = join(tmp.path, 'platform.yaml')
  writeFileSync(
    platformFile,
    [
      'apiVersion: idp.dev/v1alpha1',
      'kind: Platform',
      'metadata: { name: test }',
      'spec:',
      `  gitops: { repository: ${JSON.stringify(bare)}, branch: main }`,
      '  environments:',
      "    - { name: dev, namespace: '{service}-dev', secretStores: {} }",
      "    - { name: staging, namespace: '{service}-staging', secretStores: {} }",
      "    - { name: prod, namespace: '{service}-prod', secretStores: {}, requires: [staging] }",
      ''
    ].join('\n')
  )
})
afterAll(() => tmp.remove())

describe('idp status', () => {
  it('shows per environment what runs, how far later ones are behind, and idle services', async () => {
    const { code, stdout, stderr } = await captureCli(['status', '--platform-config', platformFile])
    expect(stderr).toContain('1 render record could not be read')
    expect(code).toBe(1) // the broken record
    expect(stdout).toMatch(/^checkout$/m)
    expect(stdout).toMatch(/^ {2}dev +checkout@sha256:bbbbbbbbbbbb +bbbbbbb .*#42/m)
    expect(stdout).toMatch(/^ {2}staging .* same as dev$/m)
    expect(stdout).toMatch(
      /^ {2}prod +checkout@sha256:aaaaaaaaaaaa +aaaaaaa .*#40 +behind dev by 10d$/m
    )
    expect(stdout).toMatch(/^ {2}(staging|prod) .*not deployed$/m)
    const stale = stdout.match(/^Not promoted for 30 days or more: (.*)$/m)?.[1]
    expect(stale).toBe('broken (no commit time), legacy (90 days)')
    expect(stdout).not.toContain('Not_A_Service')
    expect(stdout).toMatch(/^broken$/m)
    expect(stdout).toMatch(/^ {2}staging: .*render\.json/m)
  })

  it('reads one service with --service, as JSON with --json, from --repository', async () => {
    const { code, stdout } = await captureCli([
      'status',
      '--platform-config',
      platformFile,
      '--repository',
      `file://${bare}`,
      '--service',
      'checkout',
      '--stale-days',
      '1',
      '--json'
    ])
    expect(code).toBe(0)
    const report = JSON.parse(stdout) as StatusReport
    expect(report.environments).toEqual(['dev', 'staging', 'prod'])
    expect(report.services.map(s => s.service)).toEqual(['checkout'])
    const [checkout] = report.services
    expect(checkout.environments.map(e => e.comparison)).toEqual(['first', 'same', 'behind'])
    expect(checkout.environments[2]).toMatchObject({
      commit: 'a'.repeat(40),
      runNumber: 40,
      daysBehind: 10
    })
    expect(checkout.idleDays).toBe(2)
    expect(checkout.stale).toBe(true)
  })

  it('refuses a --service that is no service name before reading anything', async () => {
    const { code, stderr } = await captureCli([
      'status',
      '--platform-config',
      platformFile,
      '--service',
      '../x'
    ])
    expect(code).toBe(1)
    expect(stderr).toContain("--service '../x' is not a service name")
  })
})
