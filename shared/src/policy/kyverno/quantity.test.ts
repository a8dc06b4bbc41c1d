import { describe, expect, it } from '@jest/globals'
import { parseQuantity } from './quantity.js'

describe('parseQuantity', () => {
  it.each([
    ['1Gi', 2 ** 30],
    ['500m', 0.5],
    ['2k', 2000],
    ['1e3', 1000]
  ])('reads %s', (text, value) => expect(parseQuantity(text)).toBe(value))

  it.each(['1constructor', '1toString', '1valueOf', '1hasOwnProperty'])(
    'is not a quantity: %s (a suffix is never looked up on Object.prototype)',
    text => expect(parseQuantity(text)).toBeUndefined()
  )
})
