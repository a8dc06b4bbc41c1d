import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { loadPlatform } from '../descriptor/platform.js'
import { loadDescriptor } from '../descriptor/service.js'
import { RecordingLogger } from '../runtime/logger.js'
import { UserError } from '../runtime/errors.js'
import { parseImageInput } from './images.js'
import { renderEnvironments } from './render.js'
import { renderManifests } from './render-manifests.js'
import { DIGEST, EXAMPLE_IMAGES, FIXED_SOURCE, tempDir } from './testing.js'
import type { RenderRecord } from './record.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const golden = join(root, 'shared/src/render/testdata/golden')
const platformFile = 'examples/platform/platform.yaml'
const update = process.env.UPDATE_GOLDEN === '1'
const temps: (() => void)[] = []
afterAll(() => temps.forEach(remove => remove()))

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(e => e.isFile())
    .map(e => relative(dir, join(e.parentPath, e.name)))
    .sort()
}

async function renderTo(descriptor: string, image: string, environment = 'all') {
  const out = tempDir('render')
  temps.push(out.remove)
  await renderManifests(
    {
      descriptor,
      platformConfig: platformFile,
      environment,
      image,
      outputDir: out.path,
      workspace: root,
      source: FIXED_SOURCE
    },
    new RecordingLogger()
  )
  return out.path
}

describe.each([
  ['checkout', 'examples/checkout/idp.yaml', EXAMPLE_IMAGES],
  [
    'design-example',
    'shared/src/render/testdata/design-example/idp.yaml',
    `ghcr.io/acme/checkout@${DIGEST('d')}`
  ]
])('golden: %s', (name, descriptor, image) => {
  it.each(['dev', 'staging', 'prod'])('renders %s byte for byte as expected', async env => {
    const out = await renderTo(descriptor, image)
    const expectedDir = join(golden, name, env)
    const actual = listFiles(join(out, env))
    if (update) {
      for (const file of actual) {
        mkdirSync(dirname(join(expectedDir, file)), { recursive: true })
        writeFileSync(join(expectedDir, file), readFileSync(join(out, env, file)))
      }
    }
    expect(actual).toEqual(listFiles(expectedDir))
    for (const file of actual) {
      expect(`${file}:\n${readFileSync(join(out, env, file), 'utf8')}`).toBe(
        `${file}:\n${readFileSync(join(expectedDir, file), 'utf8')}`
      )
    }
  })
})

