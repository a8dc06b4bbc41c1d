// The hostile-input harness: runs one crafted case against a committed action bundle (Node 24, as the
// runner does) or the CLI (as a developer does) in a sandbox of its own, and collects everything the
// invariants need: exit, output, annotations, files left behind, and the state of the GitOps and
// catalog repositories before and after.
import { spawn } from 'node:child_process'
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { execFileSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { parse } from 'yaml'
import { node24, parseAnnotations, parseOutputFile, repoRoot } from '../run-bundle.js'
import type { BundleRun } from '../run-bundle.js'

export type Action =
  | 'render-manifests'
  | 'validate-policy'
  | 'promote'
  | 'register-catalog'
  | 'policy-test'
  | 'verify-gitops'
  | 'merge-gitops'

/** The CLI command of each action (`idp <command>`). */
const CLI_COMMAND: Record<Action, string[]> = {
  'render-manifests': ['render'],
  'validate-policy': ['validate'],
  promote: ['promote'],
  'register-catalog': ['catalog'],
  'policy-test': ['policy', 'test'],
  'verify-gitops': ['gitops', 'verify'],
  'merge-gitops': ['gitops', 'merge']
}

/** What a case puts at a path of its sandbox (relative to the service workspace). */
export type FileSpec =
  | string
  | Buffer
  | { readonly symlink: string }
  | { readonly fifo: true }
  | { readonly dir: true }
  | { readonly remove: true }

export interface HostileCase {
  readonly name: string
  /** The classes of issue #10 ("Classes to close") the case attacks. */
  readonly classes: readonly number[]
  readonly action: Action
  /** `bundle` (default): the committed action bundle; `cli`: `bin/idp.js`. */
  readonly via?: 'bundle' | 'cli'
  /** Files of the service workspace to write, replace, link or remove (paths relative to it); a
   * function gets the rendered dev folder (file → text) the template holds. */
  readonly files?:
    Readonly<Record<string, FileSpec>> | ((rendered: Rendered) => Record<string, FileSpec>)
  /** Inputs besides the area's defaults (a value of '' removes a default). */
  readonly inputs?: Readonly<Record<string, string>>
  readonly env?: Readonly<Record<string, string>>
  /**
   * Where the message must point: a file (as the user names it) and the line (a number, or text on
   * it). `whole`: the refusal concerns the file itself (a link, a device, its size), so naming it is enough.
   */
  readonly at?: {
    readonly file: string
    /** A line number, text on the line, or several texts (any of their lines will do). */
    readonly line?: number | string | readonly string[]
    readonly whole?: boolean
  }
  /** What the refusal is about (a loose pattern over the messages), so a case cannot pass by failing for another reason. */
  readonly because: RegExp
  readonly timeoutMs?: number
  /** Kill the run once git has started (a `git` wrapper that waits), e.g. to prove token hygiene under SIGKILL. */
  readonly kill?: NodeJS.Signals
  /** The CLI's checkout remote (the CLI takes the service's identity from it). */
  readonly remote?: string
  /** Sets up the sandbox's repositories after the files (the GitOps gate's branch); the state before the run is read after it. */
  readonly prepare?: (sandbox: Sandbox, rendered: Rendered) => void
}

/** The template's rendered folders (file → text, `.idp/render.json` included). */
export interface Rendered {
  readonly dev: Readonly<Record<string, string>>
}

export interface Area {
  readonly name: string
  readonly action: Action
  /** Inputs every case of the area starts from. */
  readonly inputs: Readonly<Record<string, string>>
  readonly cases: readonly HostileCase[]
  /** Sets up the control's sandbox (as a case's `prepare`). */
  readonly prepare?: (sandbox: Sandbox, rendered: Rendered) => void
}

export interface CaseRun extends BundleRun {
  readonly durationMs: number
  readonly timedOut: boolean
  readonly signal: NodeJS.Signals | null
  /** The sandbox paths, for the invariants. */
  readonly sandbox: Sandbox
  readonly repositoriesBefore: RepositoryState
  readonly repositoriesAfter: RepositoryState
  /** Every file the run left in RUNNER_TEMP, TMPDIR, HOME and the workspace that holds the sentinel. */
  readonly sentinelFiles: readonly string[]
  /** Names of `INPUT_*` variables a spawned git was given (must be none). */
  readonly gitInputEnv: readonly string[]
  /** What the run left in TMPDIR (tsx's own compile cache aside). */
  readonly tmpLeft: readonly string[]
  /** Whether a repository's objects hold the sentinel. */
  readonly sentinelInRepositories: readonly string[]
  /** The workspace files after the run (path → text), for line lookups. */
  readonly via: 'bundle' | 'cli'
}

export interface RepositoryState {
  readonly gitops: string
  readonly catalog: string
}

/** A token that must never surface anywhere: in the token inputs, GITHUB_TOKEN, and a file outside the repository. */
export const SENTINEL = `ghs_hostileSentinel${'0123456789abcdef'.repeat(2)}`
export const MEMORY_LIMIT_MB = 384
/** Per case; generous because CI runners and shared machines vary (a backtracking case never ends anyway). */
export const DEFAULT_TIMEOUT_MS = Number(process.env.IDP_HOSTILE_TIMEOUT_MS ?? 30000)
/** Output beyond this is itself a finding (a log flood). */
export const OUTPUT_LIMIT = 2 * 1024 * 1024

export interface Sandbox {
  readonly root: string
  readonly workspace: string
  readonly outside: string
  readonly gitops: string
  readonly catalog: string
  readonly runnerTemp: string
  readonly tmp: string
  readonly home: string
  readonly bin: string
}

let httpBase = 'http://127.0.0.1:9'

/** The suite's hostile HTTP server (`__HTTP__` in case inputs). */
export function setHttpBase(url: string): void {
  httpBase = url
}

/** Placeholders case files and inputs may use: replaced by the sandbox's own paths. */
export function fillPlaceholders(text: string, sandbox: Sandbox): string {
  return text
    .replaceAll('__HTTP__', httpBase)
    .replaceAll('__GITOPS__', `file://${sandbox.gitops}`)
    .replaceAll('__CATALOG__', `file://${sandbox.catalog}`)
    .replaceAll('__OUTSIDE__', sandbox.outside)
    .replaceAll('__WORKSPACE__', sandbox.workspace)
}

export function gitIn(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd, GIT_TERMINAL_PROMPT: '0' }
  })
}

