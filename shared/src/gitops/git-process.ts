/**
 * How one git command runs as a process: its time limits, its own process group (killed on timeout and
 * when idp exits), the environment it gets and how its exit becomes a result or an error. Only
 * GitCommandManager (git-command-manager.ts) calls `runGit`; everything else asks the manager.
 */
import { spawn } from 'node:child_process'
import type { Logger } from '../runtime/logger.js'
import { gitEnvironment } from './git-environment.js'

/** What one git invocation left behind. */
export interface GitExecResult {
  readonly exitCode: number
  readonly stdout: string
  readonly stderr: string
}

export interface GitExecOptions {
  /** Return non-zero exits instead of throwing (for `try…` methods and ref-state checks). */
  readonly allowAllExitCodes?: boolean
  /** Written to git's stdin (commit messages; never secrets). */
  readonly input?: string
  /** Run somewhere else than the manager's working directory (clone's parent, `diff --no-index`). */
  readonly cwd?: string
}

/** How long git may take: a stalled transfer and a command that never ends both fail. */
export interface GitLimits {
  /** Whole-command limit; the command's process group is killed past it (default 10 min). */
  readonly commandTimeoutMs: number
  /** HTTP(S): a transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` s is aborted. */
  readonly lowSpeedLimit: number
  readonly lowSpeedTime: number
}

export const DEFAULT_GIT_LIMITS: GitLimits = {
  commandTimeoutMs: 10 * 60_000,
  lowSpeedLimit: 1000,
  lowSpeedTime: 30
}

/** Process groups of running git commands, killed if idp exits while they run. */
const runningGroups = new Set<number>()
let exitHookInstalled = false

function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL')
  } catch {
    // Already gone, or no process groups (Windows): the child alone.
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // Already gone.
    }
  }
}

function trackGroup(pid: number): void {
  runningGroups.add(pid)
  if (exitHookInstalled) return
  exitHookInstalled = true
  process.on('exit', () => {
    for (const group of runningGroups) killGroup(group)
  })
}

/** Where and how a manager runs git: the same for every command it runs. */
export interface GitProcessContext {
  readonly workingDirectory: string
  readonly logger: Logger
  /** Added to git's filtered environment (the auth helper's config, test settings). */
  readonly extraEnv: Readonly<Record<string, string>>
  readonly limits: GitLimits
  /** Given to git as fd 3 (the auth config, see git-auth-helper.ts). */
  readonly authFd?: number
}

/** Runs one git command; rejects on a non-zero exit (unless allowed) and when the time limit passes. */
export function runGit(
  context: GitProcessContext,
  args: readonly string[],
  options: GitExecOptions = {}
): Promise<GitExecResult> {
  const cwd = options.cwd ?? context.workingDirectory
  context.logger.debug(`git ${args.join(' ')}`)
  const name = args[0] === '-c' ? args.find(a => !a.includes('=') && a !== '-c') : args[0]
  const { commandTimeoutMs, lowSpeedLimit, lowSpeedTime } = context.limits
  const limited = [
    ...['-c', `http.lowSpeedLimit=${lowSpeedLimit}`, '-c', `http.lowSpeedTime=${lowSpeedTime}`],
    ...args
  ]
  return new Promise((resolve, reject) => {
    const child = spawn('git', limited, {
      // Its own process group: a timeout kills git and everything it started (ssh, helpers).
      detached: true,
      cwd,
      // No INPUT_* and no other secret of idp's environment; prompts off (git-environment.ts).
      env: gitEnvironment(process.env, context.extraEnv),
      stdio: [
        options.input === undefined ? 'ignore' : 'pipe',
        'pipe',
        'pipe',
        ...(context.authFd === undefined ? [] : [context.authFd])
      ]
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    child.stdout?.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => err.push(chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      if (child.pid !== undefined) killGroup(child.pid)
    }, commandTimeoutMs)
    if (child.pid !== undefined) trackGroup(child.pid)
    const settle = () => {
      clearTimeout(timer)
      if (child.pid !== undefined) runningGroups.delete(child.pid)
    }
    child.on('error', error => {
      settle()
      reject(error)
    })
    child.on('close', code => {
      settle()
      if (timedOut) {
        reject(
          new Error(
            `git ${name} did not finish within ${commandTimeoutMs / 1000} s; idp stopped it. Check that the remote is reachable and answers.`
          )
        )
        return
      }
      const result = {
        exitCode: code ?? 128,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      }
      if (result.exitCode !== 0 && !options.allowAllExitCodes) {
        reject(new Error(`git ${name} failed (exit ${result.exitCode}): ${result.stderr.trim()}`))
        return
      }
      resolve(result)
    })
    if (child.stdin) {
      // git may exit before reading all of stdin; the exit code tells what happened.
      child.stdin.on('error', () => undefined)
      child.stdin.end(options.input)
    }
  })
}
