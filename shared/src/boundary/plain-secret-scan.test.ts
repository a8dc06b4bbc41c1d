import { afterAll, describe, expect, it } from '@jest/globals'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { renderManifests } from '../render/render-manifests.js'
import { DIGEST, FIXED_SOURCE, tempDir } from '../render/testing.js'
import { UserError } from '../runtime/errors.js'
import { RecordingLogger } from '../runtime/logger.js'
import { findPlainSecrets, manifestPlainSecrets } from './plain-secret-scan.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const work = tempDir('plain-secrets')
afterAll(() => work.remove())
const platformText = readFileSync(join(root, 'examples/platform/platform.yaml'), 'utf8')

// Token-shaped values are assembled at run time so this file holds none.
const GITHUB = 'ghp_' + 'aB3dE6'.repeat(6)
const SHOPIFY = 'shpat_' + '0123456789abcdef'.repeat(2)

const BASE = `apiVersion: idp.dev/v1alpha1
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
        LOG_LEVEL: info
        TOKEN_TTL: 3600
        DB_PASSWORD: \${secrets.db.password}
        DB_URL: postgres://app:\${secrets.db.password}@db:5432/app
      traits:
        - type: scaler
          properties: { replicas: 1 }
  secrets:
    - name: db
      store: vault
      data:
        password: { key: shop/db, property: password }
`

async function render(descriptor: string) {
  const n = readdirSync(work.path).length
  const repo = join(work.path, `repo-${n}`)
  mkdirSync(repo)
  writeFileSync(join(repo, 'idp.yaml'), descriptor)
  writeFileSync(join(repo, 'platform.yaml'), platformText)
  const out = join(repo, 'out')
  try {
    await renderManifests(
      {
        descriptor: 'idp.yaml',
        platformConfig: 'platform.yaml',
        environment: 'all',
        image: `ghcr.io/acme/shop@${DIGEST('e')}`,
        outputDir: 'out',
        workspace: repo,
        source: FIXED_SOURCE,
        env: {}
      },
      new RecordingLogger()
    )
    return { message: '', out }
  } catch (error) {
    if (!(error instanceof UserError)) throw error
    return { message: error.message, out }
  }
}

describe('render refuses plain secrets in idp.yaml at their line', () => {
  it('renders the base descriptor (references, TTLs and log levels pass)', async () => {
    const { message, out } = await render(BASE)
    expect(message).toBe('')
    expect(existsSync(join(out, 'dev', 'application.yaml'))).toBe(true)
  })

  it.each([
    ['a password in env', 'LOG_LEVEL: info', 'DB_ADMIN_PASSWORD: hunter22', 'DB_ADMIN_PASSWORD'],
    [
      'a token format under a harmless name',
      'LOG_LEVEL: info',
      `UPSTREAM: ${GITHUB}`,
      'GitHub token'
    ],
    [
      'a URL with a password',
      'LOG_LEVEL: info',
      'CACHE_URL: redis://default:s3cr3tpass@cache:6379',
      'URL with a password'
    ],
    [
      'a secret in the env trait',
      'properties: { replicas: 1 }',
      'properties: { replicas: 1 }\n        - type: env\n          properties:\n            env:\n              API_KEY: abcd-1234-efgh',
      'API_KEY'
    ],
    [
      'a secret in a sidecar env list',
      'properties: { replicas: 1 }',
      'properties: { replicas: 1 }\n        - type: sidecar\n          properties:\n            name: proxy\n            image: ghcr.io/acme/proxy:1.0\n            env:\n              - name: UPSTREAM_PASSWORD\n                value: Sup3rS3cret',
      'UPSTREAM_PASSWORD'
    ],
    [
      'a secret in an environment override',
      '        password: { key: shop/db, property: password }\n',
      `        password: { key: shop/db, property: password }\n  environments:\n    prod:\n      components:\n        web:\n          env:\n            STRIPE_KEY: sk_live_${'aB3dE6fG9h'.repeat(3)}\n`,
      'Stripe key'
    ],
    [
      'a secret found only by secretlint',
      'LOG_LEVEL: info',
      `SHOP_ADMIN: ${SHOPIFY}`,
      "secretlint's 'shopify' rule"
    ]
  ])('%s', async (_name, from, to, says) => {
    expect(BASE).toContain(from)
    const text = BASE.replace(from, to)
    const secretLine = to
      .split('\n')
      .find(l => /PASSWORD: h|UPSTREAM:|CACHE_URL|API_KEY|value:|STRIPE|SHOP_ADMIN/.test(l))!
    const line =
      text.split('\n').findIndex(l => l === secretLine || l.endsWith(secretLine.trim())) + 1
    const { message, out } = await render(text)
    expect(line).toBeGreaterThan(0)
    expect(message).toContain(`idp.yaml:${line}:`)
    expect(message).toContain(says)
    expect(message).toContain('${secrets.<name>.<key>}')
    expect(existsSync(out)).toBe(false)
  })
})

