// Service identity through the real commands: a hostile repository renders, validates, promotes and
// registers as another service. Each case asserts one user error and nothing written.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import { renderCommand } from '../commands/render.js'
import { validateCommand } from '../commands/validate.js'
import { createBareRepo, fileUrl, git, tempFolder } from '../gitops/testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from '../gitops/testing/promote-fixture.js'
import { writeRenderedFolder } from '../gitops/testing/render-fixture.js'
import { EXAMPLE_IMAGES } from '../render/testing.js'
import type { Command } from '../runtime/command.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..')

let tmp: ReturnType<typeof tempFolder>
let repo: string

const REGISTRY = [
  '  services:',
  '    - name: checkout',
  '      repository: Acme/Checkout',
  '      owner: team-payments',
  "    - name: 'payments-*'",
  "      repository: 'acme/{service}'",
  ''
].join('\n')

/** The example platform config, with the registry above when asked. */
function platformFile(withRegistry: boolean): string {
  const file = join(repo, 'platform', 'platform.yaml')
  const text = readFileSync(join(project, 'examples/platform/platform.yaml'), 'utf8')
  writeFileSync(file, withRegistry ? text.replace(/^spec:\n/m, `spec:\n${REGISTRY}`) : text)
  return 'platform/platform.yaml'
}

beforeEach(() => {
  tmp = tempFolder('boundary-identity')
  repo = join(tmp.path, 'repo')
  cpSync(join(project, 'examples/checkout'), repo, { recursive: true })
  cpSync(join(project, 'examples/platform'), join(repo, 'platform'), { recursive: true })
  git(repo, 'init', '-q')
})
afterEach(() => tmp.remove())

async function run(
  command: Command<unknown>,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv
) {
  const logger = new RecordingLogger()
  const result = await runLocal(command, inputs, { workspace: repo, logger, env })
  return { ...result, log: logger.text() }
}

const render = (env: NodeJS.ProcessEnv, withRegistry = true) =>
  run(
    renderCommand as Command<unknown>,
    { 'platform-config': platformFile(withRegistry), environment: 'dev', image: EXAMPLE_IMAGES },
    env
  )

describe('render binds metadata.name to the repository', () => {
  it('refuses another repository rendering a registered service, at the metadata.name line', async () => {
    const result = await render({ GITHUB_REPOSITORY: 'acme/evil' })
    expect(result.exitCode).toBe(1)
    expect(result.failure).toMatch(/idp\.yaml:\d+:\d+/)
    expect(result.failure).toContain("Service 'checkout' belongs to acme/checkout")
    expect(result.failure).toContain('acme/evil (GITHUB_REPOSITORY)')
    expect(existsSync(join(repo, 'rendered'))).toBe(false)
  })

  it('refuses a service the registry does not know, and the wrong owner', async () => {
    const descriptor = join(repo, 'idp.yaml')
    writeFileSync(
      descriptor,
      readFileSync(descriptor, 'utf8').replace('name: checkout', 'name: shipping')
    )
    const unknown = await render({ GITHUB_REPOSITORY: 'acme/shipping' })
    expect(unknown.failure).toContain("Service 'shipping' (idp.yaml) is not registered")
    writeFileSync(
      descriptor,
      readFileSync(descriptor, 'utf8')
        .replace('name: shipping', 'name: checkout')
        .replace('owner: team-payments', 'owner: team-evil')
    )
    const owner = await render({ GITHUB_REPOSITORY: 'acme/checkout' })
    expect(owner.failure).toContain('registered to owner team-payments')
    expect(existsSync(join(repo, 'rendered'))).toBe(false)
  })

  it("takes the CLI's identity from the descriptor checkout's origin remote", async () => {
    git(repo, 'remote', 'add', 'origin', 'https://github.com/acme/evil.git')
    const evil = await render({})
    expect(evil.failure).toContain('this run comes from acme/evil (the git remote origin')
    git(repo, 'remote', 'set-url', 'origin', 'git@github.com:ACME/checkout.git')
    const own = await render({})
    expect(own.failure).toBeUndefined()
    expect(own.exitCode).toBe(0)
  })

  it('renders as before without a registry', async () => {
    const result = await render({ GITHUB_REPOSITORY: 'acme/anything' }, false)
    expect(result.exitCode).toBe(0)
  })
})

