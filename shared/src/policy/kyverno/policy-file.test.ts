import { afterAll, describe, expect, it } from '@jest/globals'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../render/testing.js'
import { UserError } from '../../runtime/errors.js'
import { readPolicyFile } from './policy.js'

const BOMB = [
  'apiVersion: kyverno.io/v1',
  'kind: ClusterPolicy',
  'metadata: { name: bomb }',
  'x1: &a [x, x, x, x, x, x, x, x, x]',
  'x2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'x3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'x4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'x5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'x6: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'spec: { rules: [] }',
  ''
].join('\n')

describe('readPolicyFile on hostile YAML', () => {
  const work = tempDir('policy-file')
  afterAll(() => work.remove())

  it('refuses an alias bomb as a user error at its document', () => {
    const file = join(work.path, 'bomb.yaml')
    writeFileSync(file, `---\n${BOMB}`)
    let error: unknown
    try {
      readPolicyFile(file, 'policies/bomb.yaml')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(
      /^policies\/bomb\.yaml:1:1: The document cannot be read: .*alias/
    )
    expect((error as UserError).message).toContain('anchors and aliases')
  })

  it('refuses a YAML tag outside the core schema at its line', () => {
    const file = join(work.path, 'tagged.yaml')
    writeFileSync(
      file,
      'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: { name: t }\nspec:\n  rules: []\n  x: !include ../outside/secret.txt\n'
    )
    let error: unknown
    try {
      readPolicyFile(file, 'policies/tagged.yaml')
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).message).toMatch(/^policies\/tagged\.yaml:6:6: .*'!include'/)
  })
})
