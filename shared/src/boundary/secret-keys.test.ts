import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse, stringify } from 'yaml'
import type { EnvironmentConfig, PlatformConfig, SecretStoreRef } from '../descriptor/types.js'
import { RecordingLogger, silentLogger } from '../runtime/logger.js'
import { parseManifestText } from '../policy/manifest-documents.js'
import { activeGuardrails, GuardrailsEngine } from '../policy/engines/guardrails/index.js'
import { SchemaCatalog } from '../policy/engines/schema-catalog.js'
import { renderManifests } from '../render/render-manifests.js'
import { validateManifests } from '../policy/validate.js'
import { DIGEST, FIXED_SOURCE, tempDir } from '../render/testing.js'
import { UserError } from '../runtime/errors.js'
import {
  checkStoreKey,
  esoKeyViolations,
  findPathConfined,
  keyPatternProblems
} from './secret-keys.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const work = tempDir('secret-keys')
afterAll(() => work.remove())

const store = (keyPattern?: string): SecretStoreRef => ({
  name: 'vault-dev',
  kind: 'ClusterSecretStore',
  ...(keyPattern ? { keyPattern } : {})
})
const scope = { service: 'shop', environment: 'dev' }
const allowed = (
  pattern: string,
  key: string,
  s: { service?: string; environment: string } = scope
) => checkStoreKey(store(pattern), key, s).allowed

