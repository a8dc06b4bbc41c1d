import { afterAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { RecordingLogger } from '../runtime/logger.js'
import { diffRenderedFolders } from './resource-diff.js'
import { tempFolder } from './testing/git-fixtures.js'

const BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  ''
].join('\n')

describe('diffRenderedFolders on hostile YAML', () => {
  const tmp = tempFolder('resource-diff')
  afterAll(() => tmp.remove())

  it('shows an alias bomb as a document it cannot read instead of failing or expanding it', async () => {
    const before = join(tmp.path, 'before')
    const after = join(tmp.path, 'after')
    mkdirSync(before, { recursive: true })
    mkdirSync(after, { recursive: true })
    writeFileSync(join(after, 'application.yaml'), BOMB)
    const diff = await diffRenderedFolders(before, after, new RecordingLogger())
    expect(diff.changes).toEqual([
      { change: 'added', resource: 'application.yaml#1', file: 'application.yaml' }
    ])
    expect(diff.unified).toContain('YAML idp cannot read')
    expect(diff.unified.length).toBeLessThan(10_000)
  })
})
