// The GitOps gate's sandbox: the GitOps repository's deployed `main` holding two services' folders with
// render records (shop, owned by acme/shop, and payments, owned by acme/payments; payments updated after
// shop was deployed), a hostile promotion branch pushed next to it, and the workspace the platform's
// workflow has: a checkout of the GitOps repository (the pushed branch for verify-gitops, main for
// merge-gitops) with the platform's config checked out under .idp-platform/. Trees are built with git's
// plumbing (mktree, commit-tree), so a case can push what a service pipeline could push and the
// porcelain would refuse: links, gitlinks, executable files, odd entry names.
import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { promotionMessage } from '../../shared/src/gitops/testing/broker-fixture.js'
import type { RenderRecord } from '../../shared/src/render/record.js'
import type { Rendered, Sandbox } from './harness.js'
import { seal } from './template.js'

/** A tree entry with a mode of its own; a gitlink's content is the commit it points at. */
export interface GateEntry {
  readonly mode: '100644' | '100755' | '120000' | '160000'
  readonly content: string | Buffer
}
/** What a branch puts at a repository path: text or bytes, an entry, or null (removes it and all under it). */
export type GateFile = string | Buffer | GateEntry | null

/** The deployed services' folders, as files (path inside the folder → text). */
export interface GateFixture {
  /** shop's render in dev as render wrote it (the template's, record included). */
  readonly shop: Readonly<Record<string, string>>
  readonly shopRecord: Readonly<Record<string, unknown>>
  /** shop's folder re-sealed after `changes` (null removes a file) with `patch` merged into its record. */
  resealed(
    changes?: Readonly<Record<string, string | null>>,
    patch?: Readonly<Record<string, unknown>>
  ): Record<string, string>
  /** The commit message promote writes for a folder's record. */
  message(files: Readonly<Record<string, string>>): string
  /** payments' folder as deployed. */
  readonly payments: Readonly<Record<string, string>>
}

export interface GateBranch {
  /** Default `idp/dev/shop`. */
  readonly branch?: string
  /** Repository paths the branch changes (`under` places a folder's files). */
  readonly files: (f: GateFixture) => Record<string, GateFile>
  /** Default: the promotion message of the branch's envs/dev/shop record. */
  readonly message?: (f: GateFixture) => string
  /** `old`: built on the commit before payments' update instead of the deployed tip. */
  readonly base?: 'tip' | 'old'
  /** A merge commit of the deployed tip and the old base (a history that brings the old tree back). */
  readonly mergeOld?: boolean
  /** A commit with no parent: a history unrelated to the deployed branch. */
  readonly orphan?: boolean
  /** A second commit on top of the first (its own files and message). */
  readonly then?: { readonly files: GateBranch['files']; readonly message: GateBranch['message'] }
  /** Empty commits on top of the branch's commit (a history longer than the gate attributes). */
  readonly extraCommits?: number
  readonly author?: { readonly name: string; readonly email: string }
  /** The platform's config as the case needs it (trusted: the platform team's). */
  readonly platform?: (text: string) => string
}

export const SHOP = 'envs/dev/shop'
export const PAYMENTS = 'envs/dev/payments'
export const GATE_PLATFORM = '.idp-platform/platform.yaml'
/** shop's previous release, deployed in dev. */
export const OLD_IMAGE = `ghcr.io/acme/shop@sha256:${'0'.repeat(64)}`
export const OLD_COMMIT = 'b'.repeat(40)
const KUSTOMIZATION = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n'

