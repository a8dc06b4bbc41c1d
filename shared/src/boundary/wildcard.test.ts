// Wildcards against hostile text: never backtracking, exact against a reference matcher.
import { describe, expect, it } from '@jest/globals'
import { wildcardMatch } from './wildcard.js'

// No timed assertions (speed is the bench's): a backtracking matcher never finishes these, and each
// test's own timeout is the guard.
function timed<T>(run: () => T): { value: T } {
  return { value: run() }
}

/** Reference: dynamic programming over code points (quadratic, fine for small cases). */
function reference(pattern: string, value: string): boolean {
  const p = Array.from(pattern)
  const t = Array.from(value)
  if (p.length === 0) return t.length === 0
  let row = new Array<boolean>(t.length + 1).fill(false)
  row[0] = true
  for (const c of p) {
    const next = new Array<boolean>(t.length + 1).fill(false)
    if (c === '*') {
      let any = false
      for (let j = 0; j <= t.length; j++) next[j] = any = any || row[j]
    } else for (let j = 1; j <= t.length; j++) next[j] = row[j - 1] && (c === '?' || c === t[j - 1])
    row = next
  }
  return row[t.length]
}

describe('wildcardMatch', () => {
  it('agrees with a reference matcher on random patterns and values', () => {
    let seed = 7
    const random = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n
    const alphabet = ['a', 'b', '😀', '*', '?']
    for (let k = 0; k < 5000; k++) {
      const pattern = Array.from({ length: random(8) }, () => alphabet[random(5)]).join('')
      const value = Array.from({ length: random(10) }, () => alphabet[random(3)]).join('')
      expect([pattern, value, wildcardMatch(pattern, value)]).toEqual([
        pattern,
        value,
        reference(pattern, value)
      ])
    }
  })

  it('long pieces with ? against a megabyte of text stay fast', () => {
    const text = 'a'.repeat(1_000_000)
    const piece = `${'a'.repeat(4999)}?b`
    const { value } = timed(() => wildcardMatch(`*${piece}*`, text))
    expect(value).toBe(false)
    const hit = timed(() => wildcardMatch(`*${piece}*`, `${text}xb`))
    expect(hit.value).toBe(true)
  })

  it('many stars against a long near-miss stay fast', () => {
    const { value } = timed(() => wildcardMatch(`${'*a'.repeat(5000)}*b`, 'a'.repeat(1_000_000)))
    expect(value).toBe(false)
  })

  it('? is one code point, also next to private-use characters', () => {
    expect(wildcardMatch('?', '😀')).toBe(true)
    expect(wildcardMatch('??', '😀')).toBe(false)
    expect(wildcardMatch('a?\uE000*', 'a😀\uE000x')).toBe(true)
    expect(wildcardMatch('a\uE000', 'a😀')).toBe(false)
  })
})