const COMMIT = ['-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '--quiet']

/** A bare repository with one commit of `files` on main. */
export function createBare(path: string, files: Record<string, string>, message: string): void {
  mkdirSync(path, { recursive: true })
  gitIn(path, 'init', '--quiet', '--bare', '--initial-branch=main')
  const scratch = `${path}.scratch`
  mkdirSync(scratch, { recursive: true })
  gitIn(scratch, 'init', '--quiet', '--initial-branch=main')
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, file)), { recursive: true })
    writeFileSync(join(scratch, file), content)
  }
  gitIn(scratch, 'add', '--all')
  gitIn(scratch, ...COMMIT, '-m', message)
  gitIn(scratch, 'push', '--quiet', path, 'HEAD:refs/heads/main')
  rmSync(scratch, { recursive: true, force: true })
}

/** Refs and the full object list: equal before and after means nothing was written. */
export function repositoryState(bare: string): string {
  const refs = gitIn(bare, 'for-each-ref', '--format=%(refname) %(objectname)')
  const objects = gitIn(bare, 'cat-file', '--batch-all-objects', '--batch-check')
  return `${refs}\n--\n${objects}`
}

function repositoryHolds(bare: string, needle: string): boolean {
  const all = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], {
    cwd: bare,
    maxBuffer: 256 * 1024 * 1024
  })
  return all.includes(needle)
}

function fillAll(values: Readonly<Record<string, string>> | undefined, sandbox: Sandbox) {
  return Object.fromEntries(
    Object.entries(values ?? {}).map(([k, v]) => [k, fillPlaceholders(v, sandbox)])
  )
}

