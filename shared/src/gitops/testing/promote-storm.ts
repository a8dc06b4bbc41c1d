// Test and bench helper: many promotions of different services to one branch at once, with faults
// injected into the remote (GitHub API: 5xx, 429, 403 secondary limits, updates whose answer is lost,
// stalls past the request timeout; git over smart HTTP: connections cut mid-push or mid-fetch, 500s,
// stalls past the low-speed limit). It reports which promotions landed, which failed and how, and
// checks the branch afterwards: every commit on it is one whole promotion, and nothing landed is lost.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createGitHubClient } from '../../github/client.js'
import { gitBlobSha } from '../../github/git-data-reader.js'
import { publishFolderViaApi } from '../../github/publish-folder-api.js'
import { isUserError } from '../../runtime/errors.js'
import { silentLogger } from '../../runtime/logger.js'
import { publishFolder } from '../publish-folder.js'
import { resolveRemote } from '../remote.js'
import { startFakeGitHub } from './fake-github.js'
import { createBareRepo, git } from './git-fixtures.js'
import type { GitFault } from './http-git-server.js'
import { startHttpGitServer } from './http-git-server.js'

export interface StormResult {
  readonly promotions: number
  readonly landed: readonly string[]
  /** Service → the one message it failed with. */
  readonly failed: ReadonlyMap<string, string>
  /** Promotions reported as landed whose content the branch does not hold. */
  readonly lost: readonly string[]
  /** Commits on the branch that are not exactly one service's whole folder on top of their parent. */
  readonly inconsistent: readonly string[]
  /** Failures that were not one user error on one line (a stack, a crash). */
  readonly unclear: readonly string[]
  readonly faultsInjected: number
  readonly ms: number
}

const token = 'ghs_stormToken0123456789abcdefgh'
const BACKOFF = { initialMs: 20, multiplier: 1.5, maxMs: 400, jitter: 0.5 }

function source(root: string, service: string): string {
  const folder = join(root, 'rendered', service)
  mkdirSync(join(folder, '.idp'), { recursive: true })
  writeFileSync(join(folder, 'application.yaml'), manifest(service))
  writeFileSync(join(folder, '.idp', 'render.json'), JSON.stringify({ service }))
  return folder
}

/** The service a folder path belongs to (`envs/dev/<service>/…`). */
const serviceOf = (path: string) => path.split('/')[2]

async function settle(
  services: readonly string[],
  run: (service: string) => Promise<unknown>
): Promise<{ landed: string[]; failed: Map<string, string>; unclear: string[] }> {
  const landed: string[] = []
  const failed = new Map<string, string>()
  const unclear: string[] = []
  await Promise.all(
    services.map(async service => {
      try {
        await run(service)
        landed.push(service)
      } catch (error) {
        const message = (error as Error).message
        failed.set(service, message)
        if (!isUserError(error) || message.includes('\n') || /\bat .+:\d+:\d+/.test(message))
          unclear.push(`${service}: ${String((error as Error).stack ?? message)}`)
      }
    })
  )
  return { landed, failed, unclear }
}

const manifest = (service: string) => `kind: Application\nname: ${service}\n`
const manifestId = (service: string) => gitBlobSha(Buffer.from(manifest(service)))

/**
 * Each commit from the tip down to the seed changes exactly one service folder, completely. Files
 * are compared by blob id (path → id).
 */
function checkHistory(
  commits: readonly { sha: string; files: Map<string, string>; parent?: Map<string, string> }[]
): string[] {
  const bad: string[] = []
  for (const { sha, files, parent } of commits) {
    if (!parent) continue
    const changed = new Set<string>()
    for (const path of new Set([...files.keys(), ...parent.keys()]))
      if (files.get(path) !== parent.get(path)) changed.add(serviceOf(path))
    const [service] = [...changed]
    const whole =
      changed.size === 1 &&
      files.get(`envs/dev/${service}/application.yaml`) === manifestId(service) &&
      files.has(`envs/dev/${service}/.idp/render.json`)
    if (!whole) bad.push(sha)
  }
  return bad
}

