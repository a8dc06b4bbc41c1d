// Every pattern in platform.yaml is checked when the platform config loads: a placeholder idp does not
// fill is refused at its own line, before render, bootstrap or catalog would meet it mid-run.
import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { UserError } from '../runtime/errors.js'
import { loadPlatform } from './platform.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const EXAMPLE = readFileSync(join(root, 'examples/platform/platform.yaml'), 'utf8')
const dir = mkdtempSync(join(tmpdir(), 'idp-platform-patterns-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function problemsOf(text: string): string[] {
  const file = join(dir, 'platform.yaml')
  writeFileSync(file, text)
  try {
    loadPlatform(file, 'platform.yaml')
    return []
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return error.problems.map(p => `${p.position?.file}:${p.position?.line}: ${p.message}`)
  }
}

const lineOf = (text: string, needle: string) =>
  text.split('\n').findIndex(l => l.includes(needle)) + 1

function edited(from: string, to: string): string {
  expect(EXAMPLE).toContain(from)
  return EXAMPLE.replace(from, to)
}

describe('platform patterns', () => {
  it('the example platform loads', () => {
    expect(problemsOf(EXAMPLE)).toEqual([])
  })

  it.each([
    [
      'a resource type default',
      "networkRef: { id: 'acme-{environment}' }",
      "networkRef: { id: 'acme-{nope}' }",
      'acme-{nope}',
      '{service}, {resource}, {namespace} and {environment}'
    ],
    [
      'a nested resource type default',
      "name: '{service}-{resource}-password', key: password }\n      schema",
      "name: '{service}-{Resource}-password', key: password }\n      schema",
      '{Resource}',
      '{service}, {resource}, {namespace} and {environment}'
    ],
    [
      'the catalog argocdAppPattern',
      "argocdAppPattern: '{service}-{environment}'",
      "argocdAppPattern: '{service}-{env}'",
      '{env}',
      '{service} and {environment}'
    ],
    [
      'the catalog path',
      "argocdAppPattern: '{service}-{environment}'",
      "argocdAppPattern: '{service}-{environment}'\n    path: 'teams/{team}/{service}'",
      '{team}',
      '{service}'
    ],
    [
      'a SecretStore spec the bootstrap creates',
      'aws: { name: aws-secrets-dev, kind: SecretStore }',
      "aws: { name: aws-secrets-dev, kind: SecretStore, spec: { provider: { vault: { path: 'kv/{nope}' } } } }",
      'kv/{nope}',
      '{service}, {namespace} and {environment}'
    ]
  ])('refuses an unknown placeholder in %s at its line', (_what, from, to, needle, known) => {
    const text = edited(from, to)
    const problems = problemsOf(text)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^platform\\.yaml:${lineOf(text, needle)}: `))
    expect(problems[0]).toContain(`{${needle.match(/\{(\w+)\}/)![1]}}`)
    expect(problems[0]).toContain(
      `only ${known} ${known.includes(',') || known.includes(' and ') ? 'are' : 'is'} known`
    )
  })

  // Labels and annotations the platform adds to every object are not patterns: a value idp cannot
  // write (`{nope}`, a space) would only be refused by the API server after promotion.
  it.each([
    [
      'a default label value',
      'acme.io/managed-by: idp',
      "acme.io/managed-by: '{nope}'",
      '{nope}',
      'is not a label value'
    ],
    [
      'a default label key',
      'acme.io/managed-by: idp',
      "'acme.io/{nope}': idp",
      '{nope}',
      'is not a qualified name'
    ],
    [
      'a default annotation key',
      'acme.io/platform-docs: https',
      "'Acme.io/docs': https",
      'Acme.io',
      'prefix that is not a DNS subdomain'
    ],
    [
      'an environment label value',
      'acme.io/environment: dev',
      "acme.io/environment: 'dev env'",
      'dev env',
      'is not a label value'
    ]
  ])('refuses %s idp cannot write, at its line', (_what, from, to, needle, reason) => {
    const text = edited(from, to)
    const problems = problemsOf(text)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^platform\\.yaml:${lineOf(text, needle)}: `))
    expect(problems[0]).toContain(reason)
  })

  it('refuses a default refreshInterval longer than a Go duration holds, at its line', () => {
    const text = edited('refreshInterval: 1h', 'refreshInterval: 99999999999h')
    expect(problemsOf(text)).toEqual([
      `platform.yaml:${lineOf(text, '99999999999h')}: spec.defaults.refreshInterval '99999999999h' is longer than a Go duration can be (at most 2562047h47m16.854775807s); External Secrets would refuse every ExternalSecret using it.`
    ])
  })
})
