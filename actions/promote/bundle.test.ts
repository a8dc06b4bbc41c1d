import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createGitArgvRecorder } from '../../shared/src/gitops/testing/git-argv-recorder.js'
import {
  createBareRepo,
  readTree,
  tempFolder
} from '../../shared/src/gitops/testing/git-fixtures.js'
import { startHttpGitServerProcess } from '../../shared/src/gitops/testing/http-git-server.js'
import { writeRenderedFolder } from '../../shared/src/gitops/testing/render-fixture.js'
import type { BundleRun } from '../../test/run-bundle.js'
import { runBundle } from '../../test/run-bundle.js'

const token = 'ghs_bundleHygieneToken0123456789ABCDEF'
const tmp = tempFolder('promote-bundle')
let server: { url: string; stop(): Promise<void> }
const bare = join(tmp.path, 'srv', 'acme', 'gitops.git')

beforeAll(async () => {
  createBareRepo(bare)
  server = await startHttpGitServerProcess(join(tmp.path, 'srv'), token)
  writeRenderedFolder(join(tmp.path, 'ws', 'rendered', 'dev'), {
    service: 'checkout',
    environment: 'dev'
  })
})
afterAll(async () => {
  await server?.stop()
  tmp.remove()
})

/** Every file under a folder, concatenated (to search a runner temp folder for leftovers). */
function allText(folder: string): string {
  let out = ''
  for (const entry of readdirSync(folder)) {
    const full = join(folder, entry)
    out += statSync(full).isDirectory() ? allText(full) : readFileSync(full, 'utf8')
  }
  return out
}

function run(
  name: string,
  inputs: Record<string, string>
): { run: BundleRun; recorded: string; configs: string; leftovers: string } {
  const bin = join(tmp.path, `bin-${name}`)
  const runnerTemp = join(tmp.path, `runner-temp-${name}`)
  mkdirSync(bin)
  mkdirSync(runnerTemp)
  const recorder = createGitArgvRecorder(bin)
  const result = runBundle('promote', {
    workspace: join(tmp.path, 'ws'),
    inputs: {
      manifests: 'rendered/dev',
      repository: 'acme/gitops',
      'no-platform': 'true',
      ...inputs
    },
    env: { GITHUB_SERVER_URL: server.url, RUNNER_TEMP: runnerTemp },
    pathPrefix: [bin]
  })
  return {
    run: result,
    recorded: recorder.text(),
    configs: recorder.configs(),
    leftovers: allText(runnerTemp)
  }
}

/** stdout without the `::add-mask::` commands, which hand the secret to the runner to mask. */
function visible(stdout: string): string {
  return stdout
    .split('\n')
    .filter(l => !l.startsWith('::add-mask::'))
    .join('\n')
}

function expectNoToken(r: ReturnType<typeof run>) {
  expect(r.run.stdout).toContain(`::add-mask::${token}`)
  for (const text of [
    r.recorded,
    r.configs,
    visible(r.run.stdout),
    r.run.stderr,
    r.run.summary,
    JSON.stringify(r.run.outputs),
    r.leftovers
  ])
    expect(text).not.toContain(token)
  expect(r.recorded).not.toContain(Buffer.from(`x-access-token:${token}`).toString('base64'))
}

describe('promote bundle, run as the runner runs it (Node 24)', () => {
  it('pushes over smart HTTP with the token and leaves it nowhere', () => {
    const r = run('success', { token })
    expect(r.run.stderr).toBe('')
    expect(r.run.exitCode).toBe(0)
    expect(r.run.outputs.changed).toBe('true')
    expect(r.run.outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/)
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/checkout'))).toContain('application.yaml')
    expect(r.run.summary).toContain('## Promote checkout → dev')
    // Non-vacuous: git really ran (clone, fetch, push) and the worktree config was looked at.
    const argv = r.recorded.split('\n')
    expect(argv.some(l => l.split('\x1f').includes('push'))).toBe(true)
    // The path-only route: the tip with its root tree alone, then the trees on the path.
    expect(argv.some(l => l.includes('--filter=tree:1') && l.includes('--depth=1'))).toBe(true)
    expect(r.configs).toContain('[remote "origin"]')
    // The header reaches git through an inherited descriptor, never through its environment.
    expect(r.recorded).toContain('GIT_CONFIG_KEY_0=include.path')
    expect(r.recorded).toContain('GIT_CONFIG_VALUE_0=/proc/self/fd/3')
    expectNoToken(r)
  })

  it('fails with one clear message and no token when the token is wrong', () => {
    const r = run('wrong-token', { token: `${token}-wrong`, 'dry-run': 'true' })
    expect(r.run.exitCode).toBe(1)
    expect(r.run.stdout).toMatch(
      /::error::Could not reach acme\/gitops: git ls-remote failed .* Check the repository name/
    )
    expect(r.run.stdout).not.toMatch(/^\s+at /m)
    expectNoToken(r)
  })

  it('fails with one clear message and no token when the push is refused', () => {
    writeFileSync(join(bare, 'hooks', 'pre-receive'), '#!/bin/sh\necho "protected" >&2\nexit 1\n', {
      mode: 0o755
    })
    writeRenderedFolder(join(tmp.path, 'ws', 'rendered', 'dev'), {
      service: 'checkout',
      environment: 'dev',
      runNumber: 2,
      // New content: the same content again would be a no-op that never pushes.
      images: { api: 'ghcr.io/acme/checkout:1.0.1' }
    })
    const r = run('refused', { token })
    expect(r.run.exitCode).toBe(1)
    expect(r.run.stdout).toMatch(
      /::error::Pushing to main of acme\/gitops was refused, and the branch did not move/
    )
    expectNoToken(r)
  })

  it('reports bad input without a stack trace', () => {
    const r = run('bad-input', { token, manifests: 'rendered/nope' })
    expect(r.run.exitCode).toBe(1)
    expect(r.run.stdout).toContain(
      "::error::Input 'manifests' (rendered/nope) holds no .idp/render.json"
    )
    expect(r.run.stdout).not.toMatch(/^\s+at /m)
  })
})
