import { describe, expect, it } from '@jest/globals'
import { globsOverlap } from './tenants.js'

describe('globsOverlap (whether one service name can match two registry globs)', () => {
  it.each([
    ['a*', '*b', true],
    ['a*c', 'ab*', true],
    ['*', 'checkout', true],
    ['payments-*', 'payments-legacy', true],
    ['pay*', 'payments-*', true],
    ['checkout', 'checkout', true],
    ['a*b', 'ac', false],
    ['x*', 'y*', false],
    ['payments-*', 'pay', false],
    ['*-a', '*-b', false]
  ])('%s ∩ %s → %s', (a, b, expected) => {
    expect(globsOverlap(a, b)).toBe(expected)
    expect(globsOverlap(b, a)).toBe(expected)
  })

  it('finishes on long, star-heavy patterns', () => {
    // No timed assertion (speed is the bench's); a backtracking version never finishes, and the test's
    // own timeout is the guard.
    const a = '*a'.repeat(30) + 'b'
    const b = 'a*'.repeat(30) + 'c'
    expect(globsOverlap(a, b)).toBe(false)
  }, 30_000)
})