/** Writes one case's files into its workspace. */
export function applyFiles(sandbox: Sandbox, files: Readonly<Record<string, FileSpec>>): void {
  for (const [relative, spec] of Object.entries(files)) {
    const path = join(sandbox.workspace, relative)
    rmSync(path, { recursive: true, force: true })
    if (typeof spec === 'object' && 'remove' in spec) continue
    mkdirSync(dirname(path), { recursive: true })
    if (typeof spec === 'string') writeFileSync(path, fillPlaceholders(spec, sandbox))
    else if (Buffer.isBuffer(spec)) writeFileSync(path, spec)
    else if ('symlink' in spec) symlinkSync(fillPlaceholders(spec.symlink, sandbox), path)
    else if ('fifo' in spec) execFileSync('mkfifo', [path])
    else if ('dir' in spec) mkdirSync(path, { recursive: true })
  }
}

/** Every regular file under `root` (symlinks not followed) whose bytes hold `needle`. */
export function filesHolding(
  root: string,
  needle: string,
  skip: (path: string) => boolean = () => false
): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    let entries: string[]
    try {
      entries = readdirSync(dir)
    } catch {
      return
    }
    for (const name of entries) {
      const path = join(dir, name)
      if (skip(path)) continue
      const stat = lstatSync(path)
      if (stat.isDirectory()) walk(path)
      else if (stat.isFile() && stat.size < 64 * 1024 * 1024) {
        if (readFileSync(path).includes(needle)) found.push(path)
      }
    }
  }
  walk(root)
  return found
}

const REAL_GIT = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim()

/**
 * A `git` first on PATH that records the names of any `INPUT_*` variables it was given (git must get an
 * environment without them) and, with `wait`, marks that it started and then waits, so the harness can
 * kill the run mid-git.
 */
function installGitWrapper(bin: string, wait: boolean): void {
  mkdirSync(bin, { recursive: true })
  writeFileSync(
    join(bin, 'git'),
    [
      '#!/bin/sh',
      `inputs=$(env | sed -n 's/^\\(INPUT_[^=]*\\)=.*/\\1/p' | tr '\\n' ' ')`,
      `[ -z "$inputs" ] || echo "git $1 $2: $inputs" >> '${bin}/git-input-env.log'`,
      wait
        ? `case "$1" in --version|version) ;; *) : > '${bin}/git-started'; sleep 30 ;; esac`
        : '',
      `exec '${REAL_GIT}' "$@"`,
      ''
    ].join('\n')
  )
  chmodSync(join(bin, 'git'), 0o755)
}

interface Spawned {
  exitCode: number
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  durationMs: number
  timedOut: boolean
}

function run(
  command: string,
  args: string[],
  options: {
    cwd: string
    env: Record<string, string>
    timeoutMs: number
    killWhen?: () => boolean
    kill?: NodeJS.Signals
  }
): Promise<Spawned> {
  return new Promise(resolve => {
    const started = Date.now()
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true
    })
    const out: Buffer[] = []
    const err: Buffer[] = []
    let size = 0
    const take = (sink: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length
      if (size <= OUTPUT_LIMIT + 1024) sink.push(chunk)
    }
    child.stdout.on('data', take(out))
    child.stderr.on('data', take(err))
    let timedOut = false
    const killGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid) process.kill(-child.pid, signal)
      } catch {
        /* already gone */
      }
    }
    const timer = setTimeout(() => {
      timedOut = true
      killGroup('SIGKILL')
    }, options.timeoutMs)
    const poll =
      options.killWhen &&
      setInterval(() => {
        if (options.killWhen!()) {
          clearInterval(poll as NodeJS.Timeout)
          // Only the idp process: the runner's SIGKILL does not wait for children, nor does a Ctrl-C.
          try {
            child.kill(options.kill)
          } catch {
            /* gone */
          }
          if (options.kill === 'SIGKILL') setTimeout(() => killGroup('SIGKILL'), 200)
        }
      }, 20)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      if (poll) clearInterval(poll)
      // The waiting git of a kill case may outlive its parent: end the whole group.
      killGroup('SIGKILL')
      resolve({
        exitCode: code ?? -1,
        signal,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        durationMs: Date.now() - started,
        timedOut
      })
    })
  })
}

/**
 * Where the bundles come from: the committed ones, or IDP_HOSTILE_DIST, a folder that
 * `node scripts/build.mjs --out <folder>` filled from the current sources.
 */
