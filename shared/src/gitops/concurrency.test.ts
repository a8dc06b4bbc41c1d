// Real processes racing against real bare repositories: the committed action bundle run as the runner
// runs it (fast to start, so 16 of them overlap), and `node bin/idp.js promote` for the kill -9 case.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  createBareRepo,
  fileUrl,
  git,
  readTree,
  tempFolder,
  tipOf
} from './testing/git-fixtures.js'
import { createGitArgvRecorder } from './testing/git-argv-recorder.js'
import { startHttpGitServer } from './testing/http-git-server.js'
import { writeRenderedFolder } from './testing/render-fixture.js'
import { node24, parseOutputFile } from '../../../test/run-bundle.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const idp = join(repoRoot, 'bin/idp.js')

interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs actions/promote/dist/index.js with `INPUT_*` variables, as the runner does. */
function spawnBundle(inputs: Record<string, string>, env: NodeJS.ProcessEnv): Promise<Finished> {
  const runnerTemp = mkdtempSync(join(env.RUNNER_TEMP as string, 'run-'))
  const outputFile = join(runnerTemp, 'output')
  writeFileSync(outputFile, '')
  const vars: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_WORKSPACE: repoRoot,
    ...env,
    RUNNER_TEMP: runnerTemp
  }
  for (const [name, value] of Object.entries(inputs)) vars[`INPUT_${name.toUpperCase()}`] = value
  const node = existsSync(node24) ? node24 : process.execPath
  const run = spawnProcess(node, [join(repoRoot, 'actions/promote/dist/index.js')], vars)
  return run.done.then(result => ({
    ...result,
    stdout: result.stdout + formatOutputs(parseOutputFile(readFileSync(outputFile, 'utf8')))
  }))
}

function formatOutputs(outputs: Record<string, string>): string {
  return Object.entries(outputs)
    .map(([k, v]) => `${k}=${v}\n`)
    .join('')
}

/** Runs `node bin/idp.js promote --flag value ...`. */
function spawnPromote(
  args: Record<string, string>,
  env: NodeJS.ProcessEnv
): { child: ChildProcess; done: Promise<Finished> } {
  const argv = [idp, 'promote', ...Object.entries(args).flatMap(([k, v]) => [`--${k}`, v])]
  // The run's identity is GITHUB_REPOSITORY (boundary/identity.ts): never the CI's own repository.
  const vars = { ...process.env, GITHUB_REPOSITORY: undefined, IDP_CLI_SUMMARY: 'off', ...env }
  return spawnProcess(process.execPath, argv, vars)
}

