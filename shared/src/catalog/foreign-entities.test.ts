import { describe, expect, it } from '@jest/globals'
import { candidateServices } from './foreign-entities.js'

describe('candidateServices', () => {
  it('names every service whose default entity names could produce this name, ours excluded', () => {
    expect(candidateServices('checkout-orders-db', 'checkout')).toEqual([
      'checkout-orders',
      'checkout-orders-db'
    ])
    expect(candidateServices('checkout', 'checkout')).toEqual([])
    expect(candidateServices('payments', 'checkout')).toEqual(['payments'])
  })
})
