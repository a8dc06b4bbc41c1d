// Hostile YAML shapes: deep nesting, many keys, many documents. Each ends in a clear error of its
// document (or a bounded finish), never a stack overflow or minutes of CPU.
import { describe, expect, it } from '@jest/globals'
import { LineCounter } from 'yaml'
import { parseYamlText } from '../descriptor/yaml-file.js'
import { parseManifestText } from '../policy/manifest-documents.js'
import { UserError } from '../runtime/errors.js'
import { MAX_YAML_DEPTH, MAX_YAML_DOCUMENTS, parseYamlStream } from './yaml-limits.js'

const DEPTH = 10_000

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now()
  const value = run()
  return { value, ms: performance.now() - start }
}

function userError(run: () => unknown): UserError {
  try {
    run()
  } catch (error) {
    if (error instanceof UserError) return error
    throw error
  }
  throw new Error('expected a UserError')
}

const deepInputs: Record<string, string> = {
  'flow sequences': `spec:\n  deep: ${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}\n`,
  'flow mappings': `spec:\n  deep: ${'{a: '.repeat(DEPTH)}1${'}'.repeat(DEPTH)}\n`,
  'block sequences on one line': `spec:\n  deep:\n    ${'- '.repeat(DEPTH)}1\n`,
  'block mappings':
    Array.from({ length: 600 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n'
}

describe('nesting', () => {
  for (const [name, text] of Object.entries(deepInputs)) {
    it(`${name}: a clear error at a line, not a stack overflow`, () => {
      const { value: error, ms } = timed(() =>
        userError(() => parseYamlText(text, 'idp.yaml', 'The service descriptor'))
      )
      expect(error.message).toMatch(/nests collections deeper than 256 levels/)
      expect(error.message).not.toMatch(/call stack/i)
      expect(error.problems[0].position?.line).toBeGreaterThanOrEqual(1)
      expect(ms).toBeLessThan(5000)
    })
  }

  it('real depth passes: a CRD-like schema nested 60 levels', () => {
    const text = `a: ${'{b: '.repeat(60)}1${'}'.repeat(60)}\n`
    expect(parseYamlText(text, 'x.yaml', 'The file').value).toBeDefined()
  })

  it('a manifest nested 10,000 levels is a syntax finding, not a stack overflow', () => {
    const { findings, manifests } = parseManifestText(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: ${'['.repeat(DEPTH)}1${']'.repeat(DEPTH)}\n`,
      'cm.yaml'
    )
    expect(manifests).toHaveLength(0)
    expect(findings[0].message).toMatch(/deeper than 256 levels/)
  })
})

describe('keys and documents', () => {
  it('a mapping of 50,000 keys is read in bounded time, and a duplicate among them is found', () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `V${i}: x`)
    const ok = timed(() => parseYamlText(`env: {${keys.join(', ')}}\n`, 'idp.yaml', 'The file'))
    expect(Object.keys((ok.value.value as { env: object }).env)).toHaveLength(50_000)
    expect(ok.ms).toBeLessThan(10_000)
    const duplicate = timed(() =>
      userError(() => parseYamlText(`env: {${keys.join(', ')}, V7: y}\n`, 'idp.yaml', 'The file'))
    )
    expect(duplicate.value.message).toMatch(/a key appears twice/)
    expect(duplicate.ms).toBeLessThan(10_000)
  })

  it('duplicate keys are still refused at their line', () => {
    const error = userError(() => parseYamlText('a: 1\nb:\n  c: 1\n  c: 2\n', 'f.yaml', 'The file'))
    expect(error.message).toMatch(/a key appears twice/)
    expect(error.problems[0].position).toMatchObject({ line: 4, column: 3 })
  })

  it('100,000 documents in one file are refused before they are parsed', () => {
    const text = '---\n{kind: ConfigMap, apiVersion: v1, metadata: {name: c}}\n'.repeat(100_000)
    const { value, ms } = timed(() => parseManifestText(text, 'all.yaml'))
    expect(value.manifests).toHaveLength(0)
    expect(value.findings[0].message).toMatch(
      new RegExp(`more than ${MAX_YAML_DOCUMENTS} YAML documents`)
    )
    expect(ms).toBeLessThan(2000)
  })

  it('the limits leave room for real files', () => {
    expect(MAX_YAML_DEPTH).toBeGreaterThanOrEqual(100)
    const lineCounter = new LineCounter()
    const docs = parseYamlStream('a: 1\n---\nb: 2\n', { lineCounter, uniqueKeys: true })
    expect(docs.map(d => d.toJS())).toEqual([{ a: 1 }, { b: 2 }])
  })
})
