// The GitOps gate against branches built with git's plumbing, as a hostile service pipeline can push
// them: tree entries no render writes (submodules, executable and hidden files, `..`, `.git`), records
// whose catalog fields or images lie, an old render replayed over a newer one, an unrelated history.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { loadPlatformConfig } from '../descriptor/platform.js'
import type { Finding } from '../policy/finding.js'
import { levelOf } from '../policy/result-set.js'
import type { RenderRecord } from '../render/record.js'
import { contentDigest } from '../render/serialize.js'
import { RecordingLogger } from '../runtime/logger.js'
import { brokerMerge } from './broker-merge.js'
import { resolveRemote } from './remote.js'
import {
  promotionMessage,
  renderedFiles,
  under,
  writeGatePlatform
} from './testing/broker-fixture.js'
import { createBareRepo, git, tempFolder, tipOf } from './testing/git-fixtures.js'
import { verifyCheckout } from './verify-checkout.js'
import { serviceEntryProblem, unsafePathProblem } from './verify-tree.js'

const PLATFORM_BOT = { name: 'idp-platform[bot]', email: 'platform-bot@example.com' }
const rules = (findings: readonly Finding[]) =>
  findings.filter(f => levelOf(f) !== 'none').map(f => f.rule)

type Entry = { mode: string; content: string }
const file = (content: string): Entry => ({ mode: '100644', content })

function plumb(cwd: string, args: string[], input?: string): string {
  return execFileSync('git', args, { cwd, input, encoding: 'utf8' })
}

/**
 * Pushes `branch`: the tree of `from` with `entries` set (any mode, any name git's mktree takes; a
 * gitlink's content is its commit) and `remove` gone, as one commit on `parents` (default `from`).
 */
function pushTree(
  bare: string,
  branch: string,
  options: {
    from: string
    entries?: Record<string, Entry>
    remove?: string[]
    message: string
    author?: { name: string; email: string }
    parents?: string[]
  }
): string {
  const dir = mkdtempSync(join(bare, '..', 'plumb-'))
  try {
    plumb(dir, ['init', '--quiet', '--bare'])
    plumb(dir, ['fetch', '--quiet', bare, `${options.from}:refs/heads/from`])
    const all = new Map<string, { mode: string; sha: string }>()
    for (const line of plumb(dir, ['ls-tree', '-r', '-z', 'from']).split('\0').filter(Boolean)) {
      const [meta, path] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)]
      const [mode, , sha] = meta.split(' ')
      all.set(path, { mode, sha })
    }
    for (const gone of options.remove ?? [])
      for (const key of [...all.keys()])
        if (key === gone || key.startsWith(`${gone}/`)) all.delete(key)
    for (const [path, e] of Object.entries(options.entries ?? {}))
      all.set(path, {
        mode: e.mode,
        sha:
          e.mode === '160000'
            ? e.content
            : plumb(dir, ['hash-object', '-w', '--stdin'], e.content).trim()
      })
    const tree = (entries: Map<string, { mode: string; sha: string }>): string => {
      const lines: string[] = []
      const dirs = new Map<string, Map<string, { mode: string; sha: string }>>()
      for (const [path, e] of entries) {
        const slash = path.indexOf('/')
        if (slash < 0) {
          lines.push(`${e.mode} ${e.mode === '160000' ? 'commit' : 'blob'} ${e.sha}\t${path}\0`)
          continue
        }
        const name = path.slice(0, slash)
        if (!dirs.has(name)) dirs.set(name, new Map())
        dirs.get(name)!.set(path.slice(slash + 1), e)
      }
      for (const [name, sub] of dirs) lines.push(`040000 tree ${tree(sub)}\t${name}\0`)
      return plumb(dir, ['mktree', '-z', '--missing'], lines.join('')).trim()
    }
    const who = options.author ?? { name: 'service-pipeline', email: 'pipeline@example.com' }
    const parents = options.parents ?? [plumb(dir, ['rev-parse', 'from']).trim()]
    const sha = plumb(
      dir,
      [
        '-c',
        `user.name=${who.name}`,
        '-c',
        `user.email=${who.email}`,
        'commit-tree',
        tree(all),
        ...parents.flatMap(p => ['-p', p]),
        '-F',
        '-'
      ],
      options.message
    ).trim()
    plumb(dir, ['push', '--quiet', '--force', bare, `${sha}:refs/heads/${branch}`])
    return sha
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** A rendered folder's files, re-sealed after `changes` with `patch` on its record. */
function sealed(
  rendered: { files: Record<string, string>; record: RenderRecord },
  changes: Record<string, string> = {},
  patch: Partial<RenderRecord> = {}
): { files: Record<string, string>; record: RenderRecord } {
  const files = Object.fromEntries(
    Object.entries({ ...rendered.files, ...changes }).filter(([n]) => !n.startsWith('.idp/'))
  )
  const record = {
    ...rendered.record,
    ...patch,
    digest: contentDigest(new Map(Object.entries(files))),
    files: Object.keys(files).sort()
  }
  return {
    files: { ...files, '.idp/render.json': `${JSON.stringify(record, null, 2)}\n` },
    record
  }
}
const entriesOf = (folder: string, files: Record<string, string>) =>
  Object.fromEntries(Object.entries(under(folder, files)).map(([p, t]) => [p, file(t)]))

