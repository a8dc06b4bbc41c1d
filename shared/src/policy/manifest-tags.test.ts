import { describe, expect, it } from '@jest/globals'
import { parseManifestText } from './manifest-documents.js'

const CM = (data: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: t, namespace: shop-dev }\ndata: ${data}\n`

describe('manifest YAML tags', () => {
  it.each([
    ['an include tag', '{ a: !include ../outside/secret.txt }', "'!include'"],
    ['a binary', '{ a: !!binary aGk= }', "'!!binary'"],
    ['a local tag on a mapping', '!custom { a: b }', "'!custom'"],
    [
      'a python object',
      '{ a: !!python/object/apply:os.system ["id"] }',
      "'!!python/object/apply:os.system'"
    ]
  ])('refuses %s at its line, and the document is not checked further', (_name, data, says) => {
    const { manifests, findings } = parseManifestText(CM(data), 'rendered/dev/extra.yaml')
    expect(manifests).toEqual([])
    expect(findings).toHaveLength(1)
    expect(findings[0].position).toMatchObject({ file: 'rendered/dev/extra.yaml', line: 4 })
    expect(findings[0].message).toContain(says)
    expect(findings[0].message).toContain('Remove the tag')
  })

  it('refuses a YAML 1.1 timestamp, which would reach the checks as another text', () => {
    const { findings } = parseManifestText(`%YAML 1.1\n---\n${CM('{ a: 2001-12-14 }')}`, 'm.yaml')
    expect(findings[0].message).toContain('timestamp')
  })

  it.each([
    ['core tags', '{ a: !!str 5, b: !!int 3 }', { a: '5', b: 3 }],
    [
      'int64 numbers (the API server judges them)',
      '{ a: 9223372036854775807 }',
      { a: 9223372036854776000 }
    ],
    ['a key named __proto__ (a valid ConfigMap key)', "{ '__proto__': x }", { ['__proto__']: 'x' }]
  ])('keeps %s', (_name, data, expected) => {
    const { manifests, findings } = parseManifestText(CM(data), 'm.yaml')
    expect(findings).toEqual([])
    expect(Object.entries(manifests[0].object.data as object)).toEqual(Object.entries(expected))
  })
})
