import { describe, expect, it } from '@jest/globals'
import { markdownCode, markdownLink, markdownText } from './markdown.js'

/** The cells of one table row, split where GitHub splits them (an unescaped `|`). */
const cells = (row: string) => row.split(/(?<!\\)\|/).slice(1, -1)

describe('markdown for text a service wrote', () => {
  it('keeps a table row at its cells whatever the text holds', () => {
    for (const text of ['a|b', 'a\\|b', 'a\nb|c', 'x\r\n| y |', '`|`'])
      expect(cells(`| ${markdownText(text)} | ${markdownCode(text)} |`)).toHaveLength(2)
  })

  it('opens no HTML, link or image', () => {
    const shown = markdownText(
      '<img src=x> ![t](https://evil.example/t.png) [a](https://evil.example)'
    )
    expect(shown).not.toMatch(/<img|(?<!\\)\]\(|(?<!\\)!(?<!\\)\[/)
  })

  it('fences code with more backticks than the text holds', () => {
    expect(markdownCode('a`b')).toBe('``a`b``')
    expect(markdownCode('`edge`')).toBe('`` `edge` ``')
    expect(markdownCode('plain')).toBe('`plain`')
  })

  it('links only to a plain http(s) address', () => {
    expect(markdownLink('#7', 'https://github.com/acme/shop/actions/runs/7')).toBe(
      '[#7](https://github.com/acme/shop/actions/runs/7)'
    )
    for (const url of [
      'javascript:alert(1)',
      'https://x) [login](https://evil.example',
      'https://a b',
      'data:text/html,x',
      undefined
    ])
      expect(markdownLink('#7', url)).toBe('#7')
  })
})
