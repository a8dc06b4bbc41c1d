import { describe, expect, it } from '@jest/globals'
import { REASON_LENGTH, replyReason, shortReason, statusText } from './remote-replies.js'

describe('shortReason', () => {
  it('keeps one line of at most REASON_LENGTH characters, control characters removed', () => {
    const reason = shortReason(`first\u0007 line ${'x'.repeat(500)}\nsecond line`)!
    expect(reason.startsWith('first  line')).toBe(true)
    expect(reason).not.toContain('second')
    expect(reason.length).toBe(REASON_LENGTH)
    expect(reason.endsWith('…')).toBe(true)
  })

  it('blanks credential shapes', () => {
    const text = [
      `ghp_${'a'.repeat(36)}`,
      `github_pat_${'b'.repeat(40)}`,
      'Bearer abcdefghijklmnop',
      'token 0123456789abcdef',
      'https://user:secret@example.com/x',
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl'
    ].join(' ')
    const reason = shortReason(text)!
    expect(reason).toBe('*** *** Bearer *** token *** https://***@example.com/x ***')
  })

  it('gives nothing for what is not text or is empty', () => {
    expect(shortReason(undefined)).toBeUndefined()
    expect(shortReason({ message: 'x' })).toBeUndefined()
    expect(shortReason(' \n ')).toBeUndefined()
  })
})

describe('replyReason', () => {
  it("reads GitHub's message and Backstage's error envelope, never other bodies", () => {
    expect(replyReason({ message: 'Not Found', documentation_url: 'x' })).toBe('Not Found')
    expect(replyReason({ error: { name: 'NotFoundError', message: 'no such entity' } })).toBe(
      'NotFoundError: no such entity'
    )
    expect(replyReason('<html>502</html>')).toBeUndefined()
    expect(replyReason(['a'])).toBeUndefined()
    expect(statusText(404, 'Not Found')).toBe('HTTP 404: Not Found')
    expect(statusText(502, undefined)).toBe('HTTP 502')
  })
})
