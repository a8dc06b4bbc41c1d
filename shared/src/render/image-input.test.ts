import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { parseImageInput } from './images.js'
import { repoRoot } from './render-fixture.js'
import { captureCli, DIGEST, tempDir } from './testing.js'

// The image input: one component=reference per line, comma or space, or (CLI) per repeated --image.

const A = `checkout=ghcr.io/acme/checkout@${DIGEST('a')}`
const B = `checkout-worker=ghcr.io/acme/checkout-worker@${DIGEST('b')}`
const C = `nightly-report=ghcr.io/acme/checkout-report@${DIGEST('c')}`

describe('parseImageInput', () => {
  it.each([
    ['lines', `${A}\n${B}\n${C}\n`],
    ['commas', `${A},${B}, ${C}`],
    ['spaces', `${A} ${B}  ${C}`],
    ['spaces around =', `checkout = ghcr.io/acme/checkout@${DIGEST('a')}\n${B}\n${C}`],
    ['a comment line', `# pinned\n${A}\n${B}\n${C}`]
  ])('reads %s', (_name, text) => {
    const input = parseImageInput(text)
    expect([...input.named.keys()]).toEqual(['checkout', 'checkout-worker', 'nightly-report'])
    expect(input.named.get('checkout')).toBe(`ghcr.io/acme/checkout@${DIGEST('a')}`)
  })
})

describe('idp render --image', () => {
  it('may be repeated, each adding a component=reference, and the summary lists them in that form', async () => {
    const out = tempDir('image-input')
    try {
      const { code, stderr } = await captureCli([
        'render',
        '--descriptor',
        join(repoRoot, 'examples/checkout/idp.yaml'),
        '--platform-config',
        join(repoRoot, 'examples/platform/platform.yaml'),
        '--environment',
        'dev',
        '--output-dir',
        out.path,
        '--image',
        A,
        '--image',
        `${B}, ${C}`
      ])
      expect(stderr).not.toContain('error')
      expect(code).toBe(0)
      const app = parse(readFileSync(join(out.path, 'dev/application.yaml'), 'utf8'))
      expect(
        app.spec.components.map((c: { properties: { image: string } }) => c.properties.image)
      ).toEqual([
        `ghcr.io/acme/checkout@${DIGEST('a')}`,
        `ghcr.io/acme/checkout-worker@${DIGEST('b')}`,
        `ghcr.io/acme/checkout-report@${DIGEST('c')}`
      ])
      expect(stderr).toContain(`\`${A}\``)
    } finally {
      out.remove()
    }
  })
})
