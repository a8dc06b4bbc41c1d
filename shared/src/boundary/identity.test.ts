import { describe, expect, it } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadPlatformConfig } from '../descriptor/platform.js'
import type { PlatformConfig, ServiceRegistration } from '../descriptor/types.js'
import type { RenderRecord } from '../render/record.js'
import { isUserError } from '../runtime/errors.js'
import {
  assertClaimedRepository,
  assertMayReplace,
  assertServiceBinding,
  globMatches,
  ownerRef,
  registrationFor,
  registryProblems,
  repositoryId,
  runIdentity
} from './identity.js'

const platform = (services?: ServiceRegistration[]) =>
  ({ spec: { environments: [], services } }) as unknown as PlatformConfig

function refusal(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(isUserError(error)).toBe(true)
    return (error as Error).message
  }
  throw new Error('expected a user error')
}

describe('repository identity', () => {
  it.each([
    ['acme/checkout', 'acme/checkout'],
    ['Acme/Checkout', 'acme/checkout'],
    ['https://github.com/Acme/checkout.git', 'acme/checkout'],
    ['https://github.com/acme/checkout/', 'acme/checkout'],
    ['git@github.com:acme/checkout.git', 'acme/checkout'],
    ['ssh://git@github.com/acme/checkout', 'acme/checkout'],
    ['github-work:acme/checkout.git', 'acme/checkout'],
    ['file:///srv/git/acme/checkout.git', 'acme/checkout'],
    ['checkout', undefined],
    ['', undefined],
    [undefined, undefined]
  ])('reads %j as %j', (value, expected) => {
    expect(repositoryId(value)).toBe(expected)
  })

  it('takes GITHUB_REPOSITORY first, else the origin of the checkout', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idp-identity-'))
    try {
      execFileSync('git', ['init', '--quiet', dir])
      execFileSync('git', [
        '-C',
        dir,
        'remote',
        'add',
        'origin',
        'git@github.com:Acme/Payments.git'
      ])
      expect(runIdentity({ GITHUB_REPOSITORY: 'acme/checkout' }, dir)).toEqual({
        repository: 'acme/checkout',
        source: 'GITHUB_REPOSITORY'
      })
      expect(runIdentity({}, dir).repository).toBe('acme/payments')
      expect(runIdentity({}, tmpdir()).repository).toBeUndefined()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('the service registry', () => {
  it('matches globs in linear time', () => {
    expect(globMatches('*', 'checkout')).toBe(true)
    expect(globMatches('payments-*', 'payments-api')).toBe(true)
    expect(globMatches('payments-*', 'payments')).toBe(false)
    expect(globMatches('*-api', 'payments-api')).toBe(true)
    expect(globMatches('a*b*c', 'axxbyyc')).toBe(true)
    expect(globMatches('a*b*c', 'axxbyy')).toBe(false)
    const started = Date.now()
    expect(globMatches('*a*a*a*a*a*a*a*a*b', 'a'.repeat(5000))).toBe(false)
    expect(Date.now() - started).toBeLessThan(1000)
  })

  it('prefers an exact name, then the first matching glob', () => {
    const services = [
      { name: '*', repository: 'acme/{service}' },
      { name: 'payments-*', repository: 'acme/payments' },
      { name: 'payments-legacy', repository: 'acme/legacy' }
    ]
    expect(registrationFor(services, 'payments-legacy')?.index).toBe(2)
    expect(registrationFor(services, 'payments-api')?.index).toBe(0)
    expect(registrationFor(services.slice(1), 'checkout')).toBeUndefined()
  })

  it('compares owners as Backstage group refs', () => {
    expect(ownerRef('team-a')).toBe(ownerRef('group:default/Team-A'))
    expect(ownerRef('team-a')).not.toBe(ownerRef('user:default/team-a'))
  })

  it('finds duplicate names and repositories that are not owner/name', () => {
    expect(
      registryProblems([
        { name: 'a', repository: 'acme/a' },
        { name: 'a', repository: 'acme/..' }
      ]).map(p => p.field)
    ).toEqual(['name', 'repository'])
  })
})

describe('binding a service to its repository', () => {
  const services = [
    { name: 'checkout', repository: 'Acme/Checkout', owner: 'team-shop' },
    { name: 'payments-*', repository: 'acme/{service}' }
  ]
  const identity = (repository?: string) => ({ repository, source: 'GITHUB_REPOSITORY' })

  it('accepts the registered repository, case-insensitively, and {service} globs', () => {
    assertServiceBinding({
      platform: platform(services),
      service: 'checkout',
      owner: 'group:default/team-shop',
      identity: identity('acme/checkout'),
      subject: 'idp.yaml'
    })
    assertServiceBinding({
      platform: platform(services),
      service: 'payments-api',
      owner: 'team-x',
      identity: identity('acme/payments-api'),
      subject: 'idp.yaml'
    })
  })

  it.each([
    [
      'another repository claims checkout',
      'checkout',
      'team-shop',
      'acme/evil',
      /belongs to acme\/checkout/
    ],
    [
      'a glob service from the wrong repository',
      'payments-api',
      'x',
      'acme/payments-web',
      /belongs to acme\/payments-api/
    ],
    ['an unregistered service', 'shipping', 'x', 'acme/shipping', /not registered/],
    ['the wrong owner', 'checkout', 'team-evil', 'acme/checkout', /registered to owner team-shop/],
    [
      'an unknown run repository',
      'checkout',
      'team-shop',
      undefined,
      /cannot tell which repository/
    ]
  ])('refuses %s', (_, service, owner, repository, message) => {
    expect(
      refusal(() =>
        assertServiceBinding({
          platform: platform(services),
          service,
          owner,
          identity: identity(repository),
          subject: 'idp.yaml'
        })
      )
    ).toMatch(message)
  })

  it('refuses an empty registry for every service, and a record carried from another repository', () => {
    refusal(() =>
      assertServiceBinding({
        platform: platform([]),
        service: 'checkout',
        identity: identity('acme/checkout'),
        subject: 'idp.yaml'
      })
    )
    expect(
      refusal(() =>
        assertServiceBinding({
          service: 'checkout',
          identity: identity('acme/evil'),
          recordRepository: 'acme/checkout',
          subject: 'the render record'
        })
      )
    ).toContain('rendered from acme/checkout, but this run comes from acme/evil')
  })

  it('lets the first writer keep its folder unless the registry says otherwise', () => {
    const held = { service: 'checkout', source: { repository: 'acme/checkout' } } as RenderRecord
    assertMayReplace(undefined, held, identity('ACME/checkout'), 'x')
    assertMayReplace(undefined, undefined, identity('acme/evil'), 'x')
    expect(
      refusal(() =>
        assertMayReplace(undefined, held, identity('acme/evil'), 'gitops:envs/dev/checkout')
      )
    ).toContain('belongs to acme/checkout')
    refusal(() => assertMayReplace(undefined, held, identity(undefined), 'x'))
    assertMayReplace(platform(services), held, identity('acme/evil'), 'x')
  })
})

describe('the registry in platform.yaml', () => {
  it('is checked when the platform config loads, at the line of the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idp-registry-'))
    try {
      const file = join(dir, 'platform.yaml')
      const base = [
        'apiVersion: idp.dev/v1alpha1',
        'kind: Platform',
        'metadata: { name: p }',
        'spec:',
        '  environments:',
        "    - { name: dev, namespace: '{service}-dev', secretStores: {} }",
        '  services:'
      ]
      const load = (lines: string[]) => {
        writeFileSync(file, [...base, ...lines, ''].join('\n'))
        return () => loadPlatformConfig(file)
      }
      expect(
        load(['    - { name: checkout, repository: acme/checkout }'])().spec.services
      ).toHaveLength(1)
      for (const [lines, text] of [
        [
          ['    - { name: a, repository: acme/a }', '    - { name: a, repository: acme/b }'],
          'registered twice'
        ],
        [['    - { name: a, repository: acme/.. }'], 'not owner/name'],
        [['    - { name: a, repository: acme }'], 'repository'],
        [['    - { name: ../a, repository: acme/a }'], 'name'],
        [['    - { name: a }'], 'repository']
      ] as const)
        expect(refusal(load([...lines]))).toMatch(
          new RegExp(`platform\\.yaml:\\d+:\\d+[\\s\\S]*${text}`)
        )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('inputs that name a repository', () => {
  it('must repeat GITHUB_REPOSITORY in an action; the CLI takes them as given', () => {
    const action = { repository: 'acme/checkout', source: 'GITHUB_REPOSITORY' }
    assertClaimedRepository('Acme/Checkout', action, "Input 'source-repository'")
    assertClaimedRepository(undefined, action, "Input 'source-repository'")
    expect(
      refusal(() => assertClaimedRepository('acme/payments', action, "Input 'source-repository'"))
    ).toContain(
      "Input 'source-repository' names acme/payments, but this run comes from acme/checkout"
    )
    const cli = { repository: 'acme/checkout', source: 'the git remote origin (x)' }
    assertClaimedRepository('acme/payments', cli, "Input 'source-repository'")
  })
})
