// git against remotes that never answer: a stalled HTTP transfer is aborted by the low-speed limit,
// and any command that runs past the overall limit is killed with everything it started.
import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { RecordingLogger } from '../runtime/logger.js'
import { GitCommandManager } from './git-command-manager.js'
import { DEFAULT_GIT_LIMITS } from './git-process.js'

const temp = mkdtempSync(join(tmpdir(), 'idp-git-limits-'))
const servers: Server[] = []
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections()
    await new Promise(done => server.close(done))
  }
  rmSync(temp, { recursive: true, force: true })
})

async function silentServer(): Promise<string> {
  const server = createServer(() => undefined)
  servers.push(server)
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/acme/gitops.git`
}

async function failure(run: () => Promise<unknown>): Promise<{ error: Error; ms: number }> {
  const start = performance.now()
  try {
    await run()
  } catch (error) {
    return { error: error as Error, ms: performance.now() - start }
  }
  throw new Error('expected a failure')
}

/** Running (a zombie waiting to be reaped by a container's init counts as gone). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = `/proc/${pid}/stat`
  if (!existsSync(stat)) return true
  return !/^\d+ \(.*\) [ZX]/.test(readFileSync(stat, 'utf8'))
}

describe('git limits', () => {
  it('the defaults bound a stalled transfer and a command that never ends', () => {
    expect(DEFAULT_GIT_LIMITS.lowSpeedLimit).toBeGreaterThan(0)
    expect(DEFAULT_GIT_LIMITS.lowSpeedTime).toBeLessThanOrEqual(60)
    expect(DEFAULT_GIT_LIMITS.commandTimeoutMs).toBeLessThanOrEqual(30 * 60_000)
  })

  it('an HTTP remote that never answers is dropped by the low-speed limit', async () => {
    const url = await silentServer()
    const git = await GitCommandManager.create(
      temp,
      new RecordingLogger(),
      {},
      {
        commandTimeoutMs: 60_000,
        lowSpeedLimit: 1000,
        lowSpeedTime: 2
      }
    )
    const { error, ms } = await failure(() => git.lsRemoteBranch(url, 'main'))
    expect(error.message).toMatch(/git ls-remote failed/)
    expect(error.message).toMatch(/too slow|timed out|time/i)
    expect(ms).toBeLessThan(15_000)
  }, 30_000)

  it('a command past the overall limit is killed with its process group (ssh included)', async () => {
    const pidFile = join(temp, 'ssh.pid')
    const git = (
      await GitCommandManager.create(
        temp,
        new RecordingLogger(),
        {},
        {
          commandTimeoutMs: 1500,
          lowSpeedLimit: 1000,
          lowSpeedTime: 30
        }
      )
    ).withEnv({ GIT_SSH_COMMAND: `echo $$ > '${pidFile}'; exec sleep 60 #` })
    const { error, ms } = await failure(() =>
      git.lsRemoteBranch('ssh://git@example.test/acme/gitops.git', 'main')
    )
    expect(error.message).toMatch(/git ls-remote did not finish within 1\.5 s/)
    expect(ms).toBeLessThan(6000)
    expect(existsSync(pidFile)).toBe(true)
    const sshPid = Number(readFileSync(pidFile, 'utf8').trim())
    await new Promise(done => setTimeout(done, 200))
    expect(alive(sshPid)).toBe(false)
  }, 30_000)

  it('a timed-out command is an error even where exit codes are allowed (fetch, push)', async () => {
    const repo = mkdtempSync(join(temp, 'repo-'))
    const git = (
      await GitCommandManager.create(
        repo,
        new RecordingLogger(),
        {},
        { commandTimeoutMs: 1500, lowSpeedLimit: 1000, lowSpeedTime: 30 }
      )
    ).withEnv({ GIT_SSH_COMMAND: 'exec sleep 60 #' })
    await git.init('main')
    await git.remoteAdd('origin', 'ssh://git@example.test/acme/gitops.git')
    const { error } = await failure(() => git.tryFetchBranch('origin', 'main', {}))
    expect(error.message).toMatch(/git fetch did not finish within/)
  }, 30_000)
})
