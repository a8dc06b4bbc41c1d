import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { UserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import { listFiles } from './folder.js'
import { publishFolder } from './publish-folder.js'
import { resolveRemote } from './remote.js'
import {
  commitFiles,
  createBareRepo,
  fileUrl,
  git,
  readTree,
  tempFolder,
  tipOf
} from './testing/git-fixtures.js'
import { startHttpGitServer } from './testing/http-git-server.js'

const message = 'publish test\n\nIdp-Service: checkout\n'

describe('publishFolder over file://', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let source: string

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'publish')
    bare = createBareRepo(join(tmp.path, 'gitops.git'), {
      files: {
        'README.md': '# gitops\n',
        'envs/prod/checkout/old.yaml': 'kind: ConfigMap\n',
        'envs/prod/checkout/keep.yaml': 'kind: Service\n',
        'envs/prod/payments/app.yaml': 'kind: Deployment\n'
      }
    })
    source = join(tmp.path, 'rendered')
    mkdirSync(join(source, '.idp'), { recursive: true })
    writeFileSync(join(source, 'keep.yaml'), 'kind: Service\nspec: {}\n')
    writeFileSync(join(source, 'new.yaml'), 'kind: Secret\n')
    writeFileSync(join(source, '.idp/render.json'), '{}\n')
  })
  afterEach(() => tmp.remove())

  const publish = (extra: Partial<Parameters<typeof publishFolder>[0]> = {}) =>
    publishFolder({
      remote: resolveRemote(fileUrl(bare), 'https://github.com', tmp.path),
      targetPath: 'envs/prod/checkout',
      sourceFolder: source,
      message,
      logger: new RecordingLogger(),
      tempRoot: tmp.path,
      ...extra
    })

  it('makes the folder exactly the rendered set and touches nothing else', async () => {
    // Act
    const result = await publish()
    // Assert
    expect(result).toMatchObject({ changed: true, pushed: true, attempts: 1 })
    expect(tipOf(bare, 'main')).toBe(result.commitSha)
    expect(readTree(bare, 'main', 'envs/prod/checkout')).toEqual({
      '.idp/render.json': '{}\n',
      'keep.yaml': 'kind: Service\nspec: {}\n',
      'new.yaml': 'kind: Secret\n'
    })
    expect(readTree(bare, 'main', 'envs/prod/payments')).toEqual({
      'app.yaml': 'kind: Deployment\n'
    })
    const changedPaths = git(bare, 'diff', '--name-only', `${result.commitSha}^`, result.commitSha)
    expect(
      changedPaths
        .split('\n')
        .filter(Boolean)
        .every(p => p.startsWith('envs/prod/checkout/'))
    ).toBe(true)
    expect(git(bare, 'log', '-1', '--format=%B', 'main')).toBe(message + '\n')
  })

  it('reads only the trees on the target path: the folders beside it are never fetched', async () => {
    let seen: string[] = []
    let present = ''
    let depth = ''
    const payments = git(bare, 'rev-parse', 'main:envs/prod/payments').trim()
    const readme = git(bare, 'rev-parse', 'main:README.md').trim()
    const prod = git(bare, 'rev-parse', 'main:envs/prod').trim()
    await publish({
      inspect: async view => {
        seen = listFiles(view.worktree)
        // The clone sits beside the view; list what it holds without fetching anything.
        const clone = join(view.worktree, '..', 'repo')
        present = git(clone, 'cat-file', '--batch-all-objects', '--batch-check')
        depth = git(clone, 'rev-list', '--count', 'refs/remotes/origin/main').trim()
      }
    })
    expect(seen).toEqual(['envs/prod/checkout/keep.yaml', 'envs/prod/checkout/old.yaml'])
    expect(present).toContain(prod)
    expect(present).not.toContain(payments)
    expect(present).not.toContain(readme)
    expect(depth).toBe('1')
  })

  it('stays on the path-only route when the server allows tree filters of depth 0 only', async () => {
    git(bare, 'config', 'uploadpackfilter.tree.maxDepth', '0')
    const logger = new RecordingLogger()
    const backoff = { initialMs: 1, multiplier: 1, maxMs: 1, jitter: 0 }
    const result = await publish({ logger, backoff })
    expect(result).toMatchObject({ changed: true, pushed: true })
    expect(readTree(bare, 'main', 'envs/prod/checkout')).toEqual({
      '.idp/render.json': '{}\n',
      'keep.yaml': 'kind: Service\nspec: {}\n',
      'new.yaml': 'kind: Secret\n'
    })
    expect(logger.text()).not.toContain('using a sparse checkout')
  })

  it('makes no commit when the content is identical', async () => {
    const first = await publish()
    const second = await publish()
    expect(second).toMatchObject({ changed: false, pushed: false, commitSha: first.commitSha })
    expect(tipOf(bare, 'main')).toBe(first.commitSha)
  })

  it('creates the branch when it does not exist yet', async () => {
    const result = await publish({ branch: 'environments' })
    expect(result.changed).toBe(true)
    expect(tipOf(bare, 'environments')).toBe(result.commitSha)
    expect(git(bare, 'rev-list', '--count', 'environments').trim()).toBe('1')
  })

  it('does not commit or push in a dry run', async () => {
    const before = tipOf(bare, 'main')
    const result = await publish({ dryRun: true })
    expect(result).toMatchObject({ changed: true, pushed: false, commitSha: '' })
    expect(tipOf(bare, 'main')).toBe(before)
  })

  it('re-applies the folder on the new tip when another push wins the race', async () => {
    // Arrange: the inspect hook runs between fetching and pushing; another writer lands then, once.
    let raced = false
    const logger = new RecordingLogger()
    // Act
    const result = await publish({
      logger,
      backoff: { initialMs: 10, multiplier: 1.5, maxMs: 50, jitter: 0.5 },
      inspect: async () => {
        if (raced) return
        raced = true
        commitFiles(
          bare,
          'main',
          { 'envs/prod/payments/app.yaml': 'kind: Deployment\nv: 2\n' },
          'payments'
        )
      }
    })
    // Assert
    expect(result.attempts).toBe(2)
    expect(readTree(bare, 'main', 'envs/prod/payments')).toEqual({
      'app.yaml': 'kind: Deployment\nv: 2\n'
    })
    expect(readTree(bare, 'main', 'envs/prod/checkout')['new.yaml']).toBe('kind: Secret\n')
    expect(logger.text()).toMatch(/moved to [0-9a-f]{12} while pushing \(attempt 1\/10\)/)
  })

  it('gives up after max-attempts with a clear message', async () => {
    const attempt = publish({
      maxAttempts: 2,
      backoff: { initialMs: 1, multiplier: 1, maxMs: 1, jitter: 0 },
      inspect: async () => {
        commitFiles(bare, 'main', { [`noise/${Date.now()}-${Math.random()}`]: 'x' }, 'noise')
      }
    })
    await expect(attempt).rejects.toThrow(/Gave up after 2 attempts/)
  })

  it('reports a refused push that did not move the branch as a real failure', async () => {
    // A pre-receive hook that refuses everything: the branch stays where it was.
    const hook = join(bare, 'hooks', 'pre-receive')
    writeFileSync(hook, '#!/bin/sh\necho "protected branch" >&2\nexit 1\n', { mode: 0o755 })
    await expect(publish()).rejects.toThrow(/was refused, and the branch did not move/)
  })

  it('pushes to an own branch in pull-request style and skips an identical update', async () => {
    const first = await publish({ pushBranch: 'idp/prod/checkout' })
    expect(first).toMatchObject({ changed: true, pushed: true, pushedBranch: 'idp/prod/checkout' })
    expect(tipOf(bare, 'idp/prod/checkout')).toBe(first.commitSha)
    const again = await publish({ pushBranch: 'idp/prod/checkout' })
    expect(again).toMatchObject({ changed: true, pushed: false, commitSha: first.commitSha })
  })

  it.each([
    ['path-only', true],
    ['sparse checkout', false]
  ])(
    'pull-request style (%s): the lease is the proposal tip the guard read, not one read after it',
    async (_route, filters) => {
      git(bare, 'config', 'uploadpack.allowFilter', String(filters))
      const proposal = 'idp/prod/checkout'
      commitFiles(bare, proposal, { 'envs/prod/checkout/version': '1\n' }, 'render 1')
      const held: (string | undefined)[] = []
      let raced = false
      const stale = publish({
        pushBranch: proposal,
        backoff: { initialMs: 1, multiplier: 1, maxMs: 1, jitter: 0 },
        inspect: async view => {
          const there = await view.readPushBranchFile('envs/prod/checkout/version')
          held.push(there)
          if (Number(there ?? 0) > 2) throw new UserError({ message: 'a newer render is proposed' })
          // A newer promotion lands on the proposal branch right after the guard looked.
          if (!raced) {
            raced = true
            commitFiles(bare, proposal, { 'envs/prod/checkout/version': '3\n' }, 'render 3')
          }
        }
      })
      await expect(stale).rejects.toThrow('a newer render is proposed')
      expect(held).toEqual(['1\n', '3\n'])
      expect(readTree(bare, proposal, 'envs/prod/checkout')).toEqual({ version: '3\n' })
    }
  )

  it('falls back when the server does not serve partial clones', async () => {
    git(bare, 'config', 'uploadpack.allowFilter', 'false')
    const result = await publish()
    expect(result.changed).toBe(true)
    expect(readTree(bare, 'main', 'envs/prod/checkout')['new.yaml']).toBe('kind: Secret\n')
  })

  it('leaves no clone behind', async () => {
    await publish()
    expect(readdirSync(tmp.path).filter(f => f.startsWith('idp-'))).toEqual([])
  })
})