/** `files` of a folder placed under `folder` (repository paths). */
export function under(folder: string, files: Readonly<Record<string, GateFile>>) {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${folder}/${k}`, v]))
}

function git(cwd: string, args: string[], input?: string | Buffer): string {
  return execFileSync('git', args, {
    cwd,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: cwd,
      GIT_TERMINAL_PROMPT: '0',
      GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z',
      GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z'
    }
  })
}

type Entry = { mode: string; sha: string }

/** Writes trees and commits with plumbing in a scratch repository holding the bare one's objects. */
class TreeWriter {
  private readonly blobs = new Map<string, string>()
  constructor(readonly dir: string) {}

  blob(content: string | Buffer): string {
    const key = typeof content === 'string' ? `s${content}` : `b${content.toString('base64')}`
    let sha = this.blobs.get(key)
    if (!sha) {
      sha = git(this.dir, ['hash-object', '-w', '--stdin'], content).trim()
      this.blobs.set(key, sha)
    }
    return sha
  }

  entries(commit: string): Map<string, Entry> {
    const out = new Map<string, Entry>()
    for (const line of git(this.dir, ['ls-tree', '-r', '-z', commit]).split('\0')) {
      const m = /^(\d+) \w+ ([0-9a-f]+)\t([\s\S]+)$/.exec(line)
      if (m) out.set(m[3], { mode: m[1], sha: m[2] })
    }
    return out
  }

  apply(entries: Map<string, Entry>, files: Readonly<Record<string, GateFile>>): void {
    for (const [path, spec] of Object.entries(files)) {
      for (const key of [...entries.keys()])
        if (key === path || key.startsWith(`${path}/`)) entries.delete(key)
      if (spec === null) continue
      if (typeof spec === 'string' || Buffer.isBuffer(spec))
        entries.set(path, { mode: '100644', sha: this.blob(spec) })
      else if (spec.mode === '160000')
        entries.set(path, { mode: spec.mode, sha: String(spec.content) })
      else entries.set(path, { mode: spec.mode, sha: this.blob(spec.content) })
    }
  }

  /** The tree of `entries` (paths split at `/`; any name git's mktree takes). */
  tree(entries: Map<string, Entry>): string {
    const here = new Map<string, Entry>()
    const dirs = new Map<string, Map<string, Entry>>()
    for (const [path, entry] of entries) {
      const slash = path.indexOf('/')
      if (slash < 0) here.set(path, entry)
      else {
        const [dir, rest] = [path.slice(0, slash), path.slice(slash + 1)]
        if (!dirs.has(dir)) dirs.set(dir, new Map())
        dirs.get(dir)!.set(rest, entry)
      }
    }
    const lines: string[] = []
    for (const [name, e] of here)
      lines.push(`${e.mode} ${e.mode === '160000' ? 'commit' : 'blob'} ${e.sha}\t${name}`)
    for (const [name, sub] of dirs) lines.push(`040000 tree ${this.tree(sub)}\t${name}`)
    return git(this.dir, ['mktree', '-z', '--missing'], lines.map(l => `${l}\0`).join('')).trim()
  }

  commit(
    tree: string,
    parents: string[],
    message: string,
    who = { name: 'service-pipeline', email: 'pipeline@example.com' }
  ): string {
    return git(
      this.dir,
      [
        '-c',
        `user.name=${who.name}`,
        '-c',
        `user.email=${who.email}`,
        'commit-tree',
        tree,
        ...parents.flatMap(p => ['-p', p]),
        '-F',
        '-'
      ],
      message
    ).trim()
  }
}

function fixtureOf(rendered: Rendered): GateFixture {
  const shop = rendered.dev
  const shopRecord = JSON.parse(shop['.idp/render.json']) as Record<string, unknown>
  const resealed: GateFixture['resealed'] = (changes = {}, patch = {}) => {
    const files: Record<string, string> = {}
    for (const [name, text] of Object.entries(shop))
      if (!name.startsWith('.idp/')) files[name] = text
    for (const [name, text] of Object.entries(changes))
      if (text === null) delete files[name]
      else files[name] = text
    return seal(files, { ...shopRecord, ...patch })
  }
  const message = (files: Readonly<Record<string, string>>) =>
    promotionMessage(JSON.parse(files['.idp/render.json']) as RenderRecord)
  return { shop, shopRecord, resealed, message, payments: {} }
}

/**
 * Builds the deployed `main` of the sandbox's GitOps repository and pushes the case's branch to it;
 * then makes the workspace a checkout of the GitOps repository (the branch, or main) with the
 * platform's config under .idp-platform/. Returns the branch name.
 */
export function prepareGate(
  sandbox: Sandbox,
  rendered: Rendered,
  branch: GateBranch,
  checkout: 'branch' | 'main'
): string {
  const name = branch.branch ?? 'idp/dev/shop'
  const scratch = join(sandbox.root, 'gate-scratch')
  mkdirSync(scratch, { recursive: true })
  git(scratch, ['init', '--quiet', '--bare'])
  git(scratch, ['fetch', '--quiet', sandbox.gitops, 'refs/heads/main:refs/heads/main'])
  const w = new TreeWriter(scratch)
  const f = fixtureOf(rendered)
  const start = git(scratch, ['rev-parse', 'main']).trim()
  const entries = w.entries(start)
  // payments' folder as a real render holds it (a Kustomization the validation accepts).
  const paymentsRecord = JSON.parse(git(scratch, ['show', `main:${PAYMENTS}/.idp/render.json`]))
  const payments = seal({ 'kustomization.yaml': `${KUSTOMIZATION}resources: []\n` }, paymentsRecord)
  w.apply(entries, under(PAYMENTS, payments))
  const fixture = { ...f, payments }
  // Commit 1: shop's previous release (another image), as promote wrote it.
  const oldShop = fixture.resealed(
    Object.fromEntries(
      Object.entries(f.shop)
        .filter(([n]) => !n.startsWith('.idp/'))
        .map(([n, t]) => [n, t.replaceAll(imageOf(f), OLD_IMAGE)])
    ),
    {
      images: Object.fromEntries(
        Object.keys(f.shopRecord.images as object).map(k => [k, OLD_IMAGE])
      ),
      source: {
        ...(f.shopRecord.source as object),
        commit: OLD_COMMIT,
        commitTime: '2026-10-01T10:00:00Z'
      }
    }
  )
  w.apply(entries, under(SHOP, oldShop))
  const old = w.commit(w.tree(entries), [start], fixture.message(oldShop))
  // Commit 2: payments' own update, after shop's: what an old base would revert.
  const record = JSON.parse(payments['.idp/render.json']) as Record<string, unknown>
  const updated = seal(
    { 'kustomization.yaml': `${KUSTOMIZATION}resources: []\n# payments 2\n` },
    { ...record, source: { ...(record.source as object), runNumber: 100 } }
  )
  w.apply(entries, under(PAYMENTS, updated))
  const tip = w.commit(
    w.tree(entries),
    [old],
    promotionMessage(JSON.parse(updated['.idp/render.json'])),
    {
      name: 'payments-pipeline',
      email: 'payments@example.com'
    }
  )
  // The case's branch.
  const base = branch.base === 'old' ? old : tip
  const branchEntries = w.entries(base)
  const changes = branch.files(fixture)
  w.apply(branchEntries, changes)
  const shopRecordText = Object.entries(changes).find(([p]) => p.endsWith('/.idp/render.json'))?.[1]
  const message = branch.message
    ? branch.message(fixture)
    : typeof shopRecordText === 'string'
      ? promotionMessage(JSON.parse(shopRecordText) as RenderRecord)
      : fixture.message(fixture.resealed())
  const parents = branch.orphan ? [] : branch.mergeOld ? [tip, old] : [base]
  let head = w.commit(w.tree(branchEntries), parents, message, branch.author)
  if (branch.then) {
    w.apply(branchEntries, branch.then.files(fixture))
    head = w.commit(w.tree(branchEntries), [head], branch.then.message!(fixture), branch.author)
  }
  const tree = w.tree(branchEntries)
  for (let i = 0; i < (branch.extraCommits ?? 0); i++)
    head = w.commit(tree, [head], `${message}\n\nagain ${i}\n`, branch.author)
  // No background gc in the GitOps repository while the case runs (the invariants compare its objects).
  git(sandbox.gitops, ['config', 'receive.autogc', 'false'])
  git(scratch, [
    'push',
    '--quiet',
    sandbox.gitops,
    `${tip}:refs/heads/main`,
    `${head}:refs/heads/${name}`
  ])
  rmSync(scratch, { recursive: true, force: true })
  // The workspace: the platform workflow's checkout of the GitOps repository and the platform config.
  const service = join(sandbox.root, 'service')
  renameSync(sandbox.workspace, service)
  git(sandbox.root, [
    'clone',
    '--quiet',
    '--no-checkout',
    `file://${sandbox.gitops}`,
    sandbox.workspace
  ])
  git(sandbox.workspace, [
    '-c',
    'core.symlinks=true',
    'checkout',
    '--quiet',
    '-B',
    checkout === 'branch' ? name.replace(/\//g, '-') : 'main',
    checkout === 'branch' ? `origin/${name}` : 'origin/main'
  ])
  cpSync(join(service, 'platform'), join(sandbox.workspace, '.idp-platform'), { recursive: true })
  const platformFile = join(sandbox.workspace, GATE_PLATFORM)
  const text = readFileSync(platformFile, 'utf8')
  writeFileSync(platformFile, branch.platform ? branch.platform(text) : text)
  rmSync(service, { recursive: true, force: true })
  return name
}

/** The image the template's render deployed (every component runs it). */
function imageOf(f: GateFixture): string {
  return Object.values(f.shopRecord.images as Record<string, string>)[0]
}
