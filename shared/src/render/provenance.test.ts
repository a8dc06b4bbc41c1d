import { afterAll, describe, expect, it } from '@jest/globals'
import { parseRenderRecord } from './read-record.js'
import { detectSource } from './provenance.js'
import { tempDir } from './testing.js'

describe('detectSource', () => {
  const work = tempDir('provenance')
  afterAll(() => work.remove())

  it.each([
    ['a run number', '42', 42],
    ['a run number beyond the safe integer range', '1'.repeat(30), undefined],
    ['a run number that is not a whole number', '4.2', undefined]
  ])('records %s only when the render record can carry it', (_name, given, expected) => {
    const source = detectSource(work.path, { GITHUB_RUN_NUMBER: given })
    expect(source.runNumber).toBe(expected)
    const record = {
      environment: 'dev',
      namespace: 'shop-dev',
      sourceMap: [],
      source: { ...source, descriptor: 'idp.yaml' }
    }
    expect(() => parseRenderRecord(JSON.stringify(record), 'render.json', ['source'])).not.toThrow()
  })
})