export function bundleSource(action: Action): string {
  return join(process.env.IDP_HOSTILE_DIST ?? repoRoot, 'actions', action, 'dist')
}

/** Copies each bundle once, away from any node_modules (a dependency left out of it fails here). */
export function stageBundles(suiteRoot: string): Record<string, string> {
  const staged: Record<string, string> = {}
  for (const action of [
    'render-manifests',
    'validate-policy',
    'promote',
    'register-catalog',
    'verify-gitops',
    'merge-gitops'
  ]) {
    const target = join(suiteRoot, 'actions', action, 'dist')
    cpSync(bundleSource(action as Action), target, { recursive: true })
    staged[action] = join(target, 'index.js')
  }
  return staged
}

function actionDefaults(action: Action): Record<string, string> {
  if (action === 'policy-test') return {}
  const meta = parse(readFileSync(join(repoRoot, 'actions', action, 'action.yml'), 'utf8')) as {
    inputs?: Record<string, { default?: string }>
  }
  const out: Record<string, string> = {}
  for (const [name, spec] of Object.entries(meta.inputs ?? {}))
    if (spec.default !== undefined) out[name] = String(spec.default)
  return out
}

export interface RunOptions {
  readonly action: Action
  readonly via: 'bundle' | 'cli'
  readonly inputs: Record<string, string>
  readonly env?: Readonly<Record<string, string>>
  readonly timeoutMs: number
  readonly kill?: NodeJS.Signals
  readonly bundles: Record<string, string>
  /** The repositories' state before the run, when known (the templates'). */
  readonly before?: RepositoryState
  readonly headSha?: string
}

/** The environment a GitHub-hosted runner gives a step (with the sentinel as every token it holds). */
export function runnerEnv(sandbox: Sandbox, headSha: string): Record<string, string> {
  return {
    GITHUB_ACTIONS: 'true',
    CI: 'true',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_REPOSITORY_OWNER: 'acme',
    GITHUB_SHA: headSha,
    GITHUB_REF: 'refs/heads/main',
    GITHUB_RUN_NUMBER: '7',
    GITHUB_RUN_ID: '700',
    GITHUB_SERVER_URL: 'https://github.com',
    // Nothing may reach the network: an API call fails fast instead of hanging.
    GITHUB_API_URL: 'http://127.0.0.1:9',
    GITHUB_TOKEN: SENTINEL,
    ACTIONS_RUNTIME_TOKEN: SENTINEL,
    GITHUB_WORKSPACE: sandbox.workspace,
    RUNNER_TEMP: sandbox.runnerTemp
  }
}

