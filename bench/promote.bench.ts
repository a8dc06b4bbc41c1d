// promote against a generated GitOps repository: 20,000 files and 5,000 commits (and ten times that),
// the path-only git transport (what promote does: the tip commit with its root tree, the trees on the
// target path, one push), the share of that time the server's push connectivity check takes,
// versus a full clone; the GitHub API transport's request count; and 32 concurrent promotions under
// injected faults on each transport. Figures only; nothing asserted.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { publishFolder } from '../shared/src/gitops/publish-folder.js'
import { resolveRemote } from '../shared/src/gitops/remote.js'
import { fileUrl, git } from '../shared/src/gitops/testing/git-fixtures.js'
import { apiStorm, gitStorm } from '../shared/src/gitops/testing/promote-storm.js'
import { startFakeGitHub } from '../shared/src/gitops/testing/fake-github.js'
import { writeRenderedFolder } from '../shared/src/gitops/testing/render-fixture.js'
import { createGitHubClient } from '../shared/src/github/client.js'
import { publishFolderViaApi } from '../shared/src/github/publish-folder-api.js'
import { silentLogger } from '../shared/src/runtime/logger.js'
import type { BenchRow } from './row.js'

const ENVIRONMENTS = ['dev', 'qa', 'staging', 'prod']
const FILES_PER_FOLDER = 5
/**
 * Path-only promotions per repository (cheap; an odd count, so the median is one run), after one
 * unmeasured warm-up each, and full clones of the smaller one (12–17 s each).
 */
const PATH_ONLY_RUNS = 15
const PATH_ONLY_WARM_UPS = 1
const FULL_CLONE_RUNS = 3

/**
 * A bare repository of `files` files (4 environments × services × 5 files) whose history has
 * `commits` commits: one that adds everything, then one promotion-sized change per commit.
 */
