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

  it.each([
    ['${resources.db.host', 'is not closed', '}'],
    ['pg://${resources.db.host:5432', 'is not closed', '}'],
    ['x${', 'is not closed', '$${'],
    ['${', 'is not closed', '$${'],
    ['${}', 'is empty', '${secrets.<secret>.<key>}'],
    ['${ }', 'is empty', '${secrets.<secret>.<key>}'],
    ['${secrets.}', 'is not a reference idp understands', '${secrets.<secret>.<key>}'],
    ['${secrets}', 'is not a reference idp understands', '${secrets.<secret>.<key>}'],
    ['${${secrets.db.password}}', 'inside a reference', '$${'],
    ['${secrets.${x}.password}', 'inside a reference', '$${'],
    ['${secrets.db.pass{word}', 'inside a reference', '$${'],
    ['${secrets.db.password}${', 'is not closed', '$${']
  ])('refuses %s with a hint', (value, message, hint) => {
    const parsed = parseEnvValue(value) as { error: string; hint?: string }
    expect(parsed.error).toContain(message)
    expect(parsed.hint).toContain(hint)
  })

  it.each([
    ['a lone dollar', 'a$b', 'a$b'],
    ['a trailing dollar', 'cost: 5$', 'cost: 5$'],
    ['an escaped reference', '$${secrets.db.password}', '${secrets.db.password}'],
    ['an escaped unclosed brace', 'x$${', 'x${'],
    ['three dollars', 'a$$$b', 'a$$b'],
    ['a closing brace alone', 'a}b', 'a}b'],
    ['Kubernetes expansion', '$(HOME)/x', '$(HOME)/x']
  ])('keeps %s as text', (_name, value, text) => {
    expect(parseEnvValue(value)).toEqual({ parts: [{ kind: 'text', text }] })
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
