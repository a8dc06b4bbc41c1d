import { spawnSync } from 'node:child_process'
import { gitEnvironment } from './git-environment.js'

const LOCAL_GIT_TIMEOUT_MS = 30_000

/** The commit a checkout is at and its committer time, read from the service repository. */
export interface CheckoutCommit {
  readonly commit: string
  /** ISO 8601 committer time. */
  readonly commitTime: string
}

/**
 * Reads `rev` (default HEAD) of the checkout at `dir`; undefined when `dir` is not a git checkout or
 * the commit is unknown there (e.g. a shallow clone without it).
 */
export function readCheckoutCommit(dir: string, rev = 'HEAD'): CheckoutCommit | undefined {
  const out = readLocalGit(dir, ['show', '-s', '--format=%H%n%cI', rev, '--'])
  if (out === undefined) return undefined
  const [commit, commitTime] = out.trim().split('\n')
  return commit && commitTime
    ? { commit, commitTime: new Date(commitTime).toISOString() }
    : undefined
}

/** `owner/name` or URL of the checkout's `origin` remote, without any credentials. */
export function readOriginUrl(dir: string): string | undefined {
  const out = readLocalGit(dir, ['config', '--get', 'remote.origin.url'])
  if (out === undefined) return undefined
  const url = out.trim()
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString()
  } catch {
    return url || undefined
  }
}

/** What a local git read in `dir` printed; undefined when git failed (or was stopped at the limit). */
function readLocalGit(dir: string, args: readonly string[]): string | undefined {
  const result = spawnSync('git', ['-C', dir, ...args], {
    encoding: 'utf8',
    env: gitEnvironment(process.env),
    // A local read; a git that hangs (a lock, a hook-like config) must not hold the run.
    timeout: LOCAL_GIT_TIMEOUT_MS,
    killSignal: 'SIGKILL'
  })
  return result.status === 0 ? result.stdout : undefined
}