/** `count` promotions through the GitHub API (fake-github.ts) with faults on every kind of call. */
export async function apiStorm(root: string, count = 32): Promise<StormResult> {
  mkdirSync(root, { recursive: true })
  const github = await startFakeGitHub(token)
  try {
    github.git.seed('main', { 'README.md': 'gitops\n', 'envs/dev/seed/app.yaml': 'seed\n' })
    const faults: [string, RegExp, number, number][] = [
      ['POST', /\/git\/trees$/, 502, 8],
      ['POST', /\/git\/blobs$/, 429, 6],
      ['GET', /\/git\/ref\//, 403, 6],
      ['GET', /\/git\/trees\//, 500, 6],
      ['POST', /\/git\/commits$/, 503, 4]
    ]
    for (const [method, path, status, times] of faults) github.failNext(method, path, status, times)
    // Ref updates GitHub carried out but whose answer never arrived (the writer was cut off).
    github.failAfterNext('PATCH', /\/git\/refs\//, 502, 6)
    // A server that stalls past the request timeout, then answers the retry.
    github.stallNext('POST', /\/git\/commits$/, 1500, 3)
    const injected = faults.reduce((n, f) => n + f[3], 0) + 6 + 3
    const services = Array.from({ length: count }, (_, i) => `svc-${String(i).padStart(2, '0')}`)
    const started = performance.now()
    const remote = {
      url: `${github.url}/acme/gitops.git`,
      display: 'acme/gitops',
      github: { owner: 'acme', repo: 'gitops' }
    }
    const outcome = await settle(services, service =>
      publishFolderViaApi({
        client: createGitHubClient({
          token,
          baseUrl: github.url,
          logger: silentLogger,
          retryUnitMs: 5,
          requestTimeoutMs: 500,
          writeSpacingMs: 0
        }),
        repository: remote.github,
        remote,
        branch: 'main',
        targetPath: `envs/dev/${service}`,
        sourceFolder: source(root, service),
        message: `promote ${service}\n`,
        maxAttempts: 60,
        backoff: BACKOFF,
        logger: silentLogger,
        tempRoot: root
      })
    )
    const ms = performance.now() - started
    const db = github.git
    const filesOf = (sha: string) => {
      const out = new Map<string, string>()
      for (const [path, { sha: blob }] of db.flatten(db.commits.get(sha)!.tree)) out.set(path, blob)
      return out
    }
    const chain: { sha: string; files: Map<string, string>; parent?: Map<string, string> }[] = []
    for (let sha: string | undefined = db.refs.get('heads/main'); sha;) {
      const parent = db.commits.get(sha)!.parents[0]
      chain.push({ sha, files: filesOf(sha), parent: parent ? filesOf(parent) : undefined })
      sha = parent
    }
    const final = chain[0].files
    return {
      promotions: count,
      ...outcome,
      lost: outcome.landed.filter(
        s => final.get(`envs/dev/${s}/application.yaml`) !== manifestId(s)
      ),
      inconsistent: checkHistory(chain),
      faultsInjected: injected,
      ms
    }
  } finally {
    await github.close()
  }
}

/**
 * `count` promotions through git over smart HTTP: every `every`-th request of the server is cut off
 * mid-way, answered 500 or left stalled (each in turn), so pushes and fetches fail part-way.
 */
export async function gitStorm(root: string, count = 32, every = 25): Promise<StormResult> {
  mkdirSync(root, { recursive: true })
  let requests = 0
  let injected = 0
  const kinds: GitFault[] = ['drop', 'error', 'drop', 'error', 'stall']
  const server = await startHttpGitServer({
    projectRoot: join(root, 'srv'),
    token,
    fault: () => {
      if (++requests % every !== 0) return undefined
      injected++
      return kinds[injected % kinds.length]
    }
  })
  try {
    const bare = createBareRepo(join(root, 'srv', 'acme', 'gitops.git'))
    const services = Array.from({ length: count }, (_, i) => `svc-${String(i).padStart(2, '0')}`)
    const started = performance.now()
    const outcome = await settle(services, service =>
      publishFolder({
        remote: resolveRemote('acme/gitops', server.url, root),
        token,
        branch: 'main',
        targetPath: `envs/dev/${service}`,
        sourceFolder: source(root, service),
        message: `promote ${service}\n`,
        maxAttempts: 60,
        backoff: BACKOFF,
        logger: silentLogger,
        tempRoot: root,
        // A transfer with no byte for 3 s is cut (a loaded runner answers small requests slowly, but
        // not that slowly); no command runs past 20 s.
        gitLimits: { commandTimeoutMs: 20_000, lowSpeedLimit: 1, lowSpeedTime: 3 }
      })
    )
    const ms = performance.now() - started
    const filesOf = (rev: string) => {
      const out = new Map<string, string>()
      for (const line of git(bare, 'ls-tree', '-r', rev).split('\n').filter(Boolean)) {
        const [meta, path] = line.split('\t')
        out.set(path, meta.split(' ')[2])
      }
      return out
    }
    const shas = git(bare, 'rev-list', '--first-parent', 'main').split('\n').filter(Boolean)
    const chain = shas.map((sha, i) => ({
      sha,
      files: filesOf(sha),
      parent: i + 1 < shas.length ? filesOf(shas[i + 1]) : undefined
    }))
    git(bare, 'fsck', '--no-dangling')
    const final = chain[0].files
    return {
      promotions: count,
      ...outcome,
      lost: outcome.landed.filter(
        s => final.get(`envs/dev/${s}/application.yaml`) !== manifestId(s)
      ),
      inconsistent: checkHistory(chain.filter(c => c.parent !== undefined)),
      faultsInjected: injected,
      ms
    }
  } finally {
    await server.close()
  }
}
