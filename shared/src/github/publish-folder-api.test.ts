// The clone-free writer against the fake GitHub (fake-github.ts + fake-git-database.ts): the same
// compare-and-swap as the git path (a lost race re-reads and re-applies), prune, no-op, pull-request
// branch, and the faults GitHub really answers with (409/422, 5xx, 403/429 with retry-after).
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FakeGitHub } from '../gitops/testing/fake-github.js'
import { startFakeGitHub } from '../gitops/testing/fake-github.js'
import { UserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import { createGitHubClient } from './client.js'
import type { ApiPublishOptions } from './publish-folder-api.js'
import { publishFolderViaApi } from './publish-folder-api.js'

const token = 'ghs_gitDataToken0123456789abcdef'
const repository = { owner: 'acme', repo: 'gitops' }
let fake: FakeGitHub
let work: string

beforeEach(async () => {
  fake = await startFakeGitHub(token)
  work = mkdtempSync(join(tmpdir(), 'idp-api-writer-'))
})
afterEach(async () => {
  await fake.close()
  rmSync(work, { recursive: true, force: true })
})

function folder(name: string, files: Record<string, string>): string {
  const dir = join(work, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  mkdirSync(dir, { recursive: true })
  return dir
}

function options(sourceFolder: string, extra: Partial<ApiPublishOptions> = {}): ApiPublishOptions {
  const logger = extra.logger ?? new RecordingLogger()
  return {
    client: createGitHubClient({
      token,
      baseUrl: fake.url,
      logger,
      retryUnitMs: 2,
      writeSpacingMs: 0
    }),
    repository,
    remote: { url: `${fake.url}/acme/gitops.git`, display: 'acme/gitops', github: repository },
    branch: 'main',
    targetPath: 'envs/prod/checkout',
    sourceFolder,
    message: 'promote checkout\n\nIdp-Service: checkout\n',
    author: { name: 'Promoter', email: 'promoter@example.com' },
    backoff: { initialMs: 1, multiplier: 1, maxMs: 5, jitter: 0 },
    tempRoot: work,
    logger,
    ...extra
  }
}

const statuses = () => fake.calls.map(c => `${c.method} ${c.path.replace(/\?.*/, '')} ${c.status}`)

describe('publishFolderViaApi', () => {
  it('commits the folder on base_tree, prunes files no longer rendered, and is a no-op the second time', async () => {
    fake.git.seed('main', {
      'README.md': 'gitops\n',
      'envs/prod/checkout/old.yaml': 'old\n',
      'envs/prod/checkout/keep.yaml': 'keep\n',
      'envs/prod/payments/app.yaml': 'payments\n'
    })
    const source = folder('src', { 'keep.yaml': 'keep\n', 'nested/app.yaml': 'new\n' })
    const first = await publishFolderViaApi(options(source))
    expect(first).toMatchObject({ changed: true, pushed: true, attempts: 1, pushedBranch: 'main' })
    expect(fake.git.files('main')).toEqual({
      'README.md': 'gitops\n',
      'envs/prod/checkout/keep.yaml': 'keep\n',
      'envs/prod/checkout/nested/app.yaml': 'new\n',
      'envs/prod/payments/app.yaml': 'payments\n'
    })
    const commit = fake.git.commits.get(first.commitSha)!
    expect(commit.message).toContain('Idp-Service: checkout')
    expect(commit.author).toMatchObject({ name: 'Promoter', email: 'promoter@example.com' })
    // The committer is left to GitHub (that is what makes App commits Verified).
    const created = fake.calls.find(c => c.method === 'POST' && c.path.endsWith('/git/commits'))!
    expect(created.body).not.toHaveProperty('committer')
    const tree = fake.calls.find(c => c.method === 'POST' && c.path.endsWith('/git/trees'))!
    expect(tree.body).toMatchObject({
      base_tree: expect.any(String),
      tree: expect.arrayContaining([
        { path: 'envs/prod/checkout/old.yaml', mode: '100644', type: 'blob', sha: null }
      ])
    })
    // keep.yaml was already there: only the new blob is uploaded.
    expect(
      fake.calls.filter(c => c.path.endsWith('/git/blobs') && c.method === 'POST')
    ).toHaveLength(1)

    const again = await publishFolderViaApi(options(source))
    expect(again).toMatchObject({ changed: false, pushed: false, commitSha: first.commitSha })
  })

  it('without a configured author, leaves author and committer to GitHub (its signed, Verified commits)', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    await publishFolderViaApi(options(folder('src', { 'a.yaml': 'a\n' }), { author: undefined }))
    const created = fake.calls.find(c => c.method === 'POST' && c.path.endsWith('/git/commits'))!
    expect(created.body).not.toHaveProperty('author')
    expect(created.body).not.toHaveProperty('committer')
  })

  it('creates a branch that does not exist yet', async () => {
    const result = await publishFolderViaApi(
      options(folder('src', { 'a.yaml': 'a\n' }), { branch: 'gitops' })
    )
    expect(result).toMatchObject({ changed: true, baseSha: '' })
    expect(fake.git.files('gitops')).toEqual({ 'envs/prod/checkout/a.yaml': 'a\n' })
  })

  it('a lost race (422 "Update is not a fast forward") re-reads the tip and re-applies on it', async () => {
    fake.git.seed('main', { 'envs/prod/payments/app.yaml': 'v1\n' })
    let raced = false
    fake.git.beforeRefUpdate = () => {
      if (raced) return
      raced = true
      fake.git.seed('main', { 'envs/prod/payments/app.yaml': 'v2\n' }, 'payments v2')
    }
    const result = await publishFolderViaApi(options(folder('src', { 'a.yaml': 'a\n' })))
    expect(result).toMatchObject({ changed: true, attempts: 2 })
    expect(fake.git.files('main')).toEqual({
      'envs/prod/payments/app.yaml': 'v2\n',
      'envs/prod/checkout/a.yaml': 'a\n'
    })
    expect(statuses()).toContain('PATCH /repos/acme/gitops/git/refs/heads%2Fmain 422')
  })

  it('a 409 while another writer moved the branch is a lost race too', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    fake.failNext('PATCH', /\/git\/refs\//, 409, 1, () =>
      fake.git.seed('main', { 'x.yaml': 'x2\n' }, 'other')
    )
    const result = await publishFolderViaApi(options(folder('src', { 'a.yaml': 'a\n' })))
    expect(result.attempts).toBe(2)
    expect(fake.git.files('main')['x.yaml']).toBe('x2\n')
  })

  it('a refused update that leaves the branch where it was is one clear error, not a retry loop', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    fake.failNext('PATCH', /\/git\/refs\//, 422, 1)
    const error = await publishFolderViaApi(options(folder('src', { 'a.yaml': 'a\n' }))).catch(
      e => e
    )
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(
      /refused to move main of acme\/gitops, and the branch did not move: Server Error/
    )
    expect((error as UserError).problems[0].hint).toMatch(/branch protection/)
    expect(fake.git.files('main')).toEqual({ 'x.yaml': 'x\n' })
  })

  it('5xx, 429 and 403 secondary limits with retry-after are waited out and retried', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    fake.failNext('POST', /\/git\/trees$/, 502, 2)
    fake.failNext('POST', /\/git\/blobs$/, 429, 1)
    fake.failNext('GET', /\/git\/ref\//, 403, 1)
    const logger = new RecordingLogger()
    const result = await publishFolderViaApi(
      options(folder('src', { 'a.yaml': 'a\n' }), { logger })
    )
    expect(result).toMatchObject({ changed: true, attempts: 1 })
    expect(statuses()).toEqual(
      expect.arrayContaining([
        'GET /repos/acme/gitops/git/ref/heads%2Fmain 403',
        'POST /repos/acme/gitops/git/blobs 429',
        'POST /repos/acme/gitops/git/trees 502'
      ])
    )
    expect(logger.lines.map(l => l.message).join('\n')).toMatch(/secondary rate limit/)
  })

  it('an update GitHub carried out but whose answer was lost counts as done', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    fake.failAfterNext('PATCH', /\/git\/refs\//, 502, 10)
    const result = await publishFolderViaApi(options(folder('src', { 'a.yaml': 'a\n' })))
    expect(result).toMatchObject({ changed: true, pushed: true, attempts: 1 })
    expect(fake.git.refs.get('heads/main')).toBe(result.commitSha)
  })

  it('a GitHub that keeps failing is one user error with status and reason', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    fake.failNext('POST', /\/git\/commits$/, 503, 10)
    const error = await publishFolderViaApi(options(folder('src', { 'a.yaml': 'a\n' }))).catch(
      e => e
    )
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(
      /through the GitHub API failed: GitHub POST \S*git\/commits failed \(HTTP 503: Server Error\)/
    )
    expect((error as UserError).message).not.toMatch(/\n/)
    expect(fake.git.files('main')).toEqual({ 'x.yaml': 'x\n' })
  })

  it('inspect sees the held folder and the tip; its refusal writes nothing; a dry run writes nothing', async () => {
    fake.git.seed('main', {
      'envs/prod/checkout/.idp/render.json': '{"n":1}',
      'envs/dev/checkout/.idp/render.json': '{"n":0}'
    })
    const seen: string[] = []
    const refusing = options(folder('src', { 'a.yaml': 'a\n' }), {
      inspect: async view => {
        const { readFileSync } = await import('node:fs')
        seen.push(readFileSync(join(view.worktree, view.targetPath, '.idp/render.json'), 'utf8'))
        seen.push(String(await view.readFile('envs/dev/checkout/.idp/render.json')))
        throw new UserError({ message: 'older render' })
      }
    })
    await expect(publishFolderViaApi(refusing)).rejects.toThrow('older render')
    expect(seen).toEqual(['{"n":1}', '{"n":0}'])
    const dry = await publishFolderViaApi(
      options(folder('src2', { 'a.yaml': 'a\n' }), { dryRun: true })
    )
    expect(dry).toMatchObject({ changed: true, pushed: false, commitSha: '' })
    expect(fake.calls.some(c => c.method !== 'GET')).toBe(false)
  })

  it('pull-request style: builds on the base branch, replaces the proposal branch, skips an identical one', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    const source = folder('src', { 'a.yaml': 'a\n' })
    const first = await publishFolderViaApi(options(source, { pushBranch: 'idp/prod/checkout' }))
    expect(first).toMatchObject({ changed: true, pushed: true, pushedBranch: 'idp/prod/checkout' })
    expect(fake.git.files('main')).toEqual({ 'x.yaml': 'x\n' })
    expect(fake.git.files('idp/prod/checkout')).toEqual({
      'x.yaml': 'x\n',
      'envs/prod/checkout/a.yaml': 'a\n'
    })
    const second = await publishFolderViaApi(options(source, { pushBranch: 'idp/prod/checkout' }))
    expect(second).toMatchObject({ changed: true, pushed: false, commitSha: first.commitSha })
  })

  it('pull-request style: a proposal branch moved by another promotion is never overwritten blindly (lease, re-read, re-apply)', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    const proposal = 'idp/prod/checkout'
    fake.git.seed(proposal, { 'x.yaml': 'x\n', 'envs/prod/checkout/version': '1\n' }, 'render 1')
    // A stale re-run (render 2) races a newer promotion (render 3) that moves the proposal branch
    // between the stale run's read and its ref update.
    let raced = false
    fake.git.beforeRefUpdate = ref => {
      if (raced || ref !== `heads/${proposal}`) return
      raced = true
      fake.git.seed(proposal, { 'x.yaml': 'x\n', 'envs/prod/checkout/version': '3\n' }, 'render 3')
    }
    const held: (string | undefined)[] = []
    const stale = options(folder('src', { version: '2\n' }), {
      pushBranch: proposal,
      // The stale-render guard: refuse when the proposal branch holds a newer render.
      inspect: async view => {
        const there = await view.readPushBranchFile('envs/prod/checkout/version')
        held.push(there)
        if (Number(there ?? 0) > 2) throw new UserError({ message: 'a newer render is proposed' })
      }
    })
    await expect(publishFolderViaApi(stale)).rejects.toThrow('a newer render is proposed')
    expect(held).toEqual(['1\n', '3\n'])
    expect(fake.git.files(proposal)['envs/prod/checkout/version']).toBe('3\n')
    expect(fake.git.files('main')).toEqual({ 'x.yaml': 'x\n' })
  })

  it('pull-request style: the lease is the proposal tip the guard read, not one read after it', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    const proposal = 'idp/prod/checkout'
    fake.git.seed(proposal, { 'x.yaml': 'x\n', 'envs/prod/checkout/version': '1\n' }, 'render 1')
    const held: (string | undefined)[] = []
    let raced = false
    const stale = options(folder('src', { version: '2\n' }), {
      pushBranch: proposal,
      inspect: async view => {
        const there = await view.readPushBranchFile('envs/prod/checkout/version')
        held.push(there)
        if (Number(there ?? 0) > 2) throw new UserError({ message: 'a newer render is proposed' })
        // A newer promotion lands on the proposal branch right after the guard looked.
        if (!raced) {
          raced = true
          fake.git.seed(proposal, { 'x.yaml': 'x\n', 'envs/prod/checkout/version': '3\n' }, 'r3')
        }
      }
    })
    await expect(publishFolderViaApi(stale)).rejects.toThrow('a newer render is proposed')
    expect(held).toEqual(['1\n', '3\n'])
    expect(fake.git.files(proposal)['envs/prod/checkout/version']).toBe('3\n')
  })

  it('pull-request style: a lost lease re-applies on the base branch and replaces the tip it re-read', async () => {
    fake.git.seed('main', { 'x.yaml': 'x\n' })
    const proposal = 'idp/prod/checkout'
    fake.git.seed(proposal, { 'x.yaml': 'x\n', 'envs/prod/checkout/a.yaml': 'old\n' }, 'old')
    let moved = ''
    fake.git.beforeRefUpdate = ref => {
      if (moved || ref !== `heads/${proposal}`) return
      moved = fake.git.seed(proposal, { 'x.yaml': 'x\n', 'other.yaml': 'o\n' }, 'other')
    }
    const result = await publishFolderViaApi(
      options(folder('src', { 'a.yaml': 'a\n' }), { pushBranch: proposal })
    )
    expect(result).toMatchObject({ pushed: true, attempts: 2 })
    expect(fake.git.files(proposal)).toEqual({
      'x.yaml': 'x\n',
      'envs/prod/checkout/a.yaml': 'a\n'
    })
    // The second write named the tip it replaced; none forced past a tip it had not seen.
    const leases = fake.git.refUpdates.filter(u => u.ref === `heads/${proposal}`)
    expect(leases.map(u => u.outcome)).toEqual(['moved', 'updated'])
    expect(leases[1].before).toBe(moved)
    expect(leases.every(u => u.before !== undefined)).toBe(true)
  })
})
