// The file-reading boundary through the real commands: a hostile service repository tries to make
// render, catalog, validate and promote read (and print, commit or register) files outside itself.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync
} from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { catalogCommand } from '../commands/catalog.js'
import { renderCommand } from '../commands/render.js'
import { validateCommand } from '../commands/validate.js'
import {
  createBareRepo,
  fileUrl,
  git,
  readTree,
  tempFolder,
  tipOf
} from '../gitops/testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from '../gitops/testing/promote-fixture.js'
import { writeRenderedFolder } from '../gitops/testing/render-fixture.js'
import { EXAMPLE_IMAGES } from '../render/testing.js'
import type { Command } from '../runtime/command.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const SECRET = 'TOP-SECRET-OUTSIDE-THE-REPOSITORY'

let tmp: ReturnType<typeof tempFolder>
/** The service repository (a git work tree); `outside` sits next to it. */
let repo: string
let outside: string

beforeEach(() => {
  tmp = tempFolder('boundary-files')
  repo = join(tmp.path, 'repo')
  outside = join(tmp.path, 'outside')
  mkdirSync(outside, { recursive: true })
  writeFileSync(join(outside, 'secret.yaml'), `password: ${SECRET}\n`)
  mkdirSync(join(outside, 'docs'))
  writeFileSync(join(outside, 'docs', 'index.md'), `# ${SECRET}\n`)
  cpSync(join(project, 'examples/checkout'), repo, { recursive: true })
  cpSync(join(project, 'examples/platform'), join(repo, 'platform'), { recursive: true })
  git(repo, 'init', '-q')
})
afterEach(() => tmp.remove())

async function run(
  command: Command<unknown>,
  inputs: Record<string, string>,
  env: NodeJS.ProcessEnv = {}
) {
  const logger = new RecordingLogger()
  const result = await runLocal(command, inputs, { workspace: repo, logger, env })
  const everything = JSON.stringify({ result, logger })
  return { ...result, everything }
}

const render = (inputs: Record<string, string>, env?: NodeJS.ProcessEnv) =>
  run(
    renderCommand as Command<unknown>,
    {
      'platform-config': 'platform/platform.yaml',
      environment: 'dev',
      image: EXAMPLE_IMAGES,
      ...inputs
    },
    env
  )

describe('render reads the descriptor only inside the repository', () => {
  it('refuses idp.yaml as a symbolic link to /etc/passwd', async () => {
    rmSync(join(repo, 'idp.yaml'))
    symlinkSync('/etc/passwd', join(repo, 'idp.yaml'))
    const run = await render({ descriptor: 'idp.yaml' })
    expect(run.exitCode).toBe(1)
    expect(run.failure).toContain(
      "The service descriptor 'idp.yaml' is or passes through a symbolic link that leads outside the repository"
    )
    expect(run.everything).not.toContain('root:')
  })

  it('refuses ../ and absolute descriptor paths', async () => {
    for (const descriptor of [
      '../outside/secret.yaml',
      '/etc/passwd',
      join(outside, 'secret.yaml')
    ]) {
      const run = await render({ descriptor })
      expect(run.failure).toContain('is outside the repository')
      expect(run.everything).not.toContain(SECRET)
    }
  })

  it('refuses a descriptor reached through a linked folder', async () => {
    symlinkSync(outside, join(repo, 'svc'))
    const run = await render({ descriptor: 'svc/secret.yaml' })
    expect(run.failure).toContain('leads outside the repository')
  })

  it('refuses /dev/zero and /proc/self/environ behind links', async () => {
    symlinkSync('/dev/zero', join(repo, 'zero.yaml'))
    symlinkSync('/proc/self/environ', join(repo, 'environ.yaml'))
    for (const descriptor of ['zero.yaml', 'environ.yaml']) {
      const run = await render({ descriptor })
      expect(run.failure).toContain('leads outside the repository')
    }
  })

  it('says a folder given as the descriptor is a folder (no internal error)', async () => {
    const run = await render({ descriptor: 'docs' })
    expect(run.failure).toBe(
      "The service descriptor 'docs' is a folder, not a file. Name the file itself."
    )
  })

  it('in an action, refuses a platform config outside the workspace', async () => {
    const run = await render(
      { descriptor: 'idp.yaml', 'platform-config': '../outside/secret.yaml' },
      { GITHUB_ACTIONS: 'true' }
    )
    expect(run.failure).toContain(
      "The platform config '../outside/secret.yaml' is outside the repository"
    )
  })

  it('refuses a FIFO as the descriptor without hanging (the CLI, in a process of its own)', () => {
    execFileSync('mkfifo', [join(repo, 'pipe.yaml')])
    const cli = spawnSync(
      process.execPath,
      [
        join(project, 'bin/idp.js'),
        'render',
        '--descriptor',
        'pipe.yaml',
        '--platform-config',
        'platform/platform.yaml'
      ],
      { cwd: repo, timeout: 30_000, encoding: 'utf8', env: { ...process.env, GITHUB_ACTIONS: '' } }
    )
    expect(cli.signal).toBeNull()
    expect(cli.status).toBe(1)
    expect(cli.stderr).toContain("'pipe.yaml' is a FIFO (named pipe), not a regular file")
  })
})