describe('keyPattern semantics', () => {
  it.each([
    ['{service}/*', 'shop/db', true],
    ['{service}/*', 'shop', false],
    ['{service}/*', 'shop/db/password', false],
    ['{service}/*', 'shopping/db', false],
    ['{service}/*', 'other/db', false],
    ['{service}/*', 'shop/', false],
    ['{service}/*', 'shop//db', false],
    ['{service}/*', '/shop/db', false],
    ['{service}/**', 'shop/a/b/c', true],
    ['{service}/**', 'shop/../other/db', false],
    ['{service}/**', 'shop/./db', false],
    ['{service}/**', 'shop/a\\..\\b', false],
    ['{service}/**', 'shop/a\u0000b', false],
    ['{service}/**', 'shop/a/', false],
    ['{service}/**', 'shop/a%2F..%2F..%2Fother', false],
    ['{service}/**', 'shop/x?version=1', false],
    ['{service}/**', 'shop/x#y', false],
    ['{service}/**', 'shop/x y', false],
    ['apps/{environment}/{service}/*', 'apps/dev/shop/db', true],
    ['apps/{environment}/{service}/*', 'apps/prod/shop/db', false],
    ['{service}-*', 'shop-db', true],
    ['{service}-*', 'shop-db/x', false],
    ['/{service}/*', '/shop/db', true],
    // Everything but * and ** is literal: no ?, classes, braces, extglobs, negation, comments.
    ['{service}/?', 'shop/x', false],
    ['{service}/?', 'shop/?', false], // '?' is literal in the pattern, and refused in keys
    ['{service}/[ab]', 'shop/a', false],
    ['{service}/[ab]', 'shop/[ab]', true],
    ['{service}/{a,b}', 'shop/a', false],
    ['{service}/+(x)', 'shop/x', false],
    ['!{service}/*', 'other/x', false],
    ['#{service}/*', 'anything', false]
  ])('%s and %s → %s', (pattern, key, expected) => {
    expect(allowed(pattern, key)).toBe(expected)
  })

  it('escapes the names it fills in', () => {
    expect(allowed('{service}/*', 'a/x', { service: '*', environment: 'dev' })).toBe(false)
    expect(allowed('{service}/*', '*/x', { service: '*', environment: 'dev' })).toBe(true)
  })

  it('refuses a {service} pattern when the service is not known, and allows any key without a pattern', () => {
    expect(allowed('{service}/*', 'shop/db', { environment: 'dev' })).toBe(false)
    expect(checkStoreKey(store(), '../anything', scope).allowed).toBe(true)
  })

  it('refuses overlong keys and bounds the time of hostile keys', () => {
    expect(allowed('{service}/**', `shop/${'a'.repeat(2000)}`)).toBe(false)
    const started = Date.now()
    for (let i = 0; i < 200; i++)
      allowed('{service}/*a*a*a*a*a*c/**', `shop/${'a'.repeat(1000)}b/${'x/'.repeat(5)}y`)
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it('checks the platform pattern itself', () => {
    expect(keyPatternProblems('{service}/*')).toEqual([])
    const messages = (pattern: string) =>
      keyPatternProblems(pattern)
        .map(p => p.message)
        .join()
    expect(messages('{team}/*')).toContain('{team}')
    expect(messages('{service}/***')).toContain('***')
    expect(messages('{service}/x**')).toContain('whole segments')
    // Every refusal says what to do.
    for (const pattern of ['{team}/*', '{service}/***', '{service}/x**'])
      for (const problem of keyPatternProblems(pattern)) expect(problem.hint).toMatch(/\w/)
  })

  it.each([
    ['{service}/**', 'shop/', true],
    ['{service}/**', 'shop/db/', true],
    ['{service}/**', 'shop', false],
    ['{service}/**', 'sho', false],
    ['{service}/**', 'shop/../', false],
    ['{service}/*', 'shop/', false],
    ['apps/*/{service}/**', 'apps/dev/shop/', true],
    ['apps/*/{service}/**', 'apps/dev/', false]
  ])('find.path under %s: %s → %s', (pattern, path, expected) => {
    expect(findPathConfined(store(pattern), path, scope)).toBe(expected)
  })
})

const environment: EnvironmentConfig = {
  name: 'dev',
  namespace: '{service}-dev',
  secretStores: {
    vault: { name: 'vault-dev', kind: 'ClusterSecretStore', keyPattern: '{service}/**' },
    open: { name: 'open-store', kind: 'SecretStore' }
  }
}
const es = (spec: Record<string, unknown>, kind = 'ExternalSecret') => ({
  apiVersion: 'external-secrets.io/v1',
  kind,
  metadata: { name: 'x', namespace: 'shop-dev' },
  spec
})
const vault = { name: 'vault-dev', kind: 'ClusterSecretStore' }
const pointers = (object: Record<string, unknown>, env = environment) =>
  (esoKeyViolations(object, env, scope) ?? []).map(v => v.pointer)

describe('ExternalSecret key confinement (validate)', () => {
  it('passes keys inside the pattern and stores without one', () => {
    expect(
      pointers(
        es({
          secretStoreRef: vault,
          data: [{ secretKey: 'a', remoteRef: { key: 'shop/db' } }],
          dataFrom: [
            { extract: { key: 'shop/api' } },
            { find: { path: 'shop/', name: { regexp: '.*' } } },
            {
              sourceRef: { storeRef: { name: 'open-store', kind: 'SecretStore' } },
              find: { name: { regexp: '.*' } }
            }
          ]
        })
      )
    ).toEqual([])
  })

  it.each([
    [
      'data[].remoteRef.key',
      { data: [{ secretKey: 'a', remoteRef: { key: 'other/db' } }] },
      '/spec/data/0/remoteRef/key'
    ],
    [
      'dataFrom[].extract.key',
      { dataFrom: [{ extract: { key: 'other/db' } }] },
      '/spec/dataFrom/0/extract/key'
    ],
    [
      'dataFrom[].find by name',
      { dataFrom: [{ find: { name: { regexp: '^shop/' } } }] },
      '/spec/dataFrom/0/find'
    ],
    [
      'dataFrom[].find by tags',
      { dataFrom: [{ find: { tags: { team: 'shop' } } }] },
      '/spec/dataFrom/0/find'
    ],
    [
      'dataFrom[].find by a prefix path',
      { dataFrom: [{ find: { path: 'shop' } }] },
      '/spec/dataFrom/0/find'
    ],
    [
      'dataFrom[].find by another path',
      { dataFrom: [{ find: { path: 'other/' } }] },
      '/spec/dataFrom/0/find'
    ],
    [
      'a generator the platform does not allow',
      {
        dataFrom: [
          {
            sourceRef: {
              generatorRef: {
                apiVersion: 'generators.external-secrets.io/v1alpha1',
                kind: 'VaultDynamicSecret',
                name: 'x'
              }
            }
          }
        ]
      },
      '/spec/dataFrom/0/sourceRef/generatorRef'
    ],
    [
      'a ClusterGenerator',
      {
        data: [
          {
            secretKey: 'a',
            sourceRef: { generatorRef: { kind: 'ClusterGenerator', name: 'x' } },
            remoteRef: { key: 'k' }
          }
        ]
      },
      '/spec/data/0/sourceRef/generatorRef'
    ]
  ])('refuses %s on a confined store', (_name, spec, pointer) => {
    expect(pointers(es({ secretStoreRef: vault, ...spec }))).toEqual([pointer])
  })

  it('follows sourceRef.storeRef overrides to the confined store', () => {
    expect(
      pointers(
        es({
          secretStoreRef: { name: 'open-store', kind: 'SecretStore' },
          data: [
            { secretKey: 'a', remoteRef: { key: 'other/db' } },
            { secretKey: 'b', sourceRef: { storeRef: vault }, remoteRef: { key: 'other/db' } }
          ]
        })
      )
    ).toEqual(['/spec/data/1/remoteRef/key'])
  })

  it('allows a generator kind the platform lists', () => {
    const gen = { dataFrom: [{ sourceRef: { generatorRef: { kind: 'Password', name: 'p' } } }] }
    expect(
      pointers(es({ secretStoreRef: vault, ...gen }), {
        ...environment,
        secretGenerators: ['Password']
      })
    ).toEqual([])
  })

  it('checks ClusterExternalSecret and PushSecret too', () => {
    expect(
      pointers(
        es(
          {
            externalSecretSpec: {
              secretStoreRef: vault,
              data: [{ secretKey: 'a', remoteRef: { key: 'x/y' } }]
            }
          },
          'ClusterExternalSecret'
        )
      )
    ).toEqual(['/spec/externalSecretSpec/data/0/remoteRef/key'])
    expect(
      pointers(
        es(
          {
            secretStoreRefs: [
              vault,
              { labelSelector: { matchLabels: { a: 'b' } } },
              { name: 'nope', kind: 'SecretStore' }
            ],
            data: [
              { match: { secretKey: 'a', remoteRef: { remoteKey: 'other/x' } } },
              { match: { remoteRef: { remoteKey: 'shop/x' } } }
            ]
          },
          'PushSecret'
        )
      )
    ).toEqual([
      '/spec/secretStoreRefs/1/labelSelector',
      '/spec/secretStoreRefs/2',
      '/spec/data/0/match/remoteRef/remoteKey'
    ])
  })

  it('runs as the secret-key-confined guardrail, with the service from the render record', async () => {
    const platform = {
      apiVersion: 'idp.dev/v1alpha1',
      kind: 'Platform',
      metadata: { name: 'acme' },
      spec: { environments: [environment] }
    } as unknown as PlatformConfig
    const object = es({
      secretStoreRef: vault,
      data: [{ secretKey: 'a', remoteRef: { key: 'other/db' } }]
    })
    const manifests = parseManifestText(stringify(object), 'm.yaml').manifests
    const catalog = new SchemaCatalog()
    const engine = new GuardrailsEngine(activeGuardrails(platform, silentLogger), (a, k) =>
      catalog.scopeOf(a, k)
    )
    const findings = await engine.evaluate(manifests, {
      environment: 'dev',
      namespace: 'shop-dev',
      platform,
      logger: silentLogger
    })
    const confined = findings.filter(f => f.rule === 'secret-key-confined')
    // No render record: {service} is unknown, so the key cannot be proven inside; fail closed.
    expect(confined.map(f => f.result)).toEqual(['fail'])
    expect(confined[0].message).toContain('service is not known')
  })
})

/** Render: a descriptor key outside the store's pattern fails at its idp.yaml line. */
const DESCRIPTOR = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
spec:
  components:
    - name: web
      type: webservice
      image: ghcr.io/acme/shop
      ports: [8080]
      env:
        DB_PASSWORD: \${secrets.db.password}
  secrets:
    - name: db
      store: vault
      data:
        password: { key: shop/db, property: password }
`
const platformText = readFileSync(join(root, 'examples/platform/platform.yaml'), 'utf8').replace(
  'vault: { name: vault-dev, kind: ClusterSecretStore }',
  "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{service}/*' }"
)

/** Renders in a fresh folder (the repository root); returns the message of the refusal, if any. */
async function render(descriptor: string, platform = platformText) {
  const n = readdirSync(work.path).length
  const repo = join(work.path, `repo-${n}`)
  mkdirSync(repo)
  writeFileSync(join(repo, 'idp.yaml'), descriptor)
  writeFileSync(join(repo, 'platform.yaml'), platform)
  const out = join(repo, 'out')
  try {
    await renderManifests(
      {
        descriptor: 'idp.yaml',
        platformConfig: 'platform.yaml',
        environment: 'dev',
        image: `ghcr.io/acme/shop@${DIGEST('e')}`,
        outputDir: 'out',
        workspace: repo,
        source: FIXED_SOURCE,
        env: {}
      },
      new RecordingLogger()
    )
    return { code: 0, message: '', out }
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return { code: 1, message: error.message, out }
  }
}

describe('render: descriptor keys stay inside the store pattern', () => {
  it('renders a key inside the pattern', async () => {
    const { code, message } = await render(DESCRIPTOR)
    expect(message).toBe('')
    expect(code).toBe(0)
  })

  it.each([
    ["another service's key", 'key: other/db', 'key: other/db'],
    ['a key climbing out with ..', 'key: shop/../other/db', 'key: shop/../other/db'],
    ['a key deeper than one segment', 'key: shop/db/admin', 'key: shop/db/admin'],
    ['a key with an empty segment', 'key: shop//db', 'key: shop//db']
  ])('refuses %s at its line', async (_name, replacement, lineText) => {
    const text = DESCRIPTOR.replace('key: shop/db', replacement)
    const { code, message, out } = await render(text)
    const line = text.split('\n').findIndex(l => l.includes(lineText)) + 1
    expect(code).toBe(1)
    expect(message).toContain(`idp.yaml:${line}:`)
    expect(message).toContain("only keys matching 'shop/*'")
    expect(message).toContain('ask the platform team')
    expect(existsSync(out)).toBe(false)
  })

  it('refuses a key reached through an environment override of the store', async () => {
    const platform = platformText.replace(
      'aws: { name: aws-secrets-dev, kind: SecretStore }',
      "aws: { name: aws-secrets-dev, kind: SecretStore, keyPattern: 'apps/{environment}/{service}/*' }"
    )
    const text = `${DESCRIPTOR}  environments:\n    dev:\n      secrets:\n        db: { store: aws }\n`
    const { code, message } = await render(text, platform)
    expect(code).toBe(1)
    expect(message).toContain('idp.yaml:18:')
    expect(message).toContain("only keys matching 'apps/dev/shop/*'")
  })

  it('refuses an unknown placeholder in the platform keyPattern at its line', async () => {
    const platform = platformText.replace("keyPattern: '{service}/*'", "keyPattern: '{team}/*'")
    const { code, message } = await render(DESCRIPTOR, platform)
    const line = platform.split('\n').findIndex(l => l.includes("'{team}/*'")) + 1
    expect(code).toBe(1)
    expect(message).toContain(`platform.yaml:${line}:`)
    expect(message).toContain('{team}')
  })
})

describe('validate maps a key outside the pattern back to its idp.yaml line', () => {
  it('renders against an unconfined store, then validates against the confined one', async () => {
    const repo = join(work.path, 'validate-e2e')
    mkdirSync(repo)
    const unconfined = readFileSync(join(root, 'examples/platform/platform.yaml'), 'utf8')
    const text = DESCRIPTOR.replace('key: shop/db', 'key: payments/db')
    writeFileSync(join(repo, 'idp.yaml'), text)
    writeFileSync(join(repo, 'platform.yaml'), unconfined)
    // The example's policy and CRD folders are relative to it; this copy needs only its stores.
    const confined = parse(platformText) as { spec: Record<string, unknown> }
    delete confined.spec.policies
    delete confined.spec.crds
    writeFileSync(join(repo, 'confined.yaml'), stringify(confined))
    await renderManifests(
      {
        descriptor: 'idp.yaml',
        platformConfig: 'platform.yaml',
        environment: 'dev',
        image: `ghcr.io/acme/shop@${DIGEST('e')}`,
        outputDir: 'out',
        workspace: repo,
        source: FIXED_SOURCE,
        env: {}
      },
      new RecordingLogger()
    )
    const outcome = await validateManifests(
      {
        workspace: repo,
        manifests: ['out'],
        platformConfig: 'confined.yaml',
        policies: [],
        crds: [],
        builtinPolicies: true,
        failOn: 'error',
        annotate: false
      },
      silentLogger
    )
    const failed = outcome.results.findings.filter(
      f => f.rule === 'secret-key-confined' && f.result === 'fail'
    )
    const line = text.split('\n').findIndex(l => l.includes('key: payments/db')) + 1
    expect(failed.map(f => [f.position?.file, f.position?.line])).toEqual([['idp.yaml', line]])
    expect(failed[0].message).toContain(
      "data[0].remoteRef.key 'payments/db' is not allowed: store 'vault-dev' serves this service only keys matching 'shop/*'"
    )
  })
})
