// A damaged `.idp/render.json` in the folder given to validate, catalog or promote (or in the GitOps
// repository promote reads) is one user error naming the file, never a TypeError, and nothing is written.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  commitFiles,
  createBareRepo,
  fileUrl,
  git,
  tempFolder
} from '../gitops/testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from '../gitops/testing/promote-fixture.js'
import { writeRenderedFolder } from '../gitops/testing/render-fixture.js'
import { isUserError } from '../runtime/errors.js'
import { captureCli } from './testing.js'

type Mutable = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const DAMAGE: [string, (r: Mutable) => unknown][] = [
  ['null', () => null],
  ['a list', () => [1, 2]],
  ['a source map of null', r => ({ ...r, sourceMap: null })],
  ['a null source map entry', r => ({ ...r, sourceMap: [null] })],
  ['a number source map entry', r => ({ ...r, sourceMap: [1] })],
  ['a number pointer', r => ({ ...r, sourceMap: [{ ...r.sourceMap[0], pointer: 5 }] })],
  [
    'a pointer that is no JSON pointer',
    r => ({ ...r, sourceMap: [{ ...r.sourceMap[0], pointer: 'metadata' }] })
  ],
  [
    'a huge line number',
    r => ({
      ...r,
      sourceMap: [{ ...r.sourceMap[0], source: { file: 'idp.yaml', line: 1e300, column: 1 } }]
    })
  ],
  ['a text position', r => ({ ...r, sourceMap: [{ ...r.sourceMap[0], source: 'idp.yaml' }] })],
  ['a number environment', r => ({ ...r, environment: 5 })],
  ['a number digest', r => ({ ...r, digest: 5 })],
  ['a number service', r => ({ ...r, service: 5 })],
  ['a null images map', r => ({ ...r, images: null })],
  ['a text source', r => ({ ...r, source: 'x' })]
]

let tmp: ReturnType<typeof tempFolder>
let bare: string
let platform: string
const cwd = process.cwd()

beforeAll(() => {
  tmp = tempFolder('read-record-commands')
  bare = createBareRepo(join(tmp.path, 'gitops.git'))
  platform = join(tmp.path, 'platform.yaml')
  writePlatformConfig(platform, fileUrl(bare))
  writeFileSync(
    join(tmp.path, 'idp.yaml'),
    [
      'apiVersion: idp.dev/v1alpha1',
      'kind: Service',
      'metadata: { name: checkout, owner: team-payments }',
      'spec:',
      '  components:',
      '    - { name: checkout, type: webservice, image: ghcr.io/acme/checkout, ports: [8080] }',
      ''
    ].join('\n')
  )
  process.chdir(tmp.path)
})
afterAll(() => {
  process.chdir(cwd)
  tmp.remove()
})

/** A rendered dev folder of `checkout` whose record is replaced by `damage(record)`. */
function damagedFolder(name: string, damage: (r: Mutable) => unknown): string {
  const folder = join(tmp.path, 'rendered', name, 'dev')
  writeRenderedFolder(folder, { service: 'checkout', environment: 'dev' })
  const file = join(folder, '.idp/render.json')
  const record = JSON.parse(readFileSync(file, 'utf8')) as Mutable
  record.sourceMap = [
    {
      file: 'application.yaml',
      pointer: '/metadata/name',
      source: { file: 'idp.yaml', line: 5, column: 9 }
    }
  ]
  writeFileSync(file, JSON.stringify(damage(record), null, 2))
  return folder
}

function expectOneUserMessage(stderr: string, folder: string) {
  expect(stderr).toContain(`${folder.slice(tmp.path.length + 1)}/.idp/render.json:`)
  expect(stderr).toContain('Render the environment again')
  expect(stderr).not.toContain('Internal error')
  expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
}

describe('a damaged render record', () => {
  it.each(DAMAGE.map(([name, damage], i) => [name, damage, i] as const))(
    'validate: %s',
    async (_name, damage, i) => {
      const folder = damagedFolder(`validate-${i}`, damage)
      const { code, stderr } = await captureCli([
        'validate',
        '--manifests',
        folder.slice(tmp.path.length + 1),
        '--platform-config',
        platform
      ])
      expect(code).not.toBe(0)
      expectOneUserMessage(stderr, folder)
    }
  )

  it.each(DAMAGE.map(([name, damage], i) => [name, damage, i] as const))(
    'catalog: %s',
    async (_name, damage, i) => {
      const folder = damagedFolder(`catalog-${i}`, damage)
      const output = join(tmp.path, `catalog-${i}.yaml`)
      const { code, stderr } = await captureCli([
        'catalog',
        '--platform-config',
        platform,
        '--output',
        output,
        '--environment',
        'dev',
        '--version',
        '1.0.0',
        '--manifests',
        folder.slice(tmp.path.length + 1)
      ])
      expect(code).not.toBe(0)
      expectOneUserMessage(stderr, folder)
      expect(existsSync(output)).toBe(false)
    }
  )

  it.each(DAMAGE.map(([name, damage], i) => [name, damage, i] as const))(
    'promote: %s',
    async (_name, damage, i) => {
      const folder = damagedFolder(`promote-${i}`, damage)
      const refs = git(bare, 'for-each-ref')
      const run = await runPromote(
        { manifests: folder, 'platform-config': platform },
        { workspace: tmp.path }
      )
      expect(isUserError(run.error)).toBe(true)
      expect(run.error?.message).toContain('.idp/render.json')
      expect(run.error?.message).toContain('Render the environment again')
      expect(git(bare, 'for-each-ref')).toBe(refs)
    }
  )

  it('catalog: an intact record is read (the control case)', async () => {
    const folder = damagedFolder('catalog-intact', r => r)
    const { code, stderr } = await captureCli([
      'catalog',
      '--platform-config',
      platform,
      '--output',
      join(tmp.path, 'catalog-intact.yaml'),
      '--environment',
      'dev',
      '--version',
      '1.0.0',
      '--manifests',
      folder.slice(tmp.path.length + 1)
    ])
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
  })

  it('promote: the deployed record in the GitOps repository', async () => {
    commitFiles(
      bare,
      'main',
      {
        'envs/dev/checkout/.idp/render.json': JSON.stringify({
          ...JSON.parse('{}'),
          service: 'checkout',
          environment: 'dev',
          digest: 5,
          images: null,
          source: 'x'
        })
      },
      'a damaged record'
    )
    const folder = damagedFolder('promote-deployed', r => r)
    const refs = git(bare, 'for-each-ref')
    const run = await runPromote(
      { manifests: folder, 'platform-config': platform },
      { workspace: tmp.path }
    )
    expect(isUserError(run.error)).toBe(true)
    expect(run.error?.message).toContain('envs/dev/checkout/.idp/render.json')
    expect(run.error?.message).not.toContain('Internal error')
    expect(git(bare, 'for-each-ref')).toBe(refs)
  })
})