/** Runs one action (bundle or CLI) in a prepared sandbox and collects what the invariants need. */
export async function runInSandbox(sandbox: Sandbox, options: RunOptions): Promise<CaseRun> {
  // Sandboxes are byte copies of the templates: their state before the run is the templates' own.
  const repositoriesBefore: RepositoryState = options.before ?? {
    gitops: repositoryState(sandbox.gitops),
    catalog: repositoryState(sandbox.catalog)
  }
  const headSha = options.headSha ?? gitIn(sandbox.workspace, 'rev-parse', 'HEAD').trim()
  const outputFile = join(sandbox.runnerTemp, '_runner_file_commands', 'output')
  const summaryFile = join(sandbox.runnerTemp, '_runner_file_commands', 'summary')
  mkdirSync(dirname(outputFile), { recursive: true })
  for (const f of ['output', 'summary', 'env', 'state'])
    writeFileSync(join(sandbox.runnerTemp, '_runner_file_commands', f), '')
  writeFileSync(join(sandbox.runnerTemp, 'event.json'), '{}')
  // Every git idp spawns goes through the recording wrapper.
  const pathPrefix = `${sandbox.bin}:`
  installGitWrapper(sandbox.bin, options.kill !== undefined)
  const base: Record<string, string> = {
    PATH: `${pathPrefix}${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: sandbox.home,
    TMPDIR: sandbox.tmp,
    LANG: 'C.UTF-8'
  }
  const inputs: Record<string, string> = { ...actionDefaults(options.action) }
  for (const [k, v] of Object.entries(options.inputs)) inputs[k] = fillPlaceholders(v, sandbox)
  for (const [k, v] of Object.entries(inputs)) if (v === '') delete inputs[k]
  let spawned: Spawned
  const killWhen = options.kill ? () => existsSync(join(sandbox.bin, 'git-started')) : undefined
  if (options.via === 'bundle') {
    const env: Record<string, string> = {
      ...base,
      ...runnerEnv(sandbox, headSha),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      GITHUB_ENV: join(sandbox.runnerTemp, '_runner_file_commands', 'env'),
      GITHUB_STATE: join(sandbox.runnerTemp, '_runner_file_commands', 'state'),
      GITHUB_EVENT_PATH: join(sandbox.runnerTemp, 'event.json'),
      GITHUB_EVENT_NAME: 'push',
      ...fillAll(options.env, sandbox)
    }
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
    spawned = await run(
      node24,
      [`--max-old-space-size=${MEMORY_LIMIT_MB}`, options.bundles[options.action]],
      { cwd: sandbox.workspace, env, timeoutMs: options.timeoutMs, killWhen, kill: options.kill }
    )
  } else {
    const args = [
      `--max-old-space-size=${MEMORY_LIMIT_MB}`,
      join(repoRoot, 'bin/idp.js'),
      ...CLI_COMMAND[options.action]
    ]
    for (const [name, value] of Object.entries(inputs)) args.push(`--${name}`, value)
    const env: Record<string, string> = {
      ...base,
      IDP_CLI_SUMMARY: 'on',
      GITHUB_TOKEN: SENTINEL,
      // tsx compiles the CLI on the fly; its cache lives outside the sandbox's TMPDIR.
      TSX_TSCONFIG_PATH: join(repoRoot, 'tsconfig.json'),
      ...fillAll(options.env, sandbox)
    }
    spawned = await run(process.execPath, args, {
      cwd: sandbox.workspace,
      env,
      timeoutMs: options.timeoutMs + 10000,
      killWhen,
      kill: options.kill
    })
  }
  const read = (f: string) => (existsSync(f) ? readFileSync(f, 'utf8') : '')
  const repositoriesAfter: RepositoryState = {
    gitops: repositoryState(sandbox.gitops),
    catalog: repositoryState(sandbox.catalog)
  }
  const skip = (p: string) =>
    p.startsWith(join(sandbox.runnerTemp, 'actions')) || p === join(sandbox.workspace, '.git')
  const sentinelFiles = [sandbox.runnerTemp, sandbox.tmp, sandbox.home, sandbox.workspace].flatMap(
    root => filesHolding(root, SENTINEL, skip)
  )
  // Unchanged objects cannot hold anything new: only a changed repository is searched.
  const sentinelInRepositories = (['gitops', 'catalog'] as const).filter(
    name =>
      repositoriesBefore[name] !== repositoriesAfter[name] &&
      repositoryHolds(sandbox[name], SENTINEL)
  )
  const tmpLeft = readdirSync(sandbox.tmp).filter(name => !name.startsWith('tsx-'))
  const gitInputEnv = [
    ...new Set(read(join(sandbox.bin, 'git-input-env.log')).split('\n').filter(Boolean))
  ]
  return {
    tmpLeft,
    gitInputEnv,
    exitCode: spawned.exitCode,
    signal: spawned.signal,
    stdout: spawned.stdout,
    stderr: spawned.stderr,
    outputs: parseOutputFile(read(outputFile)),
    summary: read(summaryFile),
    annotations: parseAnnotations(spawned.stdout),
    durationMs: spawned.durationMs,
    timedOut: spawned.timedOut,
    sandbox,
    repositoriesBefore,
    repositoriesAfter,
    sentinelFiles,
    sentinelInRepositories,
    via: options.via
  }
}

/** Runs tasks with at most `limit` at a time, in the order they were queued. */
export function createPool(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let active = 0
  const queue: (() => void)[] = []
  const next = () => {
    if (active >= limit || queue.length === 0) return
    active++
    queue.shift()!()
  }
  return task =>
    new Promise((resolve, reject) => {
      queue.push(() => {
        task()
          .then(resolve, reject)
          .finally(() => {
            active--
            next()
          })
      })
      next()
    })
}
