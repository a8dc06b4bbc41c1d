// The catalog step's summary carries the service's status table (what runs per environment, how far
// later environments are behind, stale), read from the GitOps repository's render records as
// `idp status` reads them. A repository that cannot be read, or answers too slowly, never fails the
// step: the summary says why the table is absent.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import { commitFiles, createBareRepo, fileUrl, tempFolder } from '../gitops/testing/git-fixtures.js'
import { writeRenderedFolder } from '../gitops/testing/render-fixture.js'
import type { CommandContext } from '../runtime/command.js'
import { withDefaults } from '../runtime/command.js'
import { RecordingLogger } from '../runtime/logger.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
mkdirSync(join(root, '.tmp'), { recursive: true })
const work = mkdtempSync(join(root, '.tmp', 'catalog-status-'))
const temp = tempFolder('catalog-status')
let bare: string
let silent: Server

function folderFiles(environment: string, commit: string, commitTime: string, runNumber: number) {
  const scratch = join(temp.path, 'scratch', environment)
  mkdirSync(scratch, { recursive: true })
  writeRenderedFolder(scratch, {
    service: 'checkout',
    environment,
    commit,
    commitTime,
    runNumber,
    images: { checkout: `ghcr.io/acme/checkout@sha256:${commit[0].repeat(64)}` }
  })
  const files: Record<string, string> = {}
  for (const entry of readdirSync(scratch, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const full = join(entry.parentPath ?? entry.path, entry.name)
    files[`envs/${environment}/checkout/${full.slice(scratch.length + 1)}`] = readFileSync(
      full,
      'utf8'
    )
  }
  return files
}

beforeAll(async () => {
  bare = createBareRepo(join(temp.path, 'gitops.git'))
  const day = 24 * 60 * 60 * 1000
  const ago = (n: number) => new Date(Date.now() - n * day).toISOString().replace(/\.\d+Z$/, 'Z')
  commitFiles(
    bare,
    'main',
    {
      ...folderFiles('dev', 'b'.repeat(40), ago(2), 42),
      ...folderFiles('prod', 'a'.repeat(40), ago(12), 40)
    },
    'records'
  )
  // A GitOps host that accepts the connection and never answers.
  silent = createServer(() => undefined)
  await new Promise<void>(resolve => silent.listen(0, '127.0.0.1', resolve))
})
afterAll(async () => {
  silent.closeAllConnections()
  await new Promise(resolve => silent.close(resolve))
  temp.remove()
  rmSync(work, { recursive: true, force: true })
})

async function runCatalog(inputs: Record<string, string>, env: Record<string, string> = {}) {
  const parts: string[] = []
  const context: CommandContext = {
    logger: new RecordingLogger(),
    summary: { append: markdown => void parts.push(markdown) },
    env,
    workspace: root
  }
  const read = withDefaults(
    catalogCommand as never,
    name =>
      ({
        descriptor: 'examples/checkout/idp.yaml',
        'platform-config': 'examples/platform/platform.yaml',
        'source-repository': 'acme/checkout',
        output: join(work, `catalog-${parts.length}-${Math.random()}.yaml`).slice(root.length + 1),
        ...inputs
      })[name]
  )
  const result = await catalogCommand.run(catalogCommand.settings(read, context), context)
  return { result, summary: parts.join('\n\n') }
}

describe('the status table in the catalog step', () => {
  it("shows per environment what runs, behind-ness and the first environment's release", async () => {
    const { result, summary } = await runCatalog({
      status: 'true',
      'gitops-repository': fileUrl(bare)
    })
    expect(result.exitCode ?? 0).toBe(0)
    expect(summary).toContain('| environment | images | commit | when | run | vs dev |')
    expect(summary).toMatch(
      /\| dev \| `checkout@sha256:bbbbbbbbbbbb` \| `bbbbbbb` \|.*\| \[#42\]\(.*\) \| — \|/
    )
    expect(summary).toMatch(/\| prod \| .*`aaaaaaa`.*\| \[#40\]\(.*\) \| behind dev by 10d \|/)
    // staging has no folder: not deployed.
    expect(summary).toMatch(/\| staging \| — \| — \| — \| — \| not deployed \|/)
  })

  it('is on by default in GitHub Actions and off in the CLI', async () => {
    const cli = await runCatalog({ 'gitops-repository': fileUrl(bare) })
    expect(cli.summary).not.toContain('| environment |')
    const action = await runCatalog(
      { 'gitops-repository': fileUrl(bare) },
      { GITHUB_ACTIONS: 'true' }
    )
    expect(action.summary).toContain('| environment | images |')
  })

  it('is off by default in GitHub Actions when the step names no GitOps repository and holds no token for one', async () => {
    // The platform config names a GitHub repository: reading it would reach the network unasked.
    const action = await runCatalog({}, { GITHUB_ACTIONS: 'true' })
    expect(action.result.exitCode ?? 0).toBe(0)
    expect(action.summary).not.toContain('| environment |')
    expect(action.summary).not.toContain('No status table')
  })

  it('says why the table is absent when the GitOps repository cannot be read, and still succeeds', async () => {
    const { result, summary } = await runCatalog({
      status: 'true',
      'gitops-repository': fileUrl(join(temp.path, 'missing.git'))
    })
    expect(result.exitCode ?? 0).toBe(0)
    expect(summary).not.toContain('| environment |')
    expect(summary).toMatch(/No status table: .*could not be read/)
  })

  it('gives up after status-timeout seconds on a host that never answers, and still succeeds', async () => {
    const { port } = silent.address() as AddressInfo
    const { result, summary } = await runCatalog({
      status: 'true',
      'status-timeout': '2',
      'gitops-repository': `http://127.0.0.1:${port}/acme/gitops.git`
    })
    expect(result.exitCode ?? 0).toBe(0)
    expect(summary).toMatch(/No status table: reading .* took longer than 2 s/)
    // Bounded by the input: without the bound git would wait on this host far past the test's timeout.
  }, 30_000)

  it('refuses a status-timeout outside 1..300 seconds', async () => {
    await expect(runCatalog({ status: 'true', 'status-timeout': '0' })).rejects.toThrow(
      /status-timeout/
    )
  })
})
