// The sealed-value expression of the exported sealed-secret-scope policy decides as the built-in check
// (sealed-secrets/crypto.ts sealedValueProblem) at every length around the minimum, for every padding,
// and for values sealed with another key size.
import { describe, expect, it } from '@jest/globals'
import { randomBytes } from 'node:crypto'
import { sealedValueProblem } from '../sealed-secrets/crypto.js'
import { sealedValueBody } from './object-rules.js'

function sealedLike(declared: number, length: number): string {
  const bytes = randomBytes(length)
  bytes.writeUInt16BE(declared, 0)
  return bytes.toString('base64')
}

describe('sealedValueBody', () => {
  for (const modulus of [128, 256, 512])
    it(`admits exactly what sealedValueProblem admits for a ${modulus * 8}-bit key`, () => {
      const regex = new RegExp(`^(?:${sealedValueBody(modulus)})$`)
      const minimum = 2 + modulus + 16
      const cases: string[] = []
      for (const declared of [modulus, modulus === 256 ? 512 : 256, modulus + 1])
        for (let length = minimum - 4; length <= minimum + 4; length++)
          cases.push(sealedLike(declared, length))
      cases.push('not sealed!', '', sealedLike(modulus, minimum).replace(/=+$/, ''))
      const disagreements = cases.filter(
        value => regex.test(value) !== (sealedValueProblem(value, modulus) === undefined)
      )
      expect(disagreements).toEqual([])
      expect(cases.some(value => regex.test(value))).toBe(true)
    })
})
