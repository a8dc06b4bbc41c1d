import { describe, expect, it } from '@jest/globals'
import { selectorMatches } from './match.js'
import { matchPattern } from './validate.js'

// Kyverno reads Go maps: a label or field named like a JavaScript object internal is an ordinary key,
// present only when the resource has it.

describe('own keys only', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'a selector on label %s does not match a resource without it',
    label => {
      expect(selectorMatches({ matchLabels: { [label]: '*' } }, { app: 'web' })).toBe(false)
      expect(selectorMatches({ matchLabels: { [label]: '*' } }, { [label]: 'x' })).toBe(true)
    }
  )

  it.each(['constructor', 'toString', 'valueOf'])(
    'a pattern requiring field %s fails a resource without it',
    field => {
      const pattern = { metadata: { [field]: '*' } }
      expect(matchPattern({ metadata: { name: 'x' } }, pattern).status).toBe('fail')
      expect(matchPattern({ metadata: { name: 'x', [field]: 'y' } }, pattern).status).toBe('pass')
    }
  )

  it('an equality anchor on toString is absent on a resource without it', () => {
    const pattern = { metadata: { '=(toString)': 'x' } }
    expect(matchPattern({ metadata: { name: 'x' } }, pattern).status).toBe('pass')
    expect(matchPattern({ metadata: { toString: 'y' } }, pattern).status).toBe('fail')
  })
})
