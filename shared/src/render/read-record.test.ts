import { describe, expect, it } from '@jest/globals'
import { UserError } from '../runtime/errors.js'
import { parseRenderRecord, type RecordField } from './read-record.js'

const GOOD = {
  service: 'shop',
  environment: 'dev',
  namespace: 'shop-dev',
  owner: 'team-shop',
  source: { repository: 'acme/shop', commit: 'a'.repeat(40), runNumber: 3, descriptor: 'idp.yaml' },
  images: { web: 'ghcr.io/acme/shop:1' },
  digest: `sha256:${'b'.repeat(64)}`,
  renderer: { name: 'idp', version: '0.1.0' },
  files: ['application.yaml'],
  sourceMap: [
    {
      file: 'application.yaml',
      pointer: '/spec/components/0/properties/image',
      source: { file: 'idp.yaml', line: 10, column: 14 }
    },
    { file: 'application.yaml', pointer: '', source: { file: 'idp.yaml', line: 4, column: 9 } },
    {
      file: 'application.yaml',
      pointer: '/a~1b/c~0',
      source: { file: 'idp.yaml', line: 1, column: 1 }
    }
  ]
}
const ALL: RecordField[] = [
  'service',
  'environment',
  'namespace',
  'sourceMap',
  'digest',
  'images',
  'source'
]
type Mutable = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

function refusal(content: string, required: RecordField[] = ALL): string {
  try {
    parseRenderRecord(content, 'rendered/dev/.idp/render.json', required)
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    expect((error as UserError).problems.length).toBeLessThanOrEqual(10)
    return (error as UserError).message
  }
  throw new Error('accepted')
}

const damaged = (change: (r: Mutable) => unknown) =>
  JSON.stringify(change(structuredClone(GOOD) as Mutable) ?? null, null, 2)