export async function generateRepository(
  path: string,
  files: number,
  commits: number
): Promise<void> {
  mkdirSync(path, { recursive: true })
  git(path, 'init', '--quiet', '--bare', '--initial-branch=main')
  git(path, 'config', 'uploadpack.allowFilter', 'true')
  const services = Math.ceil(files / FILES_PER_FOLDER / ENVIRONMENTS.length)
  const folders: string[] = []
  // Services sit under team folders of 100, well inside GitHub's 3,000 entries per directory.
  for (const env of ENVIRONMENTS)
    for (let s = 0; s < services; s++)
      folders.push(
        `envs/${env}/team-${String(Math.floor(s / 100)).padStart(3, '0')}/svc-${String(s).padStart(5, '0')}`
      )
  const child = spawn('git', ['fast-import', '--quiet', '--done'], {
    cwd: path,
    stdio: ['pipe', 'ignore', 'inherit']
  })
  const exited = new Promise<void>((resolve, reject) =>
    child.on('close', code => (code === 0 ? resolve() : reject(new Error(`fast-import ${code}`))))
  )
  let buffer: string[] = []
  let size = 0
  const write = async (text: string) => {
    buffer.push(text)
    size += text.length
    if (size > 1 << 20) await flush()
  }
  const flush = async () => {
    const chunk = buffer.join('')
    buffer = []
    size = 0
    if (!child.stdin.write(chunk)) await new Promise(r => child.stdin.once('drain', r))
  }
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`
  const file = (folder: string, i: number, version: number) =>
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${folder.split('/').pop()}-${i}\ndata:\n  version: "${version}"\n  folder: ${folder}\n`
  const commit = async (n: number, message: string, body: () => Promise<void>) => {
    await write(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1700000000 + n * 60} +0000\n`
    )
    await write(data(message))
    await body()
  }
  await commit(0, 'initial', async () => {
    for (const folder of folders)
      for (let i = 0; i < FILES_PER_FOLDER; i++)
        await write(`M 100644 inline ${folder}/file-${i}.yaml\n${data(file(folder, i, 0))}`)
  })
  for (let n = 1; n < commits; n++) {
    const folder = folders[n % folders.length]
    await commit(n, `promote ${folder}`, async () => {
      await write(`M 100644 inline ${folder}/file-0.yaml\n${data(file(folder, 0, n))}`)
    })
  }
  await write('done\n')
  await flush()
  child.stdin.end()
  await exited
  // Packed as git 2.41 and later pack by default, and as GitHub serves: with a reverse index (.rev).
  // Without it, git 2.39's upload-pack rebuilds that index for every fetch, a server-side cost that
  // grows with the object count (~15 ms per fetch at 200k files here) and that no client avoids.
  git(path, '-c', 'pack.writeReverseIndex=true', 'gc', '--quiet', '--prune=now')
}

/** Wall and CPU time of one measured stretch, in ms. */
interface Spent {
  readonly ms: number
  readonly cpuMs: number
}

/**
 * CPU time of this process and of every process it has waited for, with theirs (Linux: the git
 * processes of a promotion, client and, over file://, server), in ms; undefined where /proc is not.
 * Another program's load stretches wall time, much less this: the figure to compare when the machine
 * is shared. Children's time is counted in clock ticks (10 ms), summed exactly over many processes.
 */
function cpuWithChildrenMs(): number | undefined {
  let stat: string
  try {
    stat = readFileSync('/proc/self/stat', 'utf8')
  } catch {
    return undefined
  }
  // Fields after the command name: state is the 3rd field, cutime and cstime the 16th and 17th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  const childTicks = Number(fields[13]) + Number(fields[14])
  const own = process.cpuUsage()
  return (own.user + own.system) / 1000 + (childTicks * 1000) / CLOCK_TICKS
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
  } catch {
    return 100
  }
})()

async function spent<T>(work: () => Promise<T> | T): Promise<{ value: T } & Spent> {
  const cpuBefore = cpuWithChildrenMs()
  const started = performance.now()
  const value = await work()
  const ms = performance.now() - started
  const cpuAfter = cpuWithChildrenMs()
  const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? NaN : cpuAfter - cpuBefore
  return { value, ms, cpuMs }
}

/**
 * What the server's receive-pack spends on one push before taking it: the connectivity check
 * `rev-list --objects --stdin --not --all`. It marks every tree of the branch's tip as already
 * there, so it grows with the repository; every push pays it, a full clone's as much as ours.
 */
async function connectivityCheck(bare: string, commit: string): Promise<Spent> {
  return spent(() =>
    execFileSync('git', ['rev-list', '--objects', '--stdin', '--not', '--all', '--quiet'], {
      cwd: bare,
      input: `${commit}\n`,
      stdio: ['pipe', 'ignore', 'inherit']
    })
  )
}

/** One promotion of one service folder (a fresh temporary clone), the branch put back after it. */
async function promoteOnce(
  bare: string,
  fullClone: boolean,
  work: string,
  run: number
): Promise<{ promote: Spent; serverCheck: Spent }> {
  const tip = git(bare, 'rev-parse', 'main').trim()
  const source = join(work, `rendered-${fullClone}-${run}`)
  rmSync(source, { recursive: true, force: true })
  writeRenderedFolder(source, { service: 'svc-00007', environment: 'dev', runNumber: 100 + run })
  const promote = await spent(() =>
    publishFolder({
      remote: resolveRemote(fileUrl(bare), 'https://github.com', work),
      targetPath: 'envs/dev/team-000/svc-00007',
      sourceFolder: source,
      message: 'bench promote\n',
      logger: silentLogger,
      tempRoot: work,
      fullClone
    })
  )
  // The same check receive-pack ran, on the same commit, with the branch back where it was.
  git(bare, 'update-ref', 'refs/heads/main', tip)
  return { promote, serverCheck: await connectivityCheck(bare, promote.value.commitSha) }
}

/** Each promotion's wall and CPU time, and the same for the server's push connectivity check on its commit. */
interface PromoteRuns {
  readonly ms: number[]
  readonly cpuMs: number[]
  readonly checks: number[]
  readonly checkCpuMs: number[]
}

/**
 * Promotions into each repository, the repositories taking turns (in the order A B, then B A, so
 * neither always runs first) so that a busy machine slows them alike; `warmUps` unmeasured promotions
 * into each come first (page cache, module and JIT warm-up). Run i of one repository and run i of
 * another ran back to back: a pair.
 */
async function timePromotes(
  bares: readonly string[],
  fullClone: boolean,
  work: string,
  runs: number,
  warmUps = 0
): Promise<PromoteRuns[]> {
  for (let run = 0; run < warmUps; run++)
    for (const bare of bares) await promoteOnce(bare, fullClone, work, -1 - run)
  const results = bares.map((): PromoteRuns => ({ ms: [], cpuMs: [], checks: [], checkCpuMs: [] }))
  for (let run = 0; run < runs; run++) {
    const order = [...bares.keys()]
    if (run % 2 === 1) order.reverse()
    for (const i of order) {
      const once = await promoteOnce(bares[i], fullClone, work, run)
      results[i].ms.push(once.promote.ms)
      results[i].cpuMs.push(once.promote.cpuMs)
      results[i].checks.push(once.serverCheck.ms)
      results[i].checkCpuMs.push(once.serverCheck.cpuMs)
    }
  }
  return results
}

/** The value at quantile `q` (0.5: the median; the lower middle one of an even count). */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor((sorted.length - 1) * q)]
}

const median = (values: readonly number[]) => quantile(values, 0.5)

/** GitHub API requests one promotion makes into a fake repository of `files` files. */
async function apiRequests(files: number, work: string): Promise<number> {
  const token = 'ghs_benchToken0123456789abcdefghij'
  const github = await startFakeGitHub(token)
  try {
    const seed: Record<string, string> = {}
    for (let i = 0; i < files / FILES_PER_FOLDER; i++)
      for (let f = 0; f < FILES_PER_FOLDER; f++)
        seed[
          `envs/dev/team-${String(Math.floor(i / 100)).padStart(3, '0')}/svc-${String(i).padStart(5, '0')}/file-${f}.yaml`
        ] = `v: ${i}\n`
    github.git.seed('main', seed)
    const source = join(work, `api-rendered-${files}`)
    writeRenderedFolder(source, { service: 'svc-00007', environment: 'dev', runNumber: 7 })
    const remote = {
      url: `${github.url}/acme/gitops.git`,
      display: 'acme/gitops',
      github: { owner: 'acme', repo: 'gitops' }
    }
    const before = github.calls.length
    await publishFolderViaApi({
      client: createGitHubClient({
        token,
        baseUrl: github.url,
        logger: silentLogger,
        writeSpacingMs: 0
      }),
      repository: remote.github,
      remote,
      branch: 'main',
      targetPath: 'envs/dev/team-000/svc-00007',
      sourceFolder: source,
      message: 'bench promote\n',
      logger: silentLogger,
      tempRoot: work,
      inspect: async () => undefined
    })
    return github.calls.length - before
  } finally {
    await github.close()
  }
}

export default async function promoteBench(): Promise<BenchRow[]> {
  const work = mkdtempSync(join(tmpdir(), 'idp-bench-promote-'))
  try {
    const small = join(work, 'gitops-20k.git')
    let started = performance.now()
    await generateRepository(small, 20000, 5000)
    const generateSmall = (performance.now() - started) / 1000
    const large = join(work, 'gitops-200k.git')
    started = performance.now()
    await generateRepository(large, 200000, 50000)
    const generateLarge = (performance.now() - started) / 1000
    const [small1x, large10x] = await timePromotes(
      [small, large],
      false,
      work,
      PATH_ONLY_RUNS,
      PATH_ONLY_WARM_UPS
    )
    const sparse = median(small1x.ms)
    const sparseLarge = median(large10x.ms)
    const fastest = Math.min(...small1x.ms)
    const fastestLarge = Math.min(...large10x.ms)
    const growth = sparseLarge / sparse
    const fastestGrowth = fastestLarge / fastest
    // Each pair ran back to back, so its ratio saw about the same load on both sides.
    const pairGrowth = large10x.ms.map((ms, i) => ms / small1x.ms[i])
    const withoutCheck = (runs: PromoteRuns) => runs.ms.map((ms, i) => ms - runs.checks[i])
    const cpuSmall = median(small1x.cpuMs)
    const cpuLarge = median(large10x.cpuMs)
    const cpuWithoutCheck = (runs: PromoteRuns) =>
      runs.cpuMs.map((ms, i) => ms - runs.checkCpuMs[i])
    const checkSmall = median(small1x.checks)
    const checkLarge = median(large10x.checks)
    const [fullRuns] = await timePromotes([small], true, work, FULL_CLONE_RUNS)
    const full = median(fullRuns.ms)
    const apiSmall = await apiRequests(2000, work)
    const apiLarge = await apiRequests(20000, work)
    const api = await apiStorm(join(work, 'storm-api'), 32)
    const gitFaults = await gitStorm(join(work, 'storm-git'), 32)

    const bench = 'promote'
    const storm = (what: string, r: typeof api): BenchRow => ({
      benchmark: bench,
      case: `32 concurrent promotions under faults, ${what}`,
      value: r.ms / 1000,
      unit: 's',
      notes: `${r.faultsInjected} faults; landed ${r.landed.length}, failed ${r.failed.size} (one message each), lost ${r.lost.length}, inconsistent commits ${r.inconsistent.length}`
    })
    return [
      {
        benchmark: bench,
        case: 'generate 20k files / 5k commits',
        value: generateSmall,
        unit: 's'
      },
      {
        benchmark: bench,
        case: 'git path-only (tree:1 tip, trees on the path), 20k/5k',
        value: sparse,
        unit: 'ms',
        notes: `median of ${PATH_ONLY_RUNS} (fastest ${fastest.toFixed(0)}, slowest ${Math.max(...small1x.ms).toFixed(0)}) after ${PATH_ONLY_WARM_UPS} warm-up, taking turns with the other size, file://`
      },
      {
        benchmark: bench,
        case: 'full clone, 20k/5k',
        value: full,
        unit: 'ms',
        notes: `median of ${FULL_CLONE_RUNS}, file://`
      },
      { benchmark: bench, case: 'full ÷ path-only', value: full / sparse, unit: '×' },
      {
        benchmark: bench,
        case: 'generate 200k files / 50k commits',
        value: generateLarge,
        unit: 's'
      },
      {
        benchmark: bench,
        case: 'git path-only, 200k/50k',
        value: sparseLarge,
        unit: 'ms',
        notes: `median of ${PATH_ONLY_RUNS} (fastest ${fastestLarge.toFixed(0)}, slowest ${Math.max(...large10x.ms).toFixed(0)}) after ${PATH_ONLY_WARM_UPS} warm-up, taking turns with the other size, file://`
      },
      {
        benchmark: bench,
        case: '10× repo ÷ 1× repo (path-only)',
        value: growth,
        unit: '×',
        notes: `ratio of the medians; median of the ${PATH_ONLY_RUNS} pairs' ratios ${median(pairGrowth).toFixed(2)}× (middle half ${quantile(pairGrowth, 0.25).toFixed(2)}–${quantile(pairGrowth, 0.75).toFixed(2)}×), fastest runs ${fastestGrowth.toFixed(2)}×; target ≤ 1.5× at the median: ${growth <= 1.5 ? 'met' : 'not met'}`
      },
      {
        benchmark: bench,
        case: "server's push connectivity check, 20k/5k → 200k/50k",
        value: checkLarge,
        unit: 'ms',
        notes: `${checkSmall.toFixed(0)} ms at 20k/5k; receive-pack's rev-list --objects --not --all, part of the path-only time above`
      },
      {
        benchmark: bench,
        case: '10× repo ÷ 1× repo (path-only, without the server’s connectivity check)',
        value: median(withoutCheck(large10x)) / median(withoutCheck(small1x)),
        unit: '×',
        notes: `each run less the check on its own commit, ratio of the medians (${median(withoutCheck(small1x)).toFixed(0)} → ${median(withoutCheck(large10x)).toFixed(0)} ms); what the client and the rest of the server do`
      },
      {
        benchmark: bench,
        case: 'git path-only CPU time (idp and every git process, client and server), 20k/5k → 200k/50k',
        value: cpuLarge,
        unit: 'ms',
        notes: `${cpuSmall.toFixed(0)} ms at 20k/5k; medians of the same runs; other programs' load stretches wall time, much less CPU time`
      },
      {
        benchmark: bench,
        case: '10× repo ÷ 1× repo (path-only, CPU time)',
        value: cpuLarge / cpuSmall,
        unit: '×',
        notes: `median of the pairs' ratios ${median(large10x.cpuMs.map((ms, i) => ms / small1x.cpuMs[i])).toFixed(2)}×; without the server's connectivity check (its CPU time ${median(small1x.checkCpuMs).toFixed(0)} → ${median(large10x.checkCpuMs).toFixed(0)} ms) ${(median(cpuWithoutCheck(large10x)) / median(cpuWithoutCheck(small1x))).toFixed(2)}×`
      },
      {
        benchmark: bench,
        case: 'path-only 200k/50k ÷ full clone 20k/5k',
        value: sparseLarge / full,
        unit: '×',
        notes: `target ≤ 0.2× (against the smaller repository’s full clone): ${sparseLarge / full <= 0.2 ? 'met' : 'not met'}`
      },
      {
        benchmark: bench,
        case: 'API transport: requests per promotion, 2k → 20k files',
        value: apiLarge,
        unit: 'requests',
        notes: `${apiSmall} at 2k files; fake GitHub, loopback`
      },
      storm('GitHub API (5xx, 429, 403, lost answers, stalls)', api),
      storm('git smart HTTP (cut mid-way, 500, stalls)', gitFaults)
    ]
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
