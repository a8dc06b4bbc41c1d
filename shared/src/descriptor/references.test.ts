import { describe, expect, it } from '@jest/globals'
import { mergeWithOrigins, originOf, type Origins } from './origins.js'
import { parseEnvValue } from './references.js'

describe('parseEnvValue', () => {
  it.each([
    ['plain text', 'info', [{ kind: 'text', text: 'info' }]],
    [
      'a whole secret reference',
      '${secrets.db.password}',
      [{ kind: 'secret', secret: 'db', key: 'password', expression: 'secrets.db.password' }]
    ],
    [
      'text around a resource output',
      'pg://${resources.db.host}:5432',
      [
        { kind: 'text', text: 'pg://' },
        { kind: 'resource', resource: 'db', output: 'host', expression: 'resources.db.host' },
        { kind: 'text', text: ':5432' }
      ]
    ],
    ['an escaped dollar', 'cost: $${x}', [{ kind: 'text', text: 'cost: ${x}' }]]
  ])('%s', (_name, value, parts) => {
    expect(parseEnvValue(value)).toEqual({ parts })
  })

  it.each([
    ['${secrets.db}', 'is not a reference idp understands'],
    ['${vault.db.password}', "starts with 'vault'"],
    ['${secrets..password}', 'is not a reference idp understands']
  ])('rejects %s', (value, message) => {
    expect((parseEnvValue(value) as { error: string }).error).toContain(message)
  })
})

describe('mergeWithOrigins', () => {
  it('merges mappings key by key, replaces lists, and points each node at the line that set it', () => {
    const origins: Origins = new Map()
    const merged = mergeWithOrigins(
      { cpu: '250m', probe: { path: '/healthz', port: 8080 }, args: ['a', 'b'] },
      ['base'],
      { probe: { port: 9090 }, args: ['c'] },
      ['over'],
      '',
      origins
    )
    expect(merged).toEqual({ cpu: '250m', probe: { path: '/healthz', port: 9090 }, args: ['c'] })
    expect(originOf(origins, '/cpu')).toEqual(['base', 'cpu'])
    expect(originOf(origins, '/probe/path')).toEqual(['base', 'probe', 'path'])
    expect(originOf(origins, '/probe/port')).toEqual(['over', 'probe', 'port'])
    expect(originOf(origins, '/args/0')).toEqual(['over', 'args', 0])
    expect(originOf(origins, '/args/1')).toEqual(['over', 'args'])
  })
})