describe('outputs are never written through a link out of the repository', () => {
  it('render refuses an output folder that links out', async () => {
    symlinkSync(outside, join(repo, 'rendered'))
    const run = await render({ descriptor: 'idp.yaml' })
    expect(run.failure).toContain(
      "The output folder 'rendered' is or passes through a symbolic link that leads outside the repository"
    )
    expect(existsSync(join(outside, 'dev'))).toBe(false)
  })

  it('catalog refuses a catalog-info.yaml that links out, and leaves its target alone', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'catalog-info.yaml'))
    const run = await runLocal(
      catalogCommand as Command<unknown>,
      { descriptor: 'idp.yaml', 'platform-config': 'platform/platform.yaml' },
      { workspace: repo, logger: new RecordingLogger(), env: {} }
    )
    expect(run.failure).toContain("The catalog file 'catalog-info.yaml' is or passes through")
    expect(readFileSync(join(outside, 'secret.yaml'), 'utf8')).toBe(`password: ${SECRET}\n`)
  })

  it('validate refuses a report file behind a dangling link', async () => {
    symlinkSync(join(outside, 'new-report.yaml'), join(repo, 'report.yaml'))
    const validated = await run(validateCommand as Command<unknown>, {
      manifests: 'platform',
      'report-file': 'report.yaml'
    })
    expect(validated.failure).toContain("The report file 'report.yaml' is or passes through")
    expect(existsSync(join(outside, 'new-report.yaml'))).toBe(false)
  })
})

