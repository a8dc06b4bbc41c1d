// Boundary: how `*` / `?` wildcards written by a policy or a platform are matched against text a
// service controls. No regular expression is built from the pattern and nothing backtracks: the
// pattern is cut at its stars and each piece is found leftmost, which is exact for these patterns.
// Pieces without `?` are found with `indexOf`; pieces with `?` by a bit-parallel scan (Shift-And),
// so time stays near linear in the text even for long pieces against megabytes of text.

/**
 * Kyverno's wildcard match (`ext/wildcard`, go-wildcard 1.0.3): `*` is any run of characters
 * including none, `?` exactly one character (code point); no escapes; an empty pattern matches only
 * ''. Kyverno's own recursive matcher takes exponential time on `*a*a*a…b`; this one does not.
 */
export function wildcardMatch(pattern: string, value: string): boolean {
  if (pattern === value) return true
  if (pattern === '') return false
  // The common selector (`*` for any group, version, name or namespace): asked per rule and resource.
  if (pattern === '*') return true
  if (!hasWildcard(pattern)) return false
  const narrowed = oneUnitPerCodePoint(pattern, value)
  if (!narrowed) return slowMatch(Array.from(pattern), Array.from(value))
  const [p, text] = narrowed
  const pieces = p.split('*')
  if (pieces.length === 1) return text.length === p.length && fitsAt(p, text, 0)
  const first = pieces[0]
  const last = pieces[pieces.length - 1]
  const stop = text.length - last.length
  if (stop < first.length) return false
  if (!fitsAt(first, text, 0) || !fitsAt(last, text, stop)) return false
  let at = first.length
  for (let i = 1; i < pieces.length - 1; i++) {
    const found = findPiece(pieces[i], text, at, stop)
    if (found < 0) return false
    at = found + pieces[i].length
  }
  return true
}

/** Whether a pattern holds wildcard characters. */
export function hasWildcard(value: string): boolean {
  return value.includes('*') || value.includes('?')
}

/** Whether `piece` (with `?` for any one character) matches `text` at `at`. */
function fitsAt(piece: string, text: string, at: number): boolean {
  for (let i = 0; i < piece.length; i++)
    if (piece[i] !== '?' && piece[i] !== text[at + i]) return false
  return true
}

/** The first position in [from, stop - piece.length] where `piece` fits, or -1. */
function findPiece(piece: string, text: string, from: number, stop: number): number {
  if (piece.length === 0) return from
  if (!piece.includes('?')) {
    const found = text.indexOf(piece, from)
    return found >= 0 && found + piece.length <= stop ? found : -1
  }
  if (piece.length <= 32) {
    for (let at = from; at + piece.length <= stop; at++) if (fitsAt(piece, text, at)) return at
    return -1
  }
  return shiftAnd(piece, text, from, stop)
}

/**
 * Shift-And over `text[from, stop)`: bit j of the state says the first j + 1 characters of the piece
 * end at the current character. One pass, (piece length / 32) word operations per character.
 */
function shiftAnd(piece: string, text: string, from: number, stop: number): number {
  const m = piece.length
  const words = Math.ceil(m / 32)
  const any = new Uint32Array(words)
  for (let j = 0; j < m; j++) if (piece[j] === '?') any[j >>> 5] |= 1 << (j & 31)
  const masks = new Map<string, Uint32Array>()
  for (let j = 0; j < m; j++) {
    const c = piece[j]
    if (c === '?') continue
    let mask = masks.get(c)
    if (!mask) masks.set(c, (mask = Uint32Array.from(any)))
    mask[j >>> 5] |= 1 << (j & 31)
  }
  const state = new Uint32Array(words)
  const lastWord = (m - 1) >>> 5
  const lastBit = 1 << ((m - 1) & 31)
  for (let i = from; i < stop; i++) {
    const mask = masks.get(text[i]) ?? any
    // state = ((state << 1) | 1) & mask, across words.
    let carry = 1
    for (let w = 0; w < words; w++) {
      const next = state[w] >>> 31
      state[w] = ((state[w] << 1) | carry) & mask[w]
      carry = next
    }
    if (state[lastWord] & lastBit) return i - m + 1
  }
  return -1
}

const SURROGATE = /[\uD800-\uDFFF]/

/**
 * `pattern` and `value` with each astral code point replaced by one private-use code unit, so one
 * code unit is one character (`?` matches one code point, as in Go); undefined when there are more
 * distinct astral characters than free private-use code units (then the slow path runs).
 */
function oneUnitPerCodePoint(pattern: string, value: string): [string, string] | undefined {
  if (!SURROGATE.test(pattern) && !SURROGATE.test(value)) return [pattern, value]
  const used = new Set<number>()
  for (const s of [pattern, value])
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i)
      if (c >= 0xe000 && c <= 0xf8ff) used.add(c)
    }
  const replacement = new Map<string, string>()
  let next = 0xe000
  const narrow = (s: string): string | undefined => {
    let out = ''
    for (const ch of s) {
      if (ch.length === 1) {
        out += ch
        continue
      }
      let r = replacement.get(ch)
      if (!r) {
        while (used.has(next)) next++
        if (next > 0xf8ff) return undefined
        r = String.fromCharCode(next++)
        replacement.set(ch, r)
      }
      out += r
    }
    return out
  }
  const p = narrow(pattern)
  const v = p === undefined ? undefined : narrow(value)
  return p === undefined || v === undefined ? undefined : [p, v]
}

/** Piece-by-piece matching on code point arrays (only for text with thousands of astral characters). */
function slowMatch(pattern: string[], text: string[]): boolean {
  const pieces: string[][] = [[]]
  for (const c of pattern) {
    if (c === '*') pieces.push([])
    else pieces[pieces.length - 1].push(c)
  }
  const fits = (piece: string[], at: number) =>
    piece.every((c, i) => c === '?' || c === text[at + i])
  if (pieces.length === 1) return text.length === pieces[0].length && fits(pieces[0], 0)
  const first = pieces[0]
  const last = pieces[pieces.length - 1]
  const stop = text.length - last.length
  if (stop < first.length || !fits(first, 0) || !fits(last, stop)) return false
  let at = first.length
  for (const piece of pieces.slice(1, -1)) {
    while (at + piece.length <= stop && !fits(piece, at)) at++
    if (at + piece.length > stop) return false
    at += piece.length
  }
  return true
}
