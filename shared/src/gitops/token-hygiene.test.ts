// Token hygiene under kill: `node bin/idp.js promote` against a real smart-HTTP git server with basic
// auth, killed while its push is held. Whatever the process leaves in the temp folder must not hold
// the token, and the git it spawns must not see the step's inputs or other secrets.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import type { ChildProcess } from 'node:child_process'
import { execFileSync, spawn } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createBareRepo, tempFolder, tipOf } from './testing/git-fixtures.js'
import { startHttpGitServer } from './testing/http-git-server.js'
import { writeRenderedFolder } from './testing/render-fixture.js'

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const TOKEN = 'ghs_tokenHygieneUnderKill0123456789'
const OTHER_SECRET = 'ghp_anotherSecretInTheEnvironment42'
const SLOW = 120_000

/** Every regular file under `root` (links not followed), recursively. */
function filesUnder(root: string): string[] {
  if (!existsSync(root)) return []
  const out: string[] = []
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name)
    if (entry.isDirectory()) out.push(...filesUnder(path))
    else if (entry.isFile()) out.push(path)
  }
  return out
}

/** A `git` first on PATH that writes its whole environment to one file per call, then runs git. */
function envRecordingGit(folder: string, logDir: string): string {
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()
  mkdirSync(logDir, { recursive: true })
  const script = join(folder, 'git')
  writeFileSync(
    script,
    ['#!/bin/sh', `env > "${logDir}/env.$$"`, `exec '${realGit}' "$@"`, ''].join('\n')
  )
  chmodSync(script, 0o755)
  return folder
}

describe('token hygiene when promote is killed', () => {
  let tmp: ReturnType<typeof tempFolder>
  let tempRoot: string
  let envLogs: string
  let binDir: string

  beforeEach(() => {
    tmp = tempFolder('token-hygiene')
    tempRoot = join(tmp.path, 'tmp')
    mkdirSync(tempRoot)
    envLogs = join(tmp.path, 'git-env')
    binDir = join(tmp.path, 'bin')
    mkdirSync(binDir)
    envRecordingGit(binDir, envLogs)
  })
  // The server's git http-backend may still be ending the refused push: retry until it has.
  afterEach(() =>
    rmSync(tmp.path, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 })
  )

  async function promoteUntilPush(signal: NodeJS.Signals) {
    let arrived!: () => void
    const pushArrived = new Promise<void>(resolve => (arrived = resolve))
    let release!: () => void
    const released = new Promise<void>(resolve => (release = resolve))
    const server = await startHttpGitServer({
      projectRoot: join(tmp.path, 'srv'),
      token: TOKEN,
      onReceivePack: async () => {
        arrived()
        await released
      }
    })
    try {
      const remote = createBareRepo(join(tmp.path, 'srv', 'acme', 'gitops.git'))
      const before = tipOf(remote, 'main')
      const manifests = join(tmp.path, 'rendered', 'dev')
      writeRenderedFolder(manifests, { service: 'checkout', environment: 'dev' })
      const argv = [
        join(repoRoot, 'bin/idp.js'),
        'promote',
        '--manifests',
        manifests,
        '--repository',
        'acme/gitops',
        '--no-platform',
        '--token',
        TOKEN
      ]
      const child: ChildProcess = spawn(process.execPath, argv, {
        cwd: tmp.path,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: `${binDir}:${process.env.PATH}`,
          HOME: process.env.HOME,
          // The CLI's temp folder: os.tmpdir() follows TMPDIR. No RUNNER_TEMP: this is the CLI.
          TMPDIR: tempRoot,
          GITHUB_SERVER_URL: server.url,
          IDP_CLI_SUMMARY: 'off',
          // What a runner step or a developer shell may hold besides the token input.
          INPUT_TOKEN: TOKEN,
          INPUT_BACKSTAGE_TOKEN: OTHER_SECRET,
          GITHUB_TOKEN: OTHER_SECRET,
          ACTIONS_RUNTIME_TOKEN: OTHER_SECRET,
          AWS_SECRET_ACCESS_KEY: OTHER_SECRET
        }
      })
      let output = ''
      child.stdout?.on('data', (c: Buffer) => (output += c.toString()))
      child.stderr?.on('data', (c: Buffer) => (output += c.toString()))
      const exited = new Promise<NodeJS.Signals | null>(resolve =>
        child.on('close', (_code, sig) => resolve(sig))
      )
      await Promise.race([
        pushArrived,
        exited.then(() => {
          throw new Error(`promote ended before pushing:\n${output}`)
        })
      ])
      // While it runs: its temp folder is private.
      const during = readdirSync(tempRoot).filter(n => n.startsWith('idp-'))
      // Kill the whole group (node and its git children), as a runner or a terminal does.
      process.kill(-(child.pid as number), signal)
      const killedBy = await exited
      release()
      expect(tipOf(remote, 'main')).toBe(before)
      return { during, killedBy, output }
    } finally {
      await server.close()
    }
  }

  const assertNoTokenOnDisk = () => {
    const basic = Buffer.from(`x-access-token:${TOKEN}`).toString('base64')
    for (const file of filesUnder(tempRoot)) {
      const bytes = readFileSync(file, 'latin1')
      expect({ file, token: bytes.includes(TOKEN) }).toEqual({ file, token: false })
      expect({ file, header: bytes.includes(basic) }).toEqual({ file, header: false })
    }
  }

  it(
    'SIGKILL: no file left under the temp folder holds the token; the run folder was private',
    async () => {
      const { during, killedBy } = await promoteUntilPush('SIGKILL')
      expect(killedBy).toBe('SIGKILL')
      expect(during.length).toBeGreaterThan(0)
      for (const name of during)
        expect((lstatSync(join(tempRoot, name)).mode & 0o777).toString(8)).toBe('700')
      assertNoTokenOnDisk()
    },
    SLOW
  )

  it(
    'SIGTERM: the temp folder is removed before the process ends',
    async () => {
      const { killedBy, output } = await promoteUntilPush('SIGTERM')
      expect(killedBy).toBe('SIGTERM')
      expect(output).not.toContain(TOKEN)
      expect(readdirSync(tempRoot).filter(n => n.startsWith('idp-'))).toEqual([])
    },
    SLOW
  )

  it(
    'spawned git sees no INPUT_* variable and no other secret of the environment',
    async () => {
      await promoteUntilPush('SIGKILL')
      const logs = readdirSync(envLogs)
      expect(logs.length).toBeGreaterThan(2)
      for (const log of logs) {
        const text = readFileSync(join(envLogs, log), 'utf8')
        expect(text).not.toMatch(/^INPUT_/m)
        expect(text).not.toMatch(/^(GITHUB_TOKEN|ACTIONS_RUNTIME_TOKEN|AWS_SECRET_ACCESS_KEY)=/m)
        expect(text).not.toContain(OTHER_SECRET)
        expect(text).not.toContain(TOKEN)
      }
    },
    SLOW
  )
})