describe('validate checks render records against the registry', () => {
  it('refuses a rendered folder of a registered service from another repository', async () => {
    platformFile(true)
    writeRenderedFolder(join(repo, 'rendered', 'dev'), {
      service: 'checkout',
      environment: 'dev',
      repository: 'acme/evil'
    })
    const result = await run(
      validateCommand as Command<unknown>,
      { manifests: 'rendered/dev', 'platform-config': 'platform/platform.yaml' },
      {}
    )
    expect(result.exitCode).not.toBe(0)
    expect(result.failure).toContain("Service 'checkout' belongs to acme/checkout")
  })
})

describe('catalog binds metadata.name to the repository', () => {
  it('refuses to register a service from another repository, writing nothing', async () => {
    const result = await run(
      catalogCommand as Command<unknown>,
      { 'platform-config': platformFile(true) },
      { GITHUB_REPOSITORY: 'acme/evil' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.failure).toContain("Service 'checkout' belongs to acme/checkout")
    expect(existsSync(join(repo, 'catalog-info.yaml'))).toBe(false)
  })
})

describe('promote binds the folder to its repository', () => {
  let bare: string
  let platform: string
  beforeEach(() => {
    bare = createBareRepo(join(tmp.path, 'gitops.git'))
    platform = join(tmp.path, 'platform.yaml')
    writePlatformConfig(platform, fileUrl(bare))
  })
  const folder = (name: string, repository: string, service = 'checkout') => {
    const manifests = join(tmp.path, 'rendered', name)
    writeRenderedFolder(manifests, {
      service,
      environment: 'dev',
      repository,
      commitTime: `2026-11-0${name.length % 9}T10:00:00Z`,
      images: { api: `ghcr.io/acme/${service}:${name}` }
    })
    return manifests
  }
  const promote = (manifests: string, env: NodeJS.ProcessEnv) =>
    runPromote({ manifests, 'platform-config': platform }, { workspace: tmp.path, env })
  const tree = () => git(bare, 'ls-tree', '-r', 'main')

  it('without a registry, the first writer owns the folder', async () => {
    const first = await promote(folder('a', 'acme/checkout'), {
      GITHUB_REPOSITORY: 'acme/checkout'
    })
    expect(first.error).toBeUndefined()
    const before = tree()
    const takeover = await promote(folder('bb', 'acme/evil'), { GITHUB_REPOSITORY: 'acme/evil' })
    expect(takeover.error?.message).toContain('belongs to acme/checkout')
    expect(takeover.error?.message).toContain('spec.services')
    expect(tree()).toBe(before)
    // The owner itself may promote again (case-insensitively).
    const again = await promote(folder('ccc', 'Acme/Checkout'), {
      GITHUB_REPOSITORY: 'ACME/checkout'
    })
    expect(again.error).toBeUndefined()
  })

  it("without a registry, does not overwrite another repository's open proposal either", async () => {
    writePlatformConfig(platform, fileUrl(bare), { baseMode: 'pull-request' })
    const first = await promote(folder('a', 'acme/checkout'), {
      GITHUB_REPOSITORY: 'acme/checkout'
    })
    expect(first.error).toBeUndefined()
    const proposal = git(bare, 'rev-parse', 'refs/heads/idp/dev/checkout')
    const takeover = await promote(folder('bb', 'acme/evil'), { GITHUB_REPOSITORY: 'acme/evil' })
    expect(takeover.error?.message).toContain('belongs to acme/checkout')
    expect(git(bare, 'rev-parse', 'refs/heads/idp/dev/checkout')).toBe(proposal)
  })

  it('refuses a render record forged to name the owner while the run is another repository', async () => {
    await promote(folder('a', 'acme/checkout'), { GITHUB_REPOSITORY: 'acme/checkout' })
    const before = tree()
    const forged = await promote(folder('bb', 'acme/checkout'), { GITHUB_REPOSITORY: 'acme/evil' })
    expect(forged.error?.message).toContain(
      'rendered from acme/checkout, but this run comes from acme/evil'
    )
    expect(tree()).toBe(before)
  })

  it('in the CLI, compares the record with the origin remote of the rendered folder', async () => {
    const manifests = folder('a', 'acme/checkout')
    git(tmp.path, 'init', '-q')
    git(tmp.path, 'remote', 'add', 'origin', 'https://github.com/acme/evil')
    const run = await promote(manifests, {})
    expect(run.error?.message).toContain('but this run comes from acme/evil (the git remote origin')
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'main')).not.toContain('envs/dev/checkout')
  })

  it('with a registry, only the registered repository promotes, and the registry transfers ownership', async () => {
    await promote(folder('a', 'acme/checkout'), { GITHUB_REPOSITORY: 'acme/checkout' })
    writeFileSync(
      platform,
      readFileSync(platform, 'utf8').replace(
        /^spec:\n/m,
        'spec:\n  services:\n    - name: checkout\n      repository: acme/checkout-v2\n'
      )
    )
    const before = tree()
    const old = await promote(folder('bb', 'acme/checkout'), { GITHUB_REPOSITORY: 'acme/checkout' })
    expect(old.error?.message).toContain("Service 'checkout' belongs to acme/checkout-v2")
    const unknown = await promote(folder('cc', 'acme/payments', 'payments'), {
      GITHUB_REPOSITORY: 'acme/payments'
    })
    expect(unknown.error?.message).toContain(
      "Service 'payments' (the render record) is not registered"
    )
    expect(tree()).toBe(before)
    const moved = await promote(folder('ddd', 'acme/checkout-v2'), {
      GITHUB_REPOSITORY: 'acme/checkout-v2'
    })
    expect(moved.error).toBeUndefined()
    expect(tree()).not.toBe(before)
  })
})