describe('render', () => {
  it('is deterministic: two runs give identical bytes, LF and a final newline', async () => {
    const a = await renderTo('examples/checkout/idp.yaml', EXAMPLE_IMAGES)
    const b = await renderTo('examples/checkout/idp.yaml', EXAMPLE_IMAGES)
    for (const file of listFiles(a)) {
      const bytes = readFileSync(join(a, file))
      expect(bytes.equals(readFileSync(join(b, file)))).toBe(true)
      expect(bytes.includes('\r')).toBe(false)
      expect(bytes.at(-1)).toBe(0x0a)
    }
  })

  it('writes <output-dir>/<environment>/ also for one environment, and a comma list renders several', async () => {
    const one = await renderTo('examples/checkout/idp.yaml', EXAMPLE_IMAGES, 'staging')
    expect(readdirSync(one)).toEqual(['staging'])
    const two = await renderTo('examples/checkout/idp.yaml', EXAMPLE_IMAGES, 'dev, prod')
    expect(readdirSync(two).sort()).toEqual(['dev', 'prod'])
  })

  it('removes files no longer rendered when re-rendering into the same folder', async () => {
    const out = await renderTo('examples/checkout/idp.yaml', EXAMPLE_IMAGES, 'dev')
    writeFileSync(join(out, 'dev', 'stale.yaml'), 'kind: Stale\n')
    await renderManifests(
      {
        descriptor: 'examples/checkout/idp.yaml',
        platformConfig: platformFile,
        environment: 'dev',
        image: EXAMPLE_IMAGES,
        outputDir: out,
        workspace: root,
        source: FIXED_SOURCE
      },
      new RecordingLogger()
    )
    expect(existsSync(join(out, 'dev', 'stale.yaml'))).toBe(false)
  })

  it('maps overridden fields to the override line and other fields to the base line', async () => {
    const out = await renderTo('examples/checkout/idp.yaml', EXAMPLE_IMAGES, 'prod')
    const record = JSON.parse(
      readFileSync(join(out, 'prod/.idp/render.json'), 'utf8')
    ) as RenderRecord
    const text = readFileSync(join(root, 'examples/checkout/idp.yaml'), 'utf8').split('\n')
    const entry = (file: string, pointer: string) =>
      record.sourceMap.find(e => e.file === file && e.pointer === pointer)
    const lineText = (file: string, pointer: string) =>
      text[(entry(file, pointer)?.source.line ?? 0) - 1]
    expect(
      lineText('application.yaml', '/spec/components/0/traits/1/properties/replicas')
    ).toContain('scaler: { replicas: 4 }')
    expect(
      lineText('application.yaml', '/spec/components/1/traits/0/properties/replicas')
    ).toContain('scaler: { replicas: 2 }')
    expect(lineText('application.yaml', '/spec/components/0/properties/cpu')).toContain('cpu: 250m')
    expect(lineText('sqlinstance-orders-db.yaml', '/spec/parameters/storageGB')).toContain(
      'orders-db: { storageGB: 50 }'
    )
    expect(lineText('externalsecret-db-creds.yaml', '/spec/data/0/remoteRef/key')).toContain(
      'key: checkout/db'
    )
    const env = (n: number) =>
      lineText('application.yaml', `/spec/components/0/properties/env/${n}`)
    expect([env(0), env(1), env(2)].join('|')).toMatch(/LOG_LEVEL: warn/)
    expect(record.source).toEqual({ ...FIXED_SOURCE, descriptor: 'examples/checkout/idp.yaml' })
    expect(record.images.checkout).toBe(`ghcr.io/acme/checkout@${DIGEST('a')}`)
  })

  it('renders exactly the supplied image, and a single reference goes to the component of that repository', async () => {
    const platform = loadPlatform(join(root, platformFile), platformFile)
    const loaded = loadDescriptor(
      join(root, 'examples/checkout/idp.yaml'),
      platform.config,
      'examples/checkout/idp.yaml'
    )
    const image = 'ghcr.io/acme/checkout-worker:2.0.1-rc.1'
    const input = parseImageInput(`${image}\n`)
    const withDefaults = {
      ...loaded,
      descriptor: {
        ...loaded.descriptor,
        spec: {
          ...loaded.descriptor.spec,
          components: loaded.descriptor.spec.components.map(c => ({
            ...c,
            image: c.name === 'checkout-worker' ? c.image : `${c.image}:1.0.0`
          }))
        }
      }
    }
    const [dev] = renderEnvironments(withDefaults, platform.config, 'dev', input, FIXED_SOURCE)
    expect(dev.record.images['checkout-worker']).toBe(image)
    expect(dev.files.get('application.yaml')).toContain(`image: ${image}\n`)
  })

  it('refuses tag-only images where the platform requires digests, naming the descriptor line', async () => {
    const platform = loadPlatform(join(root, platformFile), platformFile)
    const loaded = loadDescriptor(
      join(root, 'examples/checkout/idp.yaml'),
      platform.config,
      'examples/checkout/idp.yaml'
    )
    const input = parseImageInput(EXAMPLE_IMAGES.replace(`@${DIGEST('a')}`, ':latest'))
    expect(() => renderEnvironments(loaded, platform.config, 'prod', input, FIXED_SOURCE)).toThrow(
      UserError
    )
    try {
      renderEnvironments(loaded, platform.config, 'prod', input, FIXED_SOURCE)
    } catch (error) {
      const problem = (error as UserError).problems[0]
      expect(problem.message).toContain("Environment 'prod' requires images pinned by digest")
      expect(problem.position).toEqual({ file: 'examples/checkout/idp.yaml', line: 19, column: 14 })
    }
    expect(
      renderEnvironments(loaded, platform.config, 'dev', input, FIXED_SOURCE)[0].record.images
        .checkout
    ).toBe('ghcr.io/acme/checkout:latest')
  })
})