describe('the GitOps gate against plumbing-built branches', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let base: string
  let platformFile: string
  const checkout = renderedFiles({ service: 'checkout', environment: 'dev' })

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'verify-entries')
    const payments = renderedFiles({ service: 'payments', environment: 'dev' })
    bare = createBareRepo(join(tmp.path, 'gitops.git'), {
      files: { 'README.md': '# gitops\n', ...under('envs/dev/payments', payments.files) }
    })
    // payments' next release, newer than the first: what a replay of the first would roll back.
    const next = sealed(
      payments,
      { 'application.yaml': payments.files['application.yaml'].replace('1.0.0', '1.1.0') },
      {
        images: { api: 'ghcr.io/acme/payments:1.1.0' },
        source: { ...payments.record.source, commitTime: '2026-11-05T10:00:00Z' }
      }
    )
    pushTree(bare, 'main', {
      from: 'main',
      entries: entriesOf('envs/dev/payments', next.files),
      message: promotionMessage(next.record)
    })
    base = tipOf(bare, 'main')
    platformFile = join(tmp.path, 'platform.yaml')
    writeGatePlatform(platformFile)
  })
  afterEach(() => tmp.remove())

  const verify = async (branch: string) => {
    const ws = join(tmp.path, `ws-${branch.replace(/\W+/g, '-')}`)
    mkdirSync(ws)
    git(ws, 'clone', '--quiet', '--branch', branch, bare, '.')
    return verifyCheckout({
      worktree: ws,
      base,
      platform: loadPlatformConfig(platformFile),
      platformFile,
      policies: [],
      crds: [],
      platformAuthors: [PLATFORM_BOT.email],
      serverUrl: 'https://github.com',
      logger: new RecordingLogger()
    })
  }
  const merge = (branch: string) =>
    brokerMerge({
      remote: resolveRemote(bare, 'https://github.com', tmp.path),
      branch,
      platform: loadPlatformConfig(platformFile),
      platformFile,
      platformAuthors: [],
      maxAttempts: 3,
      logger: new RecordingLogger(),
      tempRoot: tmp.path
    })
  const promote = (branch: string, entries: Record<string, Entry>, message?: string) =>
    pushTree(bare, branch, {
      from: 'main',
      entries: { ...entriesOf('envs/dev/checkout', checkout.files), ...entries },
      message: message ?? promotionMessage(checkout.record)
    })

  it.each([
    ['a submodule (gitlink)', { mode: '160000', content: 'c'.repeat(40) }, /submodule \(gitlink\)/],
    ['an executable file', { mode: '100755', content: 'kind: ConfigMap\n' }, /executable file/],
    ['a hidden file', file('[submodule "x"]\n\tpath = x\n\turl = ../evil\n'), /hidden file/]
  ])('refuses %s in a service folder, whatever the digest says', async (_, entry, why) => {
    const name = entry.mode === '100644' ? '.gitmodules' : 'extra.yaml'
    promote('odd', { [`envs/dev/checkout/${name}`]: entry })
    const outcome = await verify('odd')
    expect(rules(outcome.findings)).toEqual(['tree-entry'])
    expect(outcome.findings[0].message).toMatch(why)
    expect(outcome.findings[0].position?.file).toBe(`envs/dev/checkout/${name}`)
  })

  it.each([
    ["'..'", 'envs/dev/checkout/../payments/kustomization.yaml', /segment '\.\.'/],
    ["'.git'", 'envs/dev/checkout/.git/config', /git reads as its own folder/],
    ["'.GIT.'", 'envs/dev/checkout/.GIT./hooks/x', /git reads as its own folder/]
  ])('merge-gitops refuses a %s entry before checking it out', async (_, path, why) => {
    promote('idp/dev/checkout', { [path]: file('[core]\n\tfsmonitor = touch owned\n') })
    const before = tipOf(bare, 'main')
    const result = await merge('idp/dev/checkout')
    expect(result.merged).toBe(false)
    expect(rules(result.findings)).toEqual(['tree-entry'])
    expect(result.findings[0].message).toMatch(why)
    expect(result.findings[0].position?.file).toBe('envs/dev/checkout')
    expect(tipOf(bare, 'main')).toBe(before)
  })

  it('refuses an older render of another service replayed over its newer one', async () => {
    const first = renderedFiles({ service: 'payments', environment: 'dev' })
    pushTree(bare, 'replay', {
      from: 'main',
      entries: entriesOf('envs/dev/payments', first.files),
      message: promotionMessage(first.record)
    })
    const outcome = await verify('replay')
    expect(rules(outcome.findings)).toEqual(['older-render'])
    expect(outcome.findings[0].message).toMatch(/holds a newer render of payments/)
  })

  it("lets the platform's identity roll a folder back", async () => {
    const first = renderedFiles({ service: 'payments', environment: 'dev' })
    pushTree(bare, 'rollback', {
      from: 'main',
      entries: entriesOf('envs/dev/payments', first.files),
      message: promotionMessage(first.record),
      author: PLATFORM_BOT
    })
    expect(rules((await verify('rollback')).findings)).toEqual([])
  })

  it("merge-gitops refuses an older render even as the platform's author name (authorship is self-declared)", async () => {
    const first = renderedFiles({ service: 'payments', environment: 'dev' })
    pushTree(bare, 'idp/dev/payments', {
      from: 'main',
      entries: entriesOf('envs/dev/payments', first.files),
      message: promotionMessage(first.record),
      author: PLATFORM_BOT
    })
    const result = await brokerMerge({
      remote: resolveRemote(bare, 'https://github.com', tmp.path),
      branch: 'idp/dev/payments',
      platform: loadPlatformConfig(platformFile),
      platformFile,
      platformAuthors: [PLATFORM_BOT.email],
      maxAttempts: 3,
      logger: new RecordingLogger(),
      tempRoot: tmp.path
    })
    expect(rules(result.findings)).toEqual(['older-render'])
    expect(result.merged).toBe(false)
  })

  it.each([
    [
      'a Deployment beside the Application',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: side, namespace: checkout-dev }\nspec:\n  selector: { matchLabels: { a: b } }\n  template:\n    metadata: { labels: { a: b } }\n    spec: { containers: [{ name: c, image: ghcr.io/acme/checkout:9.9.9 }] }\n',
      /Deployment \(apps\/v1\)/
    ],
    [
      'a namespaced RoleBinding',
      'apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: rb, namespace: checkout-dev }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: admin }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: checkout-dev }]\n',
      /RoleBinding/
    ],
    [
      'a plain Secret',
      'apiVersion: v1\nkind: Secret\nmetadata: { name: s, namespace: checkout-dev }\nstringData: { a: b }\n',
      /Secret \(v1\)/
    ],
    [
      'an older KubeVela apiVersion',
      'apiVersion: core.oam.dev/v1alpha2\nkind: Application\nmetadata: { name: a, namespace: checkout-dev }\nspec: { components: [] }\n',
      /Application \(core.oam.dev\/v1alpha2\)/
    ]
  ])('refuses %s: a kind render never writes', async (_, manifest, why) => {
    const kustomization = `${checkout.files['kustomization.yaml']}  - extra.yaml\n`
    const odd = sealed(checkout, { 'extra.yaml': manifest, 'kustomization.yaml': kustomization })
    promote('odd-kind', entriesOf('envs/dev/checkout', odd.files), promotionMessage(odd.record))
    const outcome = await verify('odd-kind')
    const finding = outcome.findings.find(f => f.rule === 'rendered-kind')
    expect(finding?.message).toMatch(why)
    expect(finding?.position?.file).toBe('envs/dev/checkout/extra.yaml')
  })

  it('holds requires to what is deployed, not to the same change promoting dev too', async () => {
    const dev = renderedFiles({ service: 'checkout', environment: 'dev' })
    const prod = renderedFiles({ service: 'checkout', environment: 'prod' })
    pushTree(bare, 'both', {
      from: 'main',
      entries: entriesOf('envs/dev/checkout', dev.files),
      message: promotionMessage(dev.record)
    })
    pushTree(bare, 'both', {
      from: 'both',
      entries: entriesOf('envs/prod/checkout', prod.files),
      message: promotionMessage(prod.record)
    })
    const outcome = await verify('both')
    expect(rules(outcome.findings)).toEqual(['promotion-gate'])
    expect(outcome.findings[0].message).toMatch(/prod requires dev first/)
    expect(outcome.findings[0].position?.file).toBe('envs/prod/checkout/.idp/render.json')
  })

  it('refuses a record whose images are not the ones its manifests run', async () => {
    const lying = sealed(checkout, {}, { images: { api: 'ghcr.io/acme/checkout:0.9.0' } })
    promote('lying', entriesOf('envs/dev/checkout', lying.files), promotionMessage(lying.record))
    const outcome = await verify('lying')
    expect(rules(outcome.findings)).toEqual(['render-record'])
    expect(outcome.findings[0].message).toMatch(/images are not what envs\/dev\/checkout runs/)
  })

  it.each([
    ['runUrl', { runUrl: 'javascript:alert(document.cookie)' }, /source\.runUrl/],
    ['runUrl', { runUrl: 'https://github.com/a) [ok](https://evil.example' }, /source\.runUrl/],
    ['commit', { commit: 'main; rm -rf /' }, /source\.commit/]
  ])("refuses a record's %s the catalog would copy as it is", async (_, source, why) => {
    const forged = sealed(checkout, {}, { source: { ...checkout.record.source, ...source } })
    promote('forged', entriesOf('envs/dev/checkout', forged.files), promotionMessage(forged.record))
    const outcome = await verify('forged')
    expect(rules(outcome.findings)).toContain('render-record')
    expect(outcome.findings.map(f => f.message).join('\n')).toMatch(why)
  })

  it.each([
    ['a field render never writes', { x: [[[['deep']]]] }, /field "x"/],
    [
      'a source field render never writes',
      { source: { ...checkout.record.source, via: 'x' } },
      /field "source.via"/
    ]
  ])('refuses a record with %s', async (_, patch, why) => {
    const odd = sealed(checkout, {}, patch as Partial<RenderRecord>)
    promote('odd-record', entriesOf('envs/dev/checkout', odd.files), promotionMessage(odd.record))
    const outcome = await verify('odd-record')
    expect(rules(outcome.findings)).toEqual(['render-record'])
    expect(outcome.findings[0].message).toMatch(why)
  })

  it('refuses an unrelated history as one failure (no finding without a file)', async () => {
    pushTree(bare, 'orphan', {
      from: 'main',
      entries: entriesOf('envs/dev/checkout', checkout.files),
      message: promotionMessage(checkout.record),
      parents: []
    })
    await expect(verify('orphan')).rejects.toThrow(/shares no history with the base/)
  })
})