describe('publishFolder over smart HTTP with basic auth', () => {
  it('fetches without a filter from a server that refuses partial clone', async () => {
    const tmp = tempFolder('publish-http-nofilter')
    const token = 'ghs_noFilterToken0123456789'
    const server = await startHttpGitServer({
      projectRoot: join(tmp.path, 'srv'),
      token,
      refuseFilters: true
    })
    try {
      const bare = createBareRepo(join(tmp.path, 'srv', 'acme', 'gitops.git'))
      const source = join(tmp.path, 'rendered')
      mkdirSync(source)
      writeFileSync(join(source, 'app.yaml'), 'kind: Application\n')
      const logger = new RecordingLogger()
      const result = await publishFolder({
        remote: resolveRemote('acme/gitops', server.url, tmp.path),
        token,
        targetPath: 'envs/dev/checkout',
        sourceFolder: source,
        message,
        logger,
        tempRoot: tmp.path
      })
      expect(result.pushed).toBe(true)
      expect(logger.text()).toContain('The server refused a blobless fetch of main')
      expect(server.requests.some(r => r.url.includes('git-upload-pack'))).toBe(true)
      expect(readTree(bare, 'main', 'envs/dev/checkout')).toEqual({
        'app.yaml': 'kind: Application\n'
      })
    } finally {
      await server.close()
      tmp.remove()
    }
  })

  it('authenticates with the token and never puts it in a URL or in .git/config', async () => {
    const tmp = tempFolder('publish-http')
    const token = 'ghs_testTOKEN0123456789abcdef'
    const server = await startHttpGitServer({ projectRoot: join(tmp.path, 'srv'), token })
    try {
      createBareRepo(join(tmp.path, 'srv', 'acme', 'gitops.git'))
      const source = join(tmp.path, 'rendered')
      mkdirSync(source)
      writeFileSync(join(source, 'app.yaml'), 'kind: Application\n')
      const logger = new RecordingLogger()
      const result = await publishFolder({
        remote: resolveRemote('acme/gitops', server.url, tmp.path),
        token,
        targetPath: 'envs/dev/checkout',
        sourceFolder: source,
        message,
        logger,
        tempRoot: tmp.path
      })
      expect(result.pushed).toBe(true)
      expect(server.requests.some(r => r.authorized && r.url.includes('git-receive-pack'))).toBe(
        true
      )
      expect(server.requests.every(r => !r.url.includes(token))).toBe(true)
      expect(logger.secrets).toContain(token)
      expect(
        readTree(join(tmp.path, 'srv', 'acme', 'gitops.git'), 'main', 'envs/dev/checkout')
      ).toEqual({
        'app.yaml': 'kind: Application\n'
      })
      // Without the token the same push is refused by the server, and says so.
      await expect(
        publishFolder({
          remote: resolveRemote('acme/gitops', server.url, tmp.path),
          targetPath: 'envs/dev/checkout',
          sourceFolder: source,
          message,
          logger,
          tempRoot: tmp.path
        })
      ).rejects.toThrow(/git ls-remote failed/)
      expect(
        readFileSync(join(tmp.path, 'srv', 'acme', 'gitops.git', 'config'), 'utf8')
      ).not.toContain(token)
    } finally {
      await server.close()
      tmp.remove()
    }
  })
})
