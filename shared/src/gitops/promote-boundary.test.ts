// Attacks on where promote writes: the path input, the render record's fields and branch names. Each
// runs the promote command as the CLI and the action do, against a real bare repository, and asserts
// one user error and nothing written.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isUserError } from '../runtime/errors.js'
import { createBareRepo, fileUrl, git, tempFolder } from './testing/git-fixtures.js'
import { runPromote, writePlatformConfig } from './testing/promote-fixture.js'
import { writeRenderedFolder } from './testing/render-fixture.js'

describe('promote stays inside the folder of its service and environment', () => {
  let tmp: ReturnType<typeof tempFolder>
  let bare: string
  let platform: string
  let refsBefore: string

  beforeEach(() => {
    tmp = tempFolder(expect.getState().currentTestName ?? 'promote-boundary')
    bare = createBareRepo(join(tmp.path, 'gitops.git'))
    platform = join(tmp.path, 'platform.yaml')
    writePlatformConfig(platform, fileUrl(bare))
    refsBefore = git(bare, 'for-each-ref')
  })
  afterEach(() => tmp.remove())

  const render = (name: string, options: Parameters<typeof writeRenderedFolder>[1]) => {
    const folder = join(tmp.path, 'rendered', name)
    writeRenderedFolder(folder, options)
    return folder
  }
  const promote = (inputs: Record<string, string>, withPlatform = true) =>
    runPromote(
      {
        ...(withPlatform ? { 'platform-config': platform } : { repository: fileUrl(bare) }),
        ...inputs
      },
      { workspace: tmp.path, env: { GITHUB_SERVER_URL: 'https://github.example' } }
    )
  const expectRefused = (run: Awaited<ReturnType<typeof promote>>, text: string | RegExp) => {
    expect(isUserError(run.error)).toBe(true)
    expect(run.error?.message).toMatch(text)
    // Nothing reached the GitOps repository.
    expect(git(bare, 'for-each-ref')).toBe(refsBefore)
  }

  it.each([
    ["another service's folder", 'envs/dev/payments'],
    ['a sibling sharing the prefix', 'envs/dev/checkout2'],
    ['the environment folder above it', 'envs/dev'],
    ['another environment', 'envs/prod/checkout'],
    ['a folder outside envs', 'clusters/dev/checkout'],
    ['an absolute path', '/envs/dev/checkout'],
    ['a percent-encoded traversal', 'envs/dev/checkout/%2e%2e']
  ])('refuses a path input that widens the platform folder: %s', async (_, path) => {
    const manifests = render('dev', { service: 'checkout', environment: 'dev' })
    expectRefused(await promote({ manifests, path }), /Input 'path'/)
  })

  it('refuses a path input outside envs/{environment}/{service} without a platform config', async () => {
    const manifests = render('dev', { service: 'checkout', environment: 'dev' })
    expectRefused(await promote({ manifests, path: 'envs/dev/payments' }, false), /Input 'path'/)
  })

  it('lets the path input narrow the folder to a subfolder', async () => {
    const manifests = render('dev', { service: 'checkout', environment: 'dev' })
    const run = await promote({ manifests, path: 'envs/{environment}/{service}/eu-1' })
    expect(run.error).toBeUndefined()
    expect(git(bare, 'ls-tree', '-r', '--name-only', 'main')).toContain(
      'envs/dev/checkout/eu-1/application.yaml'
    )
  })

  const forge = (folder: string, patch: Record<string, unknown>) => {
    const file = join(folder, '.idp/render.json')
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), ...patch }))
  }

  it.each([
    ['a service with a slash', { service: 'payments/checkout' }],
    ['a service with ..', { service: '..' }],
    ['a service in upper case', { service: 'Payments' }],
    ['a service naming .git', { service: '.git' }],
    ['an empty service', { service: '' }],
    ['a service that is not a string', { service: ['payments'] }],
    ['an environment with a slash', { environment: 'dev/payments' }],
    ['an environment with an encoded slash', { environment: 'dev%2fpayments' }]
  ])('refuses a render record with %s', async (_, patch) => {
    const manifests = render('dev', { service: 'checkout', environment: 'dev' })
    forge(manifests, patch)
    for (const withPlatform of [true, false]) {
      const inputs = { manifests, ...('environment' in patch ? {} : {}) }
      expectRefused(await promote(inputs, withPlatform), /render\.json|DNS-1123|environment/)
    }
  })

  it('refuses a record environment the platform does not define', async () => {
    const manifests = render('qa', { service: 'checkout', environment: 'qa' })
    expectRefused(await promote({ manifests }), /'qa'.*not define|not defined/)
  })

  it.each(['main..evil', '-evil', 'a@{1}', 'evil.lock', 'a b', 'refs/heads/x:y', '.hidden'])(
    'refuses the branch input %j before git sees it',
    async branch => {
      const manifests = render('dev', { service: 'checkout', environment: 'dev' })
      expectRefused(
        await promote({ manifests, branch }),
        "Input 'branch' is not a valid git branch"
      )
    }
  )

  it('refuses a platform config whose branch is not a valid ref, at its line', async () => {
    writeFileSync(
      platform,
      readFileSync(platform, 'utf8').replace(
        '    mode: push\n',
        '    mode: push\n    branch: main..x\n'
      )
    )
    const manifests = render('dev', { service: 'checkout', environment: 'dev' })
    const run = await promote({ manifests })
    expectRefused(run, /not a valid git branch name/)
    expect(run.error?.message).toMatch(/platform\.yaml:\d+:\d+/)
  })
})