describe('catalog does not let an input claim another repository', () => {
  it('refuses a source-repository other than the run repository, writing nothing', async () => {
    const result = await run(
      catalogCommand as Command<unknown>,
      { 'platform-config': platformFile(false), 'source-repository': 'acme/payments' },
      { GITHUB_REPOSITORY: 'acme/checkout' }
    )
    expect(result.exitCode).toBe(1)
    expect(result.failure).toContain(
      "Input 'source-repository' names acme/payments, but this run comes from acme/checkout"
    )
    expect(existsSync(join(repo, 'catalog-info.yaml'))).toBe(false)
    const same = await run(
      catalogCommand as Command<unknown>,
      { 'platform-config': platformFile(false), 'source-repository': 'ACME/checkout' },
      { GITHUB_REPOSITORY: 'acme/checkout' }
    )
    expect(same.failure).toBeUndefined()
  })
})

describe('catalog checks its branch input before git sees it', () => {
  it.each(['main..x', '-x', 'a@{0}'])('refuses %j', async branch => {
    const catalog = createBareRepo(join(tmp.path, 'catalog.git'))
    const before = git(catalog, 'for-each-ref')
    const result = await run(
      catalogCommand as Command<unknown>,
      {
        'platform-config': platformFile(false),
        mode: 'repository',
        repository: fileUrl(catalog),
        branch
      },
      { GITHUB_REPOSITORY: 'acme/checkout' }
    )
    expect(result.failure).toContain("Input 'branch' is not a valid git branch name")
    expect(git(catalog, 'for-each-ref')).toBe(before)
  })
})