describe('catalog entities never carry content from outside the repository', () => {
  const catalog = (inputs: Record<string, string> = {}) =>
    run(catalogCommand as Command<unknown>, {
      descriptor: 'idp.yaml',
      'platform-config': 'platform/platform.yaml',
      'source-repository': 'acme/checkout',
      ...inputs
    })

  it('registers the example as before', async () => {
    const run = await catalog()
    expect(run.exitCode).toBe(0)
    expect(readFileSync(join(repo, 'catalog-info.yaml'), 'utf8')).toContain('openapi:')
  })

  it('refuses an API definition that is a link out of the repository', async () => {
    rmSync(join(repo, 'openapi.yaml'))
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'openapi.yaml'))
    const run = await catalog()
    expect(run.exitCode).toBe(1)
    expect(run.failure).toMatch(
      /idp\.yaml:73:\d+: The API definition '.\/openapi\.yaml' is or passes through a symbolic link that leads outside/
    )
    expect(existsSync(join(repo, 'catalog-info.yaml'))).toBe(false)
    expect(run.everything).not.toContain(SECRET)
  })

  it('refuses an API definition outside the repository, at its line', async () => {
    const text = readFileSync(join(repo, 'idp.yaml'), 'utf8')
    writeFileSync(
      join(repo, 'idp.yaml'),
      text.replace('definition: ./openapi.yaml', 'definition: ../outside/secret.yaml')
    )
    const run = await catalog()
    expect(run.failure).toMatch(
      /idp\.yaml:73:\d+: The API definition '..\/outside\/secret.yaml' is outside the repository/
    )
    expect(run.everything).not.toContain(SECRET)
  })

  it('refuses docs (techdocs-ref) outside the repository or linked out of it', async () => {
    const text = readFileSync(join(repo, 'idp.yaml'), 'utf8')
    writeFileSync(join(repo, 'idp.yaml'), text.replace('docs: ./docs', 'docs: ../outside/docs'))
    const out = await catalog()
    expect(out.failure).toMatch(/idp\.yaml:14:\d+: .*'..\/outside\/docs'.* outside the repository/)
    writeFileSync(join(repo, 'idp.yaml'), text)
    rmSync(join(repo, 'docs'), { recursive: true })
    symlinkSync(join(outside, 'docs'), join(repo, 'docs'))
    const linked = await catalog()
    expect(linked.failure).toContain(
      "The docs folder './docs' is or passes through a symbolic link"
    )
  })
})

describe('validate reads manifests, policies and CRDs only inside the repository', () => {
  const validate = (inputs: Record<string, string>) =>
    run(validateCommand as Command<unknown>, { 'builtin-policies': 'false', ...inputs })

  beforeEach(() => {
    mkdirSync(join(repo, 'rendered/dev'), { recursive: true })
    writeFileSync(
      join(repo, 'rendered/dev/cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: a }\n'
    )
  })

  it('refuses a link out of the repository inside the manifests folder', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'rendered/dev/secret.yaml'))
    const run = await validate({ manifests: 'rendered' })
    expect(run.exitCode).toBe(1)
    expect(run.failure).toContain("'rendered/dev/secret.yaml' is or passes through a symbolic link")
    expect(run.everything).not.toContain(SECRET)
  })

  it('refuses manifests, policies and CRDs named outside the repository', async () => {
    const attempts: Record<string, string>[] = [
      { manifests: '/etc/passwd' },
      { manifests: '../outside/secret.yaml' },
      { manifests: 'rendered', policies: '../outside/secret.yaml' },
      { manifests: 'rendered', crds: join(outside, 'secret.yaml') }
    ]
    for (const inputs of attempts) {
      const run = await validate(inputs)
      expect(run.exitCode).toBe(1)
      expect(run.failure).toContain('is outside the repository')
      expect(run.everything).not.toContain(SECRET)
    }
  })

  it('refuses a policy file that links out of the repository', async () => {
    symlinkSync(join(outside, 'secret.yaml'), join(repo, 'policy.yaml'))
    const run = await validate({ manifests: 'rendered', policies: 'policy.yaml' })
    expect(run.failure).toContain("'policy.yaml' is or passes through a symbolic link")
  })
})

