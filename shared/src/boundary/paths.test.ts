import { describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { isUserError } from '../runtime/errors.js'
import {
  branchNameProblem,
  checkBranchName,
  checkRecordName,
  confineGitopsPath,
  repoFolderProblem
} from './paths.js'

const record = 'rendered/prod/.idp/render.json'

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(isUserError(error)).toBe(true)
    return (error as Error).message
  }
  throw new Error('expected a user error')
}

describe('GitOps path confinement', () => {
  it("gives the platform's folder, or the default one without a platform config", () => {
    expect(
      confineGitopsPath({ environment: 'prod', service: 'checkout', recordDisplay: record })
    ).toBe('envs/prod/checkout')
    expect(
      confineGitopsPath({
        environment: 'prod',
        service: 'checkout',
        platformPattern: 'clusters/{environment}/apps/{service}/',
        recordDisplay: record
      })
    ).toBe('clusters/prod/apps/checkout')
  })

  it('lets the path input narrow the folder to a subfolder, as a pattern or literally', () => {
    const base = { environment: 'prod', service: 'checkout', recordDisplay: record }
    expect(confineGitopsPath({ ...base, inputPath: 'envs/{environment}/{service}' })).toBe(
      'envs/prod/checkout'
    )
    expect(confineGitopsPath({ ...base, inputPath: 'envs/prod/checkout/eu-1/' })).toBe(
      'envs/prod/checkout/eu-1'
    )
  })

  it.each([
    ['another service', 'envs/prod/payments'],
    ['a sibling with a shared prefix', 'envs/prod/checkout-evil'],
    ['the environment folder', 'envs/prod'],
    ['another environment', 'envs/{service}/{environment}'],
    ['the repository root', '/'],
    ['an empty path', ''],
    ['dot-dot back out', 'envs/prod/checkout/../payments'],
    ['dot-dot at the start', '../envs/prod/checkout'],
    ['a dot segment', 'envs/./prod/checkout'],
    ['an absolute path', '/envs/prod/checkout'],
    ['a backslash', 'envs\\prod\\checkout'],
    ['.git', 'envs/prod/checkout/.git/hooks'],
    ['.GIT in upper case', 'envs/prod/checkout/.GIT'],
    ['a percent-encoded ..', 'envs/prod/checkout/%2e%2e/x'],
    ['a double slash', 'envs/prod//checkout'],
    ['a control character', 'envs/prod/checkout/a\u0000b'],
    ['a newline', 'envs/prod/checkout/a\nb'],
    ['a full-width dot', 'envs/prod/checkout/\uff0e\uff0e'],
    ['an unknown placeholder', 'envs/{namespace}/{service}']
  ])('refuses a path input that leaves the folder: %s', (_, inputPath) => {
    const message = refusal(() =>
      confineGitopsPath({
        environment: 'prod',
        service: 'checkout',
        inputPath,
        recordDisplay: record
      })
    )
    expect(message).toMatch(/Input 'path'|pattern/)
  })

  it.each([
    ['a slash', 'checkout/../payments'],
    ['dot-dot', '..'],
    ['a path', 'a/b'],
    ['.git', '.git'],
    ['an empty name', ''],
    ['upper case', 'Checkout'],
    ['an encoded slash', 'a%2fb'],
    ['a number', 7],
    ['too long', 'a'.repeat(64)],
    ['a leading dash', '-x']
  ])('refuses a render record whose service is %s', (_, service) => {
    const message = refusal(() =>
      confineGitopsPath({
        environment: 'prod',
        service: service as string,
        recordDisplay: record
      })
    )
    expect(message).toContain('The render record names service')
    expect(message).toContain('DNS-1123')
  })

  it('refuses a record environment that is not a label or not one of the platform environments', () => {
    expect(
      refusal(() =>
        confineGitopsPath({ environment: '../prod', service: 'checkout', recordDisplay: record })
      )
    ).toContain('DNS-1123')
    expect(
      refusal(() =>
        confineGitopsPath({
          environment: 'qa',
          service: 'checkout',
          recordDisplay: record,
          environments: ['dev', 'prod']
        })
      )
    ).toContain("environment 'qa', which the platform config does not define")
  })

  it('refuses a platform pattern that fills to the root or into .git', () => {
    for (const platformPattern of ['{nothing}', '.git/{service}', '/', 'a/../{service}'])
      refusal(() =>
        confineGitopsPath({
          environment: 'prod',
          service: 'checkout',
          platformPattern,
          recordDisplay: record
        })
      )
  })

  it('names what is wrong with a folder', () => {
    expect(repoFolderProblem('envs/prod/checkout')).toBeUndefined()
    expect(repoFolderProblem('')).toBe('it is the repository root')
    expect(repoFolderProblem('a/.git')).toBe("it reaches into '.git'")
    expect(checkRecordName('prod', 'environment', record, ['prod'])).toBe('prod')
  })
})

describe('branch names', () => {
  const valid = ['main', 'release/prod', 'idp/prod/checkout', 'feature-1.2', 'a.b/c_d', 'v1@x']
  const invalid = [
    '',
    '-main',
    '--upload-pack=evil',
    'a..b',
    'a@{1}',
    '@',
    'HEAD',
    'a b',
    'a\tb',
    'a\u007fb',
    'a~1',
    'a^',
    'a:b',
    'a?',
    'a*',
    'a[b',
    'a\\b',
    '/main',
    'main/',
    'a//b',
    'main.',
    '.hidden',
    'a/.b',
    'main.lock',
    'a.lock/b',
    'x'.repeat(256)
  ]

  it.each(valid)('accepts %j', name => {
    expect(branchNameProblem(name)).toBeUndefined()
    expect(checkBranchName(name, "Input 'branch'")).toBe(name)
  })

  it.each(invalid)('refuses %j as a user error', name => {
    const message = refusal(() => checkBranchName(name, "Input 'branch'"))
    expect(message).toContain("Input 'branch' is not a valid git branch name")
  })

  it('agrees with git check-ref-format --branch', () => {
    for (const name of [...valid, ...invalid.filter(n => n !== '' && n.length < 200)]) {
      const git = spawnSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' })
      // git accepts a few names idp refuses on purpose (e.g. HEAD-like ones); never the reverse.
      if (branchNameProblem(name) === undefined)
        expect({ name, status: git.status }).toEqual({ name, status: 0 })
      else if (!['@', 'HEAD', '-main', '--upload-pack=evil'].includes(name))
        expect({ name, status: git.status }).not.toEqual({ name, status: 0 })
    }
  })
})
