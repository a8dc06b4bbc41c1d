// The boundary's regular-expression engine: hostile patterns from a platform config, a CRD or a
// schema finish in linear time; RE2 syntax errors are clear; schema `pattern`s keep their meaning.
import { describe, expect, it } from '@jest/globals'
import { compileSchema, schemaCompileError } from '../descriptor/schema-check.js'
import { compileCrdRule } from '../policy/engines/crd-cel.js'
import { compileCrdSchema, kubernetesAjv, violationsOf } from '../policy/engines/openapi-schema.js'
import {
  LinearRegExp,
  MAX_PATTERN_LENGTH,
  RegExpSyntaxError,
  regExpSyntaxProblem
} from './regex.js'

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = run()
  return { value, ms: performance.now() - start }
}

const nearMiss = 'a'.repeat(26) + '!'

describe('LinearRegExp (RE2, Go semantics)', () => {
  it('nested quantifiers on a near-miss finish at once, even on long text', () => {
    for (const pattern of ['^(a+)+$', '^(a|a)*$', '^(a|aa)+$', '(.*a){20}$']) {
      const { value, ms } = timed(() => LinearRegExp.compile(pattern).test(nearMiss))
      expect(value).toBe(false)
      expect(ms).toBeLessThan(300)
    }
    const long = timed(() => LinearRegExp.compile('^(a+)+$').test('a'.repeat(200_000) + '!'))
    expect(long.value).toBe(false)
    expect(long.ms).toBeLessThan(2000)
  })

  it("reports what does not compile with Go's wording, and refuses oversized patterns", () => {
    expect(() => LinearRegExp.compile('(?=a)')).toThrow(RegExpSyntaxError)
    expect(regExpSyntaxProblem('(a')).toMatch(/^error parsing regexp: missing closing \)/)
    expect(regExpSyntaxProblem('(a{1000}){1000}')).toMatch(/invalid repeat count/)
    expect(regExpSyntaxProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/too long/)
    expect(regExpSyntaxProblem('^[a-z]+$')).toBeUndefined()
  })

  it('exec returns groups; unmatched groups are undefined', () => {
    expect(LinearRegExp.compile('(a)(b)?').exec('xa')).toEqual({
      index: 1,
      end: 2,
      groups: ['a', 'a', undefined]
    })
    expect(LinearRegExp.compile('^b').exec('ab', 1)).toBeUndefined()
  })

  it('ECMAScript syntax (JSON Schema) is translated: \\u escapes and named groups', () => {
    expect(LinearRegExp.compile('^\\u00e9+$', { ecmaScript: true }).test('éé')).toBe(true)
    expect(LinearRegExp.compile('^(?<x>a)$', { ecmaScript: true }).test('a')).toBe(true)
  })
})

describe('schema patterns run on RE2', () => {
  it('a platform schema pattern that backtracks catastrophically does not stall the descriptor check', () => {
    const validate = compileSchema({ type: 'string', pattern: '^(a+)+$' })
    const { value, ms } = timed(() => validate(nearMiss))
    expect(value).toBe(false)
    expect(ms).toBeLessThan(300)
  })

  it('a platform schema pattern RE2 cannot run is a schema error for its author', () => {
    expect(schemaCompileError({ type: 'string', pattern: '^(?!admin).*$' })).toMatch(
      /error parsing regexp/
    )
  })

  it('a CRD pattern that backtracks catastrophically does not stall validation', () => {
    const ajv = kubernetesAjv()
    const validate = compileCrdSchema(ajv, {
      type: 'object',
      properties: { name: { type: 'string', pattern: '^([a-z]+)+$' } }
    })
    const { value, ms } = timed(() => validate({ name: 'a'.repeat(26) + '-' }))
    expect(value).toBe(false)
    expect(ms).toBeLessThan(300)
    expect(violationsOf(validate.errors ?? [])[0].message).toMatch(/must match the pattern/)
  })

  it('a CRD pattern the API server could not compile fails closed with a clear message', () => {
    const validate = compileCrdSchema(kubernetesAjv(), {
      type: 'object',
      properties: { name: { type: 'string', pattern: '^(?!kube-).*$' } }
    })
    expect(validate({ name: 'web' })).toBe(false)
    expect(violationsOf(validate.errors ?? [])[0].message).toMatch(
      /not a valid Go regular expression/
    )
  })
})

describe('ajv keeps each pattern apart', () => {
  it('two fields with different patterns are each checked against their own', () => {
    const validate = compileSchema({
      type: 'object',
      properties: {
        name: { type: 'string', pattern: '^[a-z]+$' },
        kind: { type: 'string', pattern: '^[A-Z][A-Za-z]*$' }
      }
    })
    expect(validate({ name: 'web', kind: 'SQLInstance' })).toBe(true)
    expect(validate({ name: 'Web', kind: 'sql' })).toBe(false)
    expect(validate.errors?.map(e => e.instancePath).sort()).toEqual(['/kind', '/name'])
  })
})

describe('CRD validation rules', () => {
  it('a rule whose matches() pattern RE2 cannot compile is a compile error of the CRD', () => {
    expect(() => compileCrdRule("self.tag.matches('^(?=a)a+$')")).toThrow(/is not RE2/)
    expect(() => compileCrdRule("self.tag.matches('^(a)\\\\1$')")).toThrow(/is not RE2/)
    expect(() => compileCrdRule("self.tag.matches('^a+$')")).not.toThrow()
  })
})
