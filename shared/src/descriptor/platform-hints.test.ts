// Every refusal of platform.yaml (and of a service descriptor's structure) says what to do, and a
// namespace pattern that cannot make a namespace is refused at its own platform.yaml line when the
// platform config loads, not later at a service's name.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Problem } from '../runtime/errors.js'
import { UserError } from '../runtime/errors.js'
import { fillPattern } from './patterns.js'
import { loadPlatform, loadPlatformConfig, namespacePatternProblem } from './platform.js'
import { loadDescriptor } from './service.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const PLATFORM_FILE = join(root, 'examples/platform/platform.yaml')
const EXAMPLE = readFileSync(PLATFORM_FILE, 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'idp-platform-hints-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function refusal(load: () => unknown): readonly Problem[] {
  try {
    load()
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return error.problems
  }
  throw new Error('accepted')
}

function platformProblems(text: string): readonly Problem[] {
  const file = join(dir, 'platform.yaml')
  writeFileSync(file, text)
  return refusal(() => loadPlatform(file, 'platform.yaml'))
}

function edited(from: string, to: string): string {
  expect(EXAMPLE).toContain(from)
  return EXAMPLE.replace(from, to)
}

const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1

describe('platform config refusals carry a hint', () => {
  it.each([
    [
      'an unknown namespace placeholder',
      "namespace: '{service}-dev'",
      "namespace: '{team}-dev'",
      '{team}'
    ],
    [
      'an unknown connectionSecret placeholder',
      "connectionSecret: '{service}-{resource}-conn'",
      "connectionSecret: '{service}-{res}-conn'",
      '{res}'
    ],
    [
      'an unknown keyPattern placeholder',
      'vault: { name: vault-dev, kind: ClusterSecretStore }',
      "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{team}/*' }",
      '{team}'
    ],
    ['an environment defined twice', '- name: staging', '- name: dev', 'defined twice']
  ])('%s', (_, from, to, about) => {
    const problems = platformProblems(edited(from, to))
    expect(problems.map(p => p.message).join('\n')).toContain(about)
    for (const problem of problems) expect(problem.hint).toMatch(/\w/)
  })

  it('a pattern filled at run time with an unknown placeholder says what to do', () => {
    const problems = refusal(() => fillPattern('envs/{team}', { service: 'shop' }))
    expect(problems[0].message).toContain('{team}')
    expect(problems[0].hint).toContain('{service}')
  })
})

describe('namespace patterns are checked when the platform config loads', () => {
  it.each([
    '{service-dev',
    '{service}_DEV/../x',
    '-{service}',
    '{service}-',
    'ns.{service}',
    '{service}}'
  ])("'%s' is refused at its platform.yaml line, with a hint", pattern => {
    const text = edited("namespace: '{service}-dev'", `namespace: '${pattern}'`)
    const problems = platformProblems(text)
    expect(problems).toHaveLength(1)
    expect(problems[0].message).toContain('namespace pattern')
    expect(problems[0].position).toMatchObject({
      file: 'platform.yaml',
      line: lineOf(text, `namespace: '${pattern}'`)
    })
    expect(problems[0].hint).toMatch(/\w/)
  })

  it.each(['{service}-dev', '{environment}-{service}', 'team-a-{service}', '{service}'])(
    "'%s' is accepted",
    pattern => {
      expect(namespacePatternProblem(pattern)).toBeUndefined()
    }
  )

  it('refuses a pattern longer than any namespace can be', () => {
    expect(namespacePatternProblem(`{service}-${'x'.repeat(70)}`)).toContain('63')
  })
})

describe('service descriptor structure refusals carry a hint', () => {
  const BASE = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
spec:
  components:
    - name: web
      type: webservice
      image: ghcr.io/acme/shop:1
      ports: [8080]
      dependsOn: [nowhere]
    - name: web
      type: webservice
      image: ghcr.io/acme/shop:1
  environments:
    dev:
      resources: { db: { properties: { storageGB: 5 } } }
      secrets: { db: {} }
`
  it('duplicate names, a missing dependency and overrides of nothing', () => {
    const file = join(dir, 'idp.yaml')
    writeFileSync(file, BASE)
    const problems = refusal(() =>
      loadDescriptor(file, loadPlatformConfig(PLATFORM_FILE), 'idp.yaml')
    )
    const messages = problems.map(p => p.message).join('\n')
    expect(messages).toContain("Two components are named 'web'")
    expect(messages).toContain("depends on 'nowhere'")
    expect(messages).toContain("names resource 'db'")
    expect(messages).toContain("names secret 'db'")
    for (const problem of problems) expect(problem.hint).toMatch(/\w/)
  })
})