describe('findPlainSecrets', () => {
  it('adds secretlint findings to its own, each on the right literal', async () => {
    const found = await findPlainSecrets([
      { name: 'A', value: 'info' },
      { name: 'B', value: `line one\n${SHOPIFY}\nline three` },
      { name: 'C', value: 'multi\nline\nplain\ntext' },
      { name: 'D', value: GITHUB },
      { name: 'E', value: 'plain' }
    ])
    expect(found.map(f => f?.reason.match(/shopify|GitHub/)?.[0])).toEqual([
      undefined,
      'shopify',
      undefined,
      'GitHub',
      undefined
    ])
  })

  it('scans thousands of literals', async () => {
    // No timed assertion (speed is the bench's); a backtracking version never finishes, and the test's
    // own timeout is the guard.
    const literals = Array.from({ length: 20_000 }, (_, i) => ({
      name: `V${i}`,
      value: `value-${i}`
    }))
    expect((await findPlainSecrets(literals)).every(f => f === undefined)).toBe(true)
  }, 30_000)
})

describe('manifestPlainSecrets (validate)', () => {
  it('finds env values in a rendered Application and ConfigMap data', () => {
    const application = {
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      spec: {
        components: [
          {
            name: 'web',
            properties: {
              env: [
                { name: 'LOG_LEVEL', value: 'info' },
                {
                  name: 'DB_PASSWORD',
                  valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } }
                },
                { name: 'ADMIN_TOKEN', value: 'plain-text-token' }
              ]
            }
          }
        ]
      }
    }
    expect(manifestPlainSecrets(application)?.map(v => v.pointer)).toEqual([
      '/spec/components/0/properties/env/2/value'
    ])
    const configMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      data: { 'app.properties': 'db.password=hunter22\nlog=info', mode: 'fast' }
    }
    expect(manifestPlainSecrets(configMap)?.map(v => v.pointer)).toEqual(['/data/app.properties'])
    expect(manifestPlainSecrets({ apiVersion: 'v1', kind: 'Service' })).toBeUndefined()
    // Objects of a k8s-objects component are checked as manifests of their own, not twice.
    const wrapped = {
      apiVersion: 'core.oam.dev/v1beta1',
      kind: 'Application',
      spec: {
        components: [
          {
            name: 'raw',
            type: 'k8s-objects',
            properties: {
              objects: [
                {
                  kind: 'Pod',
                  spec: { containers: [{ env: [{ name: 'ADMIN_TOKEN', value: 'plain-text' }] }] }
                }
              ]
            }
          }
        ]
      }
    }
    expect(manifestPlainSecrets(wrapped)).toBeUndefined()
  })
})

describe('no-plain-secret-value guardrail', () => {
  it('fails an Application env value that holds a secret, at its pointer', async () => {
    const { GuardrailsEngine, activeGuardrails } =
      await import('../policy/engines/guardrails/index.js')
    const { parseManifestText } = await import('../policy/manifest-documents.js')
    const { silentLogger } = await import('../runtime/logger.js')
    const text = [
      'apiVersion: core.oam.dev/v1beta1',
      'kind: Application',
      'metadata: { name: shop, namespace: shop-dev }',
      'spec:',
      '  components:',
      '    - name: web',
      '      type: webservice',
      '      properties:',
      '        env:',
      '          - { name: LOG_LEVEL, value: info }',
      `          - { name: UPSTREAM, value: ${GITHUB} }`
    ].join('\n')
    const manifests = parseManifestText(text, 'application.yaml').manifests
    const engine = new GuardrailsEngine(
      activeGuardrails(undefined, silentLogger),
      () => 'Namespaced'
    )
    const findings = (await engine.evaluate(manifests, { logger: silentLogger })).filter(
      f => f.rule === 'no-plain-secret-value'
    )
    expect(findings.map(f => [f.result, f.manifest?.pointer])).toEqual([
      ['fail', '/spec/components/0/properties/env/1/value']
    ])
    expect(findings[0].message).toContain('GitHub token')
  })
})
