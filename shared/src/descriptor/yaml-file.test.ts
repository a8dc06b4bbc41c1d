import { describe, expect, it } from '@jest/globals'
import { UserError } from '../runtime/errors.js'
import { parseYamlText } from './yaml-file.js'

/** The one problem `text` is refused with, as `line:column: message hint`. */
function refusal(text: string): string {
  try {
    parseYamlText(text, 'idp.yaml', 'The service descriptor')
  } catch (error) {
    expect(error).toBeInstanceOf(UserError)
    const [problem] = (error as UserError).problems
    const where = problem.position ? `${problem.position.line}:${problem.position.column}` : '?'
    return `${where}: ${problem.message} ${problem.hint ?? ''}`
  }
  throw new Error(`accepted: ${text}`)
}

const valueOf = (text: string) => parseYamlText(text, 'idp.yaml', 'The descriptor').value

describe('YAML tags: only the core schema', () => {
  it.each([
    ['a binary', 'a: 1\nb: !!binary aGVsbG8=\n', '2:4', "'!!binary'"],
    ['a local tag', 'a: 1\nb: !custom x\n', '2:4', "'!custom'"],
    ['a local tag on a mapping', 'a: 1\nb: !custom { x: 1 }\n', '2:4', "'!custom'"],
    ['a js function', 'a: 1\nb: !!js/function "f"\n', '2:4', "'!!js/function'"],
    ['a set', 'a: 1\nb: !!set { x, y }\n', '2:4', "'!!set'"],
    ['an ordered map', 'a: 1\nb: !!omap [x: 1]\n', '2:4', "'!!omap'"],
    ['a pairs list', 'a: 1\nb: !!pairs [x: 1]\n', '2:4', "'!!pairs'"],
    ['a timestamp', 'a: 1\nb: !!timestamp 2001-12-14\n', '2:4', "'!!timestamp'"],
    ['a verbatim foreign tag', 'a: 1\nb: !<tag:example.com,2000:x> y\n', '2:4', 'tag:example.com'],
    [
      'a %TAG shorthand',
      '%TAG !e! tag:example.com,2000:\n---\na: 1\nb: !e!foo x\n',
      '4:4',
      'tag:example.com,2000:foo'
    ],
    ['a core tag that does not fit its value', 'a: 1\nb: !!float x\n', '2:4', "'!!float'"],
    ['an int tag on text', 'a: 1\nb: !!int ten\n', '2:4', "'!!int'"],
    ['a YAML 1.1 timestamp', '%YAML 1.1\n---\na: 1\nb: 2001-12-14\n', '4:4', 'a timestamp']
  ])('refuses %s at its line', (_name, text, at, names) => {
    const said = refusal(text)
    expect(said.startsWith(`${at}: `)).toBe(true)
    expect(said).toContain(names)
    expect(said).toMatch(/quote|Remove the tag/i)
  })

  it('reports every tagged value at once', () => {
    try {
      parseYamlText('a: !x 1\nb: !y 2\n', 'idp.yaml', 'The descriptor')
      throw new Error('accepted')
    } catch (error) {
      expect((error as UserError).problems.map(p => p.position?.line)).toEqual([1, 2])
    }
  })

  it.each([
    ['!!str 12', '12'],
    ['!<tag:yaml.org,2002:str> 12', '12'],
    ['! 12', '12'],
    ['!!int 3', 3],
    ['!!float 1.5', 1.5],
    ['!!bool true', true],
    ['!!null ~', null],
    ['!!map { x: 1 }', { x: 1 }],
    ['!!seq [1]', [1]],
    ['2001-12-14', '2001-12-14']
  ])('accepts b: %s', (value, expected) => {
    expect(valueOf(`a: 1\nb: ${value}\n`)).toEqual({ a: 1, b: expected })
  })
})

describe('numbers: what is read is what is rendered', () => {
  it.each([
    ['.inf', 'infinite'],
    ['-.inf', 'infinite'],
    ['.Inf', 'infinite'],
    ['.nan', 'not a number'],
    ['.NaN', 'not a number'],
    ['1e400', 'infinite'],
    ['100000000000000000000000000000', 'safe'],
    ['1e29', 'safe'],
    ['12345678901234567890', 'safe'],
    ['9007199254740993', 'safe'],
    ['9007199254740992', 'safe'],
    ['-9007199254740992', 'safe'],
    ['0xFFFFFFFFFFFFFFFFFF', 'safe'],
    ['1e-400', 'exactly'],
    ['0.1234567890123456789012', 'exactly']
  ])('refuses %s at its line with a hint to quote it', (value, says) => {
    const said = refusal(`a: 1\nb:\n  - ${value}\n`)
    expect(said.startsWith('3:5: ')).toBe(true)
    expect(said).toContain(value)
    expect(said).toContain(says)
    expect(said).toContain(`'${value}'`)
  })

  it.each([
    ['9007199254740991', 9007199254740991],
    ['-9007199254740991', -9007199254740991],
    ['0.1', 0.1],
    ['1.5e3', 1500],
    ['1e3', 1000],
    ['0', 0],
    ['-0.0', -0],
    ['3.14159', 3.14159],
    ['250.000', 250],
    ['0x1F', 31],
    ['0o17', 15],
    ["'.inf'", '.inf'],
    ['"12345678901234567890"', '12345678901234567890']
  ])('accepts %s', (value, expected) => {
    expect(valueOf(`a: ${value}\n`)).toEqual({ a: expected })
  })
})

describe('mapping keys', () => {
  it.each([
    ['a list as a key', 'a: 1\n? [x]\n: 1\n', '2:3'],
    ['a mapping as a key', 'a: 1\nb: { ? { x: 1 } : 1 }\n', '2:8']
  ])('refuses %s at its line', (_name, text, at) => {
    const said = refusal(text)
    expect(said.startsWith(`${at}: `)).toBe(true)
    expect(said).toContain('key')
  })
})
