import { describe, expect, it } from '@jest/globals'
import { pluralOf } from './resources.js'

describe('pluralOf', () => {
  it('uses the table for irregular kinds and the default rule otherwise', () => {
    expect(pluralOf('Ingress')).toBe('ingresses')
    expect(pluralOf('Deployment')).toBe('deployments')
    expect(pluralOf('Policy')).toBe('policies')
  })

  // A kind is input: one named like an Object.prototype member is an ordinary kind.
  it.each([
    ['constructor', 'constructors'],
    ['toString', 'tostrings'],
    ['hasOwnProperty', 'hasownproperties'],
    ['__proto__', '__proto__s']
  ])('a kind named %s gets the default plural', (kind, plural) => {
    expect(pluralOf(kind)).toBe(plural)
  })
})