describe('promote publishes only regular files from inside the repository', () => {
  let bare: string
  let platform: string
  let initial: string
  beforeEach(() => {
    bare = createBareRepo(join(tmp.path, 'gitops.git'))
    initial = tipOf(bare, 'main')
    platform = join(repo, 'platform.yaml')
    writePlatformConfig(platform, fileUrl(bare))
    writeRenderedFolder(join(repo, 'rendered/dev'), { service: 'checkout', environment: 'dev' })
  })
  const promote = (inputs: Record<string, string> = {}) =>
    runPromote(
      { 'platform-config': 'platform.yaml', manifests: 'rendered/dev', ...inputs },
      { workspace: repo, env: { GITHUB_SERVER_URL: 'https://github.example', GITHUB_ACTIONS: '' } }
    )

  it('promotes a clean folder', async () => {
    const run = await promote()
    expect(run.error).toBeUndefined()
    expect(Object.keys(readTree(bare, 'main', 'envs/dev/checkout'))).toContain('application.yaml')
  })

  it('refuses a symbolic link to /etc/passwd in the folder and commits nothing', async () => {
    symlinkSync('/etc/passwd', join(repo, 'rendered/dev/passwd.yaml'))
    const run = await promote()
    expect(run.error?.message).toContain(
      "The folder to promote 'rendered/dev' holds a symbolic link (rendered/dev/passwd.yaml)"
    )
    expect(tipOf(bare, 'main')).toBe(initial)
    expect(JSON.stringify(run)).not.toContain('root:x')
  })

  it('refuses a nested .git (folder or file) in the folder', async () => {
    mkdirSync(join(repo, 'rendered/dev/vendor/.git'), { recursive: true })
    writeFileSync(join(repo, 'rendered/dev/vendor/.git/HEAD'), 'ref: refs/heads/main\n')
    const folder = await promote()
    expect(folder.error?.message).toContain("holds a nested '.git' (rendered/dev/vendor/.git)")
    rmSync(join(repo, 'rendered/dev/vendor'), { recursive: true })
    writeFileSync(join(repo, 'rendered/dev/.git'), 'gitdir: /tmp/elsewhere\n')
    const file = await promote()
    expect(file.error?.message).toContain("holds a nested '.git' (rendered/dev/.git)")
    expect(tipOf(bare, 'main')).toBe(initial)
  })

  it('refuses a manifests folder that links out of the repository', async () => {
    writeRenderedFolder(join(outside, 'dev'), { service: 'checkout', environment: 'dev' })
    symlinkSync(join(outside, 'dev'), join(repo, 'linked'))
    const run = await promote({ manifests: 'linked' })
    expect(run.error?.message).toContain("'linked' is or passes through a symbolic link")
    const abs = await promote({ manifests: join(outside, 'dev') })
    expect(abs.error?.message).toContain('is outside the repository')
  })

  it('never reads through a GitOps folder that is itself a link', async () => {
    const work = join(tmp.path, 'gitops-work')
    git(tmp.path, 'clone', '-q', bare, work)
    mkdirSync(join(work, 'envs/dev'), { recursive: true })
    symlinkSync(outside, join(work, 'envs/dev/checkout'))
    git(work, 'add', '--all')
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'a link')
    git(work, 'push', '-q', 'origin', 'HEAD:main')
    const run = await promote({ 'dry-run': 'true' })
    expect(run.error?.message).toContain('symbolic link')
    expect(JSON.stringify(run)).not.toContain(SECRET)
  })

  it('never writes through a link on the way to the GitOps folder', async () => {
    const work = join(tmp.path, 'gitops-work')
    git(tmp.path, 'clone', '-q', bare, work)
    mkdirSync(join(work, 'envs'), { recursive: true })
    symlinkSync(outside, join(work, 'envs/dev'))
    git(work, 'add', '--all')
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'a link')
    git(work, 'push', '-q', 'origin', 'HEAD:main')
    const run = await promote()
    expect(run.error?.message).toContain('symbolic link')
    expect(existsSync(join(outside, 'checkout'))).toBe(false)
  })

  it('never shows the target of a link the GitOps folder already holds', async () => {
    // Someone committed a link into the GitOps folder; the diff must not follow it on the runner.
    const work = join(tmp.path, 'gitops-work')
    git(tmp.path, 'clone', '-q', bare, work)
    mkdirSync(join(work, 'envs/dev/checkout'), { recursive: true })
    symlinkSync(join(outside, 'secret.yaml'), join(work, 'envs/dev/checkout/leak.yaml'))
    git(work, 'add', '--all')
    git(work, '-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'a link')
    git(work, 'push', '-q', 'origin', 'HEAD:main')
    const run = await promote({ 'dry-run': 'true' })
    expect(run.error).toBeUndefined()
    expect(JSON.stringify(run)).not.toContain(SECRET)
    expect(run.result?.outputs.diff).toContain('leak.yaml')
  })
})