describe('tree entry rules', () => {
  it.each([
    ['envs/dev/a/../b', /segment '\.\.'/],
    ['envs/dev/a/./b', /segment '\.'/],
    ['envs//dev', /segment ''/],
    ['envs/dev/a/.Git/config', /git reads/],
    ['envs/dev/a/GIT~1/config', /git reads/],
    ['envs/dev/a/x\ny.yaml', /control character/],
    ['envs/dev/a/x\u202ey.yaml', /control character/],
    ['envs/dev/a/x\\y.yaml', /backslash/],
    [`envs/${'d/'.repeat(30)}x.yaml`, /nested deeper/],
    [`envs/${'x'.repeat(600)}`, /longer than/]
  ])('refuses the path %j', (path, why) => {
    expect(unsafePathProblem(path)).toMatch(why)
  })

  it('accepts what render writes', () => {
    expect(unsafePathProblem('envs/dev/shop/application.yaml')).toBeUndefined()
    expect(serviceEntryProblem('application.yaml', '100644')).toBeUndefined()
    expect(serviceEntryProblem('.idp/render.json', '100644')).toBeUndefined()
    expect(serviceEntryProblem('.idp/other.json', '100644')).toMatch(/hidden/)
    expect(serviceEntryProblem('x.yaml', '120000')).toMatch(/symbolic link/)
  })
})
