import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  constants,
  createDecipheriv,
  generateKeyPairSync,
  privateDecrypt,
  type KeyObject
} from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { captureCli, DIGEST, tempDir } from '../render/testing.js'
import { repoRoot } from '../render/render-fixture.js'

// Sealed Secrets end to end: the platform maps a store of dev to Sealed Secrets with the controller's
// key, `idp secret seal` seals a value for dev (strict scope), render emits the SealedSecret, and
// validate checks its scope and binding. The controller's side is played by a test key pair.

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const certificate = publicKey.export({ type: 'spki', format: 'pem' }).toString()

function controllerUnseal(key: KeyObject, label: string, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64')
  const n = bytes.readUInt16BE(0)
  const session = privateDecrypt(
    {
      key,
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
      oaepLabel: Buffer.from(label)
    },
    bytes.subarray(2, 2 + n)
  )
  const rest = bytes.subarray(2 + n)
  const d = createDecipheriv('aes-256-gcm', session, Buffer.alloc(12))
  d.setAuthTag(rest.subarray(rest.length - 16))
  return Buffer.concat([d.update(rest.subarray(0, rest.length - 16)), d.final()]).toString()
}

const work = tempDir('sealed-secrets')
const cwd = process.cwd()
beforeAll(() => process.chdir(work.path))
afterAll(() => {
  process.chdir(cwd)
  work.remove()
})

const platform = readFileSync(join(repoRoot, 'examples/platform/platform.yaml'), 'utf8')
  .replace(
    '        vault: { name: vault-dev, kind: ClusterSecretStore }\n',
    `        vault:\n          kind: SealedSecrets\n          certificate: |\n${certificate
      .trim()
      .split('\n')
      .map(l => `            ${l}`)
      .join('\n')}\n`
  )
  .replace('  policies:\n    - policies/\n', '')
const DESCRIPTOR = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
spec:
  components:
    - name: web
      type: worker
      image: ghcr.io/acme/shop
      env:
        DB_PASSWORD: \${secrets.db.password}
  secrets:
    - name: db
      store: vault
      data:
        password:
          key: shop/db
          property: password
          sealed:
            dev: SEALED