function spawnProcess(
  command: string,
  argv: string[],
  env: NodeJS.ProcessEnv
): { child: ChildProcess; done: Promise<Finished> } {
  // Its own process group, so a kill reaches git children too, as when a runner dies.
  const child = spawn(command, argv, {
    cwd: env.GITHUB_WORKSPACE ?? repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const done = new Promise<Finished>(resolve =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  )
  return { child, done }
}

// Real processes and real backoff waits: generous limits so a loaded CI machine does not time out.
const SLOW = 180_000

describe('promote from concurrent processes', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let env: NodeJS.ProcessEnv

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'concurrency')
    bare = createBareRepo(join(tmp.path, 'gitops.git'))
    mkdirSync(join(tmp.path, 'runner-temp'))
    // The rendered folders sit in the workspace: promote reads only inside it (boundary/files).
    env = { RUNNER_TEMP: join(tmp.path, 'runner-temp'), GITHUB_WORKSPACE: tmp.path }
  })
  afterEach(() => tmp.remove())

  it(
    '16 processes promoting 16 services to one branch: 16 commits land, each folder correct',
    async () => {
      // Arrange
      const services = Array.from({ length: 16 }, (_, i) => `svc-${String(i).padStart(2, '0')}`)
      for (const service of services)
        writeRenderedFolder(join(tmp.path, 'rendered', service), {
          service,
          environment: 'dev',
          images: { api: `ghcr.io/acme/${service}:1.0.${service.slice(-2)}` }
        })
      const base = tipOf(bare, 'main')
      // Act
      const runs = await Promise.all(
        services.map(service =>
          spawnBundle(
            // Typically ≤ 5 attempts each here; headroom so a loaded CI machine cannot make it flaky.
            {
              manifests: join(tmp.path, 'rendered', service),
              repository: fileUrl(bare),
              'max-attempts': '20'
            },
            env
          )
        )
      )
      // Assert
      for (const run of runs)
        expect({ code: run.code, stderr: run.code ? run.stderr : '' }).toEqual({
          code: 0,
          stderr: ''
        })
      expect(git(bare, 'rev-list', '--count', `${base}..main`).trim()).toBe('16')
      for (const service of services) {
        const files = readTree(bare, 'main', `envs/dev/${service}`)
        expect(Object.keys(files).sort()).toEqual(['.idp/render.json', 'application.yaml'])
        expect(files['application.yaml']).toContain(
          `ghcr.io/acme/${service}:1.0.${service.slice(-2)}`
        )
      }
      // Every commit touches exactly one service's folder: nothing was rebased or merged across.
      const perCommit = git(bare, 'log', '--format=%H', `${base}..main`).trim().split('\n')
      for (const commit of perCommit) {
        const folders = new Set(
          git(bare, 'diff-tree', '--no-commit-id', '--name-only', '-r', commit)
            .trim()
            .split('\n')
            .map(f => f.split('/').slice(0, 3).join('/'))
        )
        expect(folders.size).toBe(1)
      }
      // The races really happened (and were won by re-applying, not by luck).
      const lostRaces = runs.filter(r => /while pushing \(attempt/.test(r.stdout)).length
      expect(lostRaces).toBeGreaterThan(0)
    },
    SLOW
  )

  it(
    'an older and a newer render of one service racing: the newer content remains',
    async () => {
      // Arrange
      const older = join(tmp.path, 'rendered', 'older')
      const newer = join(tmp.path, 'rendered', 'newer')
      writeRenderedFolder(older, {
        service: 'checkout',
        environment: 'dev',
        commitTime: '2026-11-01T10:00:00Z',
        runNumber: 41,
        images: { api: 'ghcr.io/acme/checkout:1.0.0' }
      })
      writeRenderedFolder(newer, {
        service: 'checkout',
        environment: 'dev',
        commitTime: '2026-11-01T11:00:00Z',
        runNumber: 42,
        images: { api: 'ghcr.io/acme/checkout:1.1.0' }
      })
      // Act: several rounds, so that both orders of arrival occur.
      for (let round = 0; round < 2; round++) {
        git(
          bare,
          'update-ref',
          'refs/heads/main',
          git(bare, 'rev-list', '--max-parents=0', 'main').trim()
        )
        const [a, b] = await Promise.all([
          spawnBundle({ manifests: older, repository: fileUrl(bare) }, env),
          spawnBundle({ manifests: newer, repository: fileUrl(bare) }, env)
        ])
        // Assert
        expect(b.code).toBe(0)
        if (a.code !== 0) expect(a.stdout).toContain('holds a newer render of checkout in dev')
        expect(readTree(bare, 'main', 'envs/dev/checkout')['application.yaml']).toContain(
          'checkout:1.1.0'
        )
      }
    },
    SLOW
  )

  it(
    'a push killed mid-way (kill -9) leaves a consistent remote, and a rerun succeeds',
    async () => {
      // Arrange: the server holds the push request until the test has killed the pusher.
      const token = 'ghs_killNineToken0123456789'
      let arrived!: () => void
      const pushArrived = new Promise<void>(resolve => (arrived = resolve))
      let release!: () => void
      const released = new Promise<void>(resolve => (release = resolve))
      let held = false
      const server = await startHttpGitServer({
        projectRoot: join(tmp.path, 'srv'),
        token,
        onReceivePack: async () => {
          if (held) return
          held = true
          arrived()
          await released
        }
      })
      try {
        const remote = createBareRepo(join(tmp.path, 'srv', 'acme', 'gitops.git'))
        const before = tipOf(remote, 'main')
        const manifests = join(tmp.path, 'rendered', 'dev')
        writeRenderedFolder(manifests, { service: 'checkout', environment: 'dev' })
        const args = { manifests, repository: 'acme/gitops', token, 'no-platform': 'true' }
        const recorder = createGitArgvRecorder(mkdtempSync(join(tmp.path, 'bin-')))
        const serverEnv = {
          ...env,
          GITHUB_SERVER_URL: server.url,
          PATH: `${recorder.binDir}:${process.env.PATH}`
        }
        // Act
        const first = spawnPromote(args, serverEnv)
        await pushArrived
        process.kill(-(first.child.pid as number), 'SIGKILL')
        const killed = await first.done
        release()
        // Assert: the branch is where it was or at the whole new commit (a path-only push is small
        // enough to have reached the server in full before the kill), never anything in between,
        // and the repository is sound.
        expect(killed.signal).toBe('SIGKILL')
        const after = tipOf(remote, 'main')
        if (after !== before)
          expect(Object.keys(readTree(remote, after, 'envs/dev/checkout')).sort()).toEqual([
            '.idp/render.json',
            'application.yaml'
          ])
        git(remote, 'fsck', '--no-dangling')
        const rerun = await spawnPromote(args, serverEnv).done
        expect(rerun.stderr.includes('error') ? rerun.stderr : '').toBe('')
        expect(rerun.code).toBe(0)
        expect(rerun.stdout).toMatch(/changed=(true|false)/)
        // Exactly one promotion commit on top of the initial one: none lost, none doubled.
        expect(git(remote, 'rev-list', '--count', 'main').trim()).toBe('2')
        expect(Object.keys(readTree(remote, 'main', 'envs/dev/checkout')).sort()).toEqual([
          '.idp/render.json',
          'application.yaml'
        ])
        git(remote, 'fsck', '--no-dangling')
        // The CLI path keeps the token out of argv, output and repository config too.
        expect(recorder.invocations().some(argv => argv.includes('push'))).toBe(true)
        for (const text of [recorder.text(), recorder.configs(), rerun.stdout, rerun.stderr])
          expect(text).not.toContain(token)
      } finally {
        await server.close()
      }
    },
    SLOW
  )
})