describe('parseRenderRecord', () => {
  it('reads a record render writes', () => {
    expect(parseRenderRecord(JSON.stringify(GOOD), 'r.json', ALL)).toEqual(GOOD)
  })

  it('reads a minimal record when the reader needs only some fields', () => {
    const minimal = { environment: 'dev', namespace: 'shop-dev', sourceMap: [] }
    expect(
      parseRenderRecord(JSON.stringify(minimal), 'r.json', [
        'environment',
        'namespace',
        'sourceMap'
      ])
    ).toEqual(minimal)
  })

  it.each([
    ['not JSON', '{ nope', /render\.json:1:1: The render record is not valid JSON/],
    ['empty', '', /not valid JSON/],
    ['a list', '[1, 2]', /must be a JSON object, not a list/],
    ['null', 'null', /must be a JSON object, not null/],
    ['text', '"x"', /must be a JSON object, not text/],
    ['deeply nested', '['.repeat(50000) + ']'.repeat(50000), /must be a JSON object, not a list/]
  ])('refuses a record that is %s', (_name, content, says) => {
    expect(refusal(content)).toMatch(says)
  })

  it.each([
    ['a missing field', (r: Mutable) => void delete r.service, /lacks `service`/],
    [
      'a null source map',
      (r: Mutable) => void (r.sourceMap = null),
      /`sourceMap` must be a list, not null/
    ],
    [
      'an object source map',
      (r: Mutable) => void (r.sourceMap = {}),
      /`sourceMap` must be a list, not an object/
    ],
    [
      'a null entry',
      (r: Mutable) => void (r.sourceMap[0] = null),
      /`sourceMap\.0` must be an object, not null/
    ],
    [
      'a number entry',
      (r: Mutable) => void (r.sourceMap[1] = 1),
      /`sourceMap\.1` must be an object/
    ],
    [
      'a number pointer',
      (r: Mutable) => void (r.sourceMap[0].pointer = 5),
      /`sourceMap\.0\.pointer` must be text/
    ],
    [
      'a pointer without a slash',
      (r: Mutable) => void (r.sourceMap[0].pointer = 'spec/x'),
      /must be a JSON pointer/
    ],
    [
      'a bad pointer escape',
      (r: Mutable) => void (r.sourceMap[0].pointer = '/a~2'),
      /must be a JSON pointer/
    ],
    [
      'a number file',
      (r: Mutable) => void (r.sourceMap[0].file = 1),
      /`sourceMap\.0\.file` must be text/
    ],
    [
      'a null position',
      (r: Mutable) => void (r.sourceMap[0].source = null),
      /`sourceMap\.0\.source` must be an object/
    ],
    [
      'a huge line',
      (r: Mutable) => void (r.sourceMap[0].source.line = 1e300),
      /`sourceMap\.0\.source\.line` must be a whole number from 1/
    ],
    [
      'a negative line',
      (r: Mutable) => void (r.sourceMap[0].source.line = -5),
      /source\.line` must be a whole number/
    ],
    [
      'a fractional column',
      (r: Mutable) => void (r.sourceMap[0].source.column = 1.5),
      /source\.column` must be a whole number/
    ],
    [
      'a text column',
      (r: Mutable) => void (r.sourceMap[0].source.column = '3'),
      /source\.column` must be a whole number/
    ],
    [
      'a position in another file',
      (r: Mutable) => void (r.sourceMap[0].source.file = '/etc/passwd'),
      /must be the record's descriptor 'idp\.yaml'/
    ],
    [
      'a line break in a position file',
      (r: Mutable) => void (r.sourceMap[0].source.file = 'a\n::error::x'),
      /control characters/
    ],
    [
      'a C1 control sequence introducer in an image (a terminal escape for idp status)',
      (r: Mutable) => void (r.images.web = 'ghcr.io/acme/web\u009b2J'),
      /control characters/
    ],
    [
      'a bidirectional override in the run address (text shown reversed)',
      (r: Mutable) => void (r.source.runUrl = 'https://github.com/acme/\u202eshop'),
      /control characters/
    ],
    [
      'a number environment',
      (r: Mutable) => void (r.environment = 5),
      /`environment` must be text/
    ],
    ['an object namespace', (r: Mutable) => void (r.namespace = {}), /`namespace` must be text/],
    ['an empty service', (r: Mutable) => void (r.service = ''), /`service` must not be empty/],
    ['a null images map', (r: Mutable) => void (r.images = null), /`images` must be an object/],
    ['a list of images', (r: Mutable) => void (r.images = ['x']), /`images` must be an object/],
    ['a number image', (r: Mutable) => void (r.images.web = 5), /`images\.web` must be text/],
    ['a text source', (r: Mutable) => void (r.source = 'x'), /`source` must be an object/],
    [
      'a text run number',
      (r: Mutable) => void (r.source.runNumber = 'x'),
      /`source\.runNumber` must be a whole number/
    ],
    [
      'a number commit time',
      (r: Mutable) => void (r.source.commitTime = 5),
      /`source\.commitTime` must be text/
    ],
    ['a number digest', (r: Mutable) => void (r.digest = 5), /`digest` must be text/],
    [
      'a malformed digest',
      (r: Mutable) => void (r.digest = 'sha256:xyz'),
      /`digest` must be sha256:/
    ],
    ['a text file list', (r: Mutable) => void (r.files = 'x'), /`files` must be a list/],
    ['a null renderer', (r: Mutable) => void (r.renderer = null), /`renderer` must be an object/]
  ])('refuses %s at its line with a hint', (_name, change, says) => {
    const content = damaged(r => (change(r), r))
    const message = refusal(content)
    expect(message).toMatch(says)
    expect(message).toMatch(/^rendered\/dev\/\.idp\/render\.json:\d+:\d+: /)
    expect(message).toContain('Render the environment again')
  })

  it('points at the line of the damaged field', () => {
    const content = damaged(r => ((r.sourceMap[1].source.line = 0), r))
    const line = content.split('\n').findIndex(l => l.includes('"line": 0')) + 1
    expect(refusal(content)).toContain(`render.json:${line}:`)
  })

  it('reports a bounded number of problems for a large damaged source map', () => {
    const entries = Array.from({ length: 50000 }, () => ({ file: 1, pointer: 2, source: 3 }))
    // No timed assertion (speed is the bench's); a backtracking version never finishes, and the test's
    // own timeout is the guard.
    expect(refusal(JSON.stringify({ ...GOOD, sourceMap: entries }))).toContain('`sourceMap.0.file`')
  }, 30_000)
})