`
const IMAGE = `ghcr.io/acme/shop@${DIGEST('e')}`

beforeAll(() => {
  writeFileSync(join(work.path, 'platform.yaml'), platform)
  writeFileSync(join(work.path, 'value.txt'), 'hunter2-but-long-and-random')
})

async function seal(
  environment = 'dev'
): Promise<{ code: number; stdout: string; stderr: string }> {
  writeFileSync(join(work.path, 'idp.yaml'), DESCRIPTOR.replace('dev: SEALED\n', 'dev: AAAA\n'))
  return captureCli([
    'secret',
    'seal',
    '--platform-config',
    'platform.yaml',
    '--environment',
    environment,
    '--secret',
    'db',
    '--key',
    'password',
    '--value-file',
    'value.txt'
  ])
}

describe('the platform config', () => {
  it("refuses a Sealed Secrets store whose certificate is not the controller's RSA key, at its line", async () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString()
    const text = platform.replace(certificate.trim().split('\n')[1], ec.trim().split('\n')[1])
    writeFileSync(join(work.path, 'platform-ec.yaml'), text)
    writeFileSync(join(work.path, 'idp.yaml'), DESCRIPTOR)
    const { code, stderr } = await captureCli([
      'render',
      '--platform-config',
      'platform-ec.yaml',
      '--image',
      IMAGE
    ])
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /platform-ec\.yaml:\d+:\d+: The Sealed Secrets certificate cannot be read/
    )
  })
})

describe('idp secret seal', () => {
  it('seals for <namespace>/<name> of the environment, in the format the controller opens', async () => {
    const { code, stdout, stderr } = await seal()
    expect(stderr).toContain('Sealed for shop-dev/shop-db')
    expect(code).toBe(0)
    const sealed = stdout.trim()
    expect(controllerUnseal(privateKey, 'shop-dev/shop-db', sealed)).toBe(
      'hunter2-but-long-and-random'
    )
    expect(() => controllerUnseal(privateKey, 'shop-dev', sealed)).toThrow()
  })

  it('refuses an environment that does not map the store to Sealed Secrets', async () => {
    const { code, stderr } = await seal('staging')
    expect(code).toBe(1)
    expect(stderr).toContain(
      "maps store 'vault' of secret 'db' to ClusterSecretStore 'vault-staging'"
    )
    expect(stderr).toMatch(/idp\.yaml:14:\d+/)
  })
})

describe('render and validate with a Sealed Secrets store', () => {
  async function render(descriptor: string, out: string) {
    writeFileSync(join(work.path, 'idp.yaml'), descriptor)
    return captureCli([
      'render',
      '--platform-config',
      'platform.yaml',
      '--output-dir',
      out,
      '--image',
      IMAGE
    ])
  }

  it('emits a strict-scope SealedSecret in dev and an ExternalSecret elsewhere; validate passes it', async () => {
    const sealed = (await seal()).stdout.trim()
    const { code, stderr } = await render(DESCRIPTOR.replace('SEALED', sealed), 'out')
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
    const manifest = parse(readFileSync(join(work.path, 'out/dev/sealedsecret-db.yaml'), 'utf8'))
    expect(manifest).toMatchObject({
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'shop-db', namespace: 'shop-dev' },
      spec: { encryptedData: { password: sealed }, template: { type: 'Opaque' } }
    })
    expect(manifest.metadata.annotations).toBeUndefined()
    expect(
      controllerUnseal(privateKey, 'shop-dev/shop-db', manifest.spec.encryptedData.password)
    ).toBe('hunter2-but-long-and-random')
    expect(readFileSync(join(work.path, 'out/staging/kustomization.yaml'), 'utf8')).toContain(
      'externalsecret-db.yaml'
    )
    const validate = await captureCli([
      'validate',
      '--manifests',
      'out/dev',
      '--platform-config',
      'platform.yaml'
    ])
    expect(validate.stdout).toContain('errors=0')
    expect(validate.stderr).not.toContain('no schema for SealedSecret')

    // Widened scope and a value sealed for another key are refused at their line.
    const file = join(work.path, 'out/dev/sealedsecret-db.yaml')
    const other = generateKeyPairSync('rsa', { modulusLength: 3072 }).publicKey
    const { sealingKey, sealValue } = await import('./crypto.js')
    const foreign = sealValue(
      sealingKey(other.export({ type: 'spki', format: 'pem' }).toString()),
      'shop-dev',
      'shop-db',
      Buffer.from('x')
    )
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(
          '  namespace: shop-dev\n',
          '  namespace: shop-dev\n  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: "true"\n'
        )
        .replace(sealed, foreign)
    )
    const refused = await captureCli([
      'validate',
      '--manifests',
      'out/dev',
      '--platform-config',
      'platform.yaml'
    ])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('[guardrails/sealed-secret-scope]')
    expect(refused.stderr).toContain('namespace-wide widens')
    expect(refused.stderr).toContain('sealed with a 3072-bit key')
  })

  it('refuses a secret with no value sealed for the environment, at its idp.yaml line', async () => {
    const descriptor = DESCRIPTOR.replace('          sealed:\n            dev: SEALED\n', '')
    const { code, stderr } = await render(descriptor, 'out-missing')
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /error: idp\.yaml:18:\d+: Secret 'db' key 'password' has no value sealed for environment 'dev'/
    )
    expect(stderr).toContain('idp secret seal --environment dev --secret db --key password')
  })

  it('refuses a value that is not sealed for this environment, at its sealed line', async () => {
    const { code, stderr } = await render(DESCRIPTOR.replace('SEALED', 'hunter2'), 'out-plain')
    expect(code).toBe(1)
    expect(stderr).toMatch(
      /error: idp\.yaml:21:\d+: Secret 'db' key 'password' sealed for 'dev' is not standard base64/
    )
  })
})
