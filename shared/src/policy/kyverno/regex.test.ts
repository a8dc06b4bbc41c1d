// Hostile policies: a regular expression or a wildcard that backtracks catastrophically must not
// stall validation; RE2 syntax Kyverno accepts must work, and replacements follow Go.
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jmesSearch } from './jmespath.js'
import { readPolicyFile } from './policy.js'
import { regexLiterals } from './regex.js'
import { wildcardMatch } from './wildcard.js'

const q = (expression: string) => jmesSearch(expression, {})

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = run()
  return { value, ms: performance.now() - start }
}

describe('Kyverno regular expressions run in linear time (RE2, as Go)', () => {
  it('regex_match with a nested quantifier on a near-miss finishes at once', () => {
    const { value, ms } = timed(() => q(`regex_match('(a+)+$', '${'a'.repeat(25)}!')`))
    expect(value).toBe(false)
    expect(ms).toBeLessThan(500)
    const found = timed(() => q(`regex_match('(a|aa)+b', '${'a'.repeat(25)}!ab')`))
    expect(found.value).toBe(true)
    expect(found.ms).toBeLessThan(500)
  })

  it('regex_replace_all with a catastrophic pattern finishes at once', () => {
    const { ms } = timed(() => q(`regex_replace_all('^(x+x+)+y$', '${'x'.repeat(26)}', 'z')`))
    expect(ms).toBeLessThan(500)
  })

  it('time_parse with a hostile Go layout (every `1` reads one or two digits) finishes at once', () => {
    const layout = '1'.repeat(24)
    const { ms } = timed(() => {
      expect(() => q(`time_parse('${layout}', '${'1'.repeat(47)}x')`)).toThrow(/cannot parse/)
    })
    expect(ms).toBeLessThan(500)
  })

  it('accepts RE2 syntax JavaScript lacks, and refuses what RE2 refuses', () => {
    expect(q("regex_match('^[[:alpha:]]+\\\\z', 'abc')")).toBe(true)
    expect(q("regex_match('\\\\Aab', 'abc')")).toBe(true)
    expect(q("regex_match('(?i)^ABC$', 'abc')")).toBe(true)
    expect(() => q("regex_match('(?=a)b', 'ab')")).toThrow(/error parsing regexp/)
  })

  it('replacements expand like Go: ${1}, $name, $$, and $1x as a (missing) group named 1x', () => {
    expect(q("regex_replace_all('([a-z]+)-(\\\\d+)', 'app-12', '${2}-${1}')")).toBe('12-app')
    expect(q("regex_replace_all('(?P<word>[a-z]+)', 'ab cd', '<$word>')")).toBe('<ab> <cd>')
    expect(q("regex_replace_all('a', 'a', '$$1')")).toBe('$1')
    expect(q("regex_replace_all('(a)', 'a', '$1x')")).toBe('')
    expect(q("regex_replace_all_literal('a', 'banana', '$1')")).toBe('b$1n$1n$1')
  })

  it('an empty match right after a match is not replaced (Go, unlike JavaScript)', () => {
    expect(q("regex_replace_all('a*', 'baaac', 'X')")).toBe('XbXcX')
  })
})

describe('Kyverno wildcards run without backtracking', () => {
  it('many stars against a long near-miss finish at once', () => {
    const { value, ms } = timed(() => wildcardMatch('*a*a*a*a*b', 'a'.repeat(120)))
    expect(value).toBe(false)
    expect(ms).toBeLessThan(200)
    const long = timed(() => wildcardMatch('*a'.repeat(50) + '*b', 'a'.repeat(100_000)))
    expect(long.value).toBe(false)
    expect(long.ms).toBeLessThan(500)
  })

  it('keeps go-wildcard semantics', () => {
    expect(wildcardMatch('', '')).toBe(true)
    expect(wildcardMatch('', 'a')).toBe(false)
    expect(wildcardMatch('*', '')).toBe(true)
    expect(wildcardMatch('?', '')).toBe(false)
    expect(wildcardMatch('?', '😀')).toBe(true)
    expect(wildcardMatch('a*b?c', 'a-x-bYc')).toBe(true)
    expect(wildcardMatch('a*b?c', 'abc')).toBe(false)
    expect(wildcardMatch('*.example.*', 'www.example.com')).toBe(true)
    expect(wildcardMatch('*ab*ab', 'xabab')).toBe(true)
    expect(wildcardMatch('*aa', 'aaa')).toBe(true)
    expect(wildcardMatch('a*a', 'a')).toBe(false)
    expect(wildcardMatch('[a]', '[a]')).toBe(true)
    expect(wildcardMatch('a.c', 'abc')).toBe(false)
    expect(wildcardMatch('*?*?', 'ab')).toBe(true)
    expect(wildcardMatch('*?*?', 'a')).toBe(false)
    expect(wildcardMatch('*a?c*', 'xxabxabcx')).toBe(true)
  })
})

describe('parse_yaml on text a resource carries', () => {
  it('50,000 keys parse in bounded time and 10,000-deep nesting is an error, not an overflow', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `k${i}: v`).join(', ')
    const wide = timed(() => jmesSearch('parse_yaml(text)', { text: `{${keys}}` }))
    expect(Object.keys(wide.value as object)).toHaveLength(50_000)
    expect(wide.ms).toBeLessThan(10_000)
    expect(() =>
      jmesSearch('parse_yaml(text)', { text: `${'['.repeat(10_000)}${']'.repeat(10_000)}` })
    ).toThrow(/deeper than 256 levels/)
    expect(jmesSearch('parse_yaml(text)', { text: 'a: [1, 2]' })).toEqual({ a: [1, 2] })
    expect(() => jmesSearch('parse_yaml(text)', { text: 'a: 1\na: 2' })).toThrow(/unique/)
  })
})

describe('regular expressions RE2 cannot compile are the policy file’s error, at their line', () => {
  it('finds JMESPath and CEL literals', () => {
    expect(regexLiterals("{{ regex_match('^(a)\\\\1$', 'aa') }}")).toEqual(['^(a)\\\\1$'])
    expect(regexLiterals("regex_replace_all( 'it\\'s', x, 'y')")).toEqual(["it's"])
    expect(regexLiterals('self.tag.matches(\'^(?=a)a+$\') && matches(x, "b")')).toEqual([
      '^(?=a)a+$',
      'b'
    ])
  })

  it('reports a lookahead in a deny condition at its line in the policy file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'idp-regex-policy-'))
    try {
      const file = join(dir, 'policy.yaml')
      writeFileSync(
        file,
        [
          'apiVersion: kyverno.io/v1',
          'kind: ClusterPolicy',
          'metadata: {name: p}',
          'spec:',
          '  rules:',
          '    - name: r',
          '      match: {any: [{resources: {kinds: [Pod]}}]}',
          '      validate:',
          '        deny:',
          '          conditions:',
          '            any:',
          "              - key: \"{{ regex_match('^(?=a)a$', 'a') }}\"",
          '                operator: Equals',
          '                value: true',
          ''
        ].join('\n')
      )
      expect(() => readPolicyFile(file, 'policy.yaml')).toThrow(
        /policy\.yaml:12:\d+: The regular expression '\^\(\?=a\)a\$' is not valid RE2/
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
