// The catalog file a service commits is input: per-environment annotations carried over from it must
// never reach Object.prototype (an environment named __proto__ or constructor).
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { captureCli, tempDir } from '../render/testing.js'
import { mergeDeployments, recordedDeployments } from './deployments.js'

const polluted = () =>
  ['version', 'digest', 'commit', 'time'].filter(field => field in ({} as object))

afterEach(() => {
  // Undo what a failing run polluted, so other tests in this worker are not affected.
  for (const field of polluted()) delete (Object.prototype as Record<string, unknown>)[field]
  for (const field of ['version', 'digest'])
    delete (Object as unknown as Record<string, unknown>)[field]
})

describe('recorded deployments', () => {
  it.each(['__proto__', 'constructor', 'toString'])(
    'an environment named %s is an own key or dropped, never a prototype',
    environment => {
      const annotations = {
        [`idp.dev/env.${environment}.version`]: 'pwned',
        'idp.dev/env.dev.version': '1.0.0'
      }
      const recorded = recordedDeployments(annotations)
      expect(polluted()).toEqual([])
      expect((Object as unknown as Record<string, unknown>).version).toBeUndefined()
      expect(recorded.dev).toEqual({ version: '1.0.0' })
      const merged = mergeDeployments(annotations, undefined)
      expect(polluted()).toEqual([])
      expect(merged['idp.dev/env.dev.version']).toBe('1.0.0')
    }
  )
})

describe('catalog with a hostile catalog-info.yaml in the repository', () => {
  const work = tempDir('catalog-proto')
  const cwd = process.cwd()
  beforeAll(() => process.chdir(work.path))
  afterAll(() => {
    process.chdir(cwd)
    work.remove()
  })

  it('does not pollute Object.prototype through carried-over annotations', async () => {
    const platform = join(work.path, 'platform.yaml')
    writeFileSync(
      platform,
      [
        'apiVersion: idp.dev/v1alpha1',
        'kind: Platform',
        'metadata: { name: test }',
        'spec:',
        '  gitops: { repository: acme/gitops, path: "envs/{environment}/{service}" }',
        '  environments:',
        "    - { name: dev, namespace: '{service}-dev', secretStores: {} }",
        ''
      ].join('\n')
    )
    writeFileSync(
      join(work.path, 'idp.yaml'),
      [
        'apiVersion: idp.dev/v1alpha1',
        'kind: Service',
        'metadata: { name: shop, owner: team-shop }',
        'spec:',
        '  components:',
        '    - { name: web, type: webservice, image: ghcr.io/acme/shop, ports: [8080] }',
        ''
      ].join('\n')
    )
    writeFileSync(
      join(work.path, 'catalog-info.yaml'),
      [
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        'metadata:',
        '  name: shop',
        '  annotations:',
        "    idp.dev/env.__proto__.version: 'pwned'",
        "    idp.dev/env.constructor.digest: 'pwned'",
        "    idp.dev/env.dev.version: '1.0.0'",
        'spec: { type: service, lifecycle: production, owner: team-shop }',
        ''
      ].join('\n')
    )
    const { code, stderr } = await captureCli(['catalog', '--platform-config', platform])
    expect(polluted()).toEqual([])
    expect((Object as unknown as Record<string, unknown>).digest).toBeUndefined()
    expect(stderr).not.toContain('Internal error')
    expect(code).toBe(0)
    const written = readFileSync(join(work.path, 'catalog-info.yaml'), 'utf8')
    expect(written).toContain('idp.dev/env.dev.version: "1.0.0"')
    // `constructor` is a well-formed environment name (an own key); `__proto__` is not one.
    expect(written).toContain('idp.dev/env.constructor.digest: "pwned"')
    expect(written).not.toContain('__proto__')
  })
})
