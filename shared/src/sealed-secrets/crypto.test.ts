import { describe, expect, it } from '@jest/globals'
import {
  constants,
  createDecipheriv,
  generateKeyPairSync,
  privateDecrypt,
  type KeyObject
} from 'node:crypto'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { modulusBytes, sealedValueProblem, sealingKey, sealValue } from './crypto.js'

// The controller's algorithm (`HybridDecrypt` in pkg/crypto/crypto.go), written out independently:
// read the 2-byte big-endian length, unwrap the session key with RSA-OAEP-SHA256 under the label,
// open AES-256-GCM with a zero nonce; a wrong label fails.
function controllerUnseal(privateKey: KeyObject, label: string, sealed: string): Buffer {
  const bytes = Buffer.from(sealed, 'base64')
  const rsaLength = bytes.readUInt16BE(0)
  const sessionKey = privateDecrypt(
    {
      key: privateKey,
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
      oaepLabel: Buffer.from(label)
    },
    bytes.subarray(2, 2 + rsaLength)
  )
  const rest = bytes.subarray(2 + rsaLength)
  const decipher = createDecipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12))
  decipher.setAuthTag(rest.subarray(rest.length - 16))
  return Buffer.concat([decipher.update(rest.subarray(0, rest.length - 16)), decipher.final()])
}

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 })
const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString()

describe('sealValue (strict scope)', () => {
  it('gives a value the controller opens as <namespace>/<name>, and only as that', () => {
    const key = sealingKey(pem)
    const sealed = sealValue(key, 'checkout-dev', 'checkout-db-creds', Buffer.from('s3cr3t ✓'))
    expect(controllerUnseal(privateKey, 'checkout-dev/checkout-db-creds', sealed).toString()).toBe(
      's3cr3t ✓'
    )
    for (const label of ['checkout-dev', '', 'checkout-prod/checkout-db-creds'])
      expect(() => controllerUnseal(privateKey, label, sealed)).toThrow()
    const bytes = Buffer.from(sealed, 'base64')
    expect(bytes.readUInt16BE(0)).toBe(256)
    expect(bytes.length).toBe(2 + 256 + Buffer.byteLength('s3cr3t ✓') + 16)
    expect(sealedValueProblem(sealed, modulusBytes(key))).toBeUndefined()
  })

  it('seals each value with a fresh session key', () => {
    const key = sealingKey(pem)
    const a = sealValue(key, 'ns', 'n', Buffer.from('x'))
    const b = sealValue(key, 'ns', 'n', Buffer.from('x'))
    expect(a).not.toBe(b)
  })

  it('reads a certificate or a public key, and refuses a non-RSA key', () => {
    expect(modulusBytes(sealingKey(pem))).toBe(256)
    // A controller's certificate as `kubeseal --fetch-cert` prints it (RSA-4096, the default).
    const certificate = readFileSync(
      join(dirname(fileURLToPath(import.meta.url)), 'testdata/controller-cert.pem'),
      'utf8'
    )
    const key = sealingKey(certificate)
    expect(modulusBytes(key)).toBe(512)
    expect(Buffer.from(sealValue(key, 'a', 'b', Buffer.from('x')), 'base64').readUInt16BE(0)).toBe(
      512
    )
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' })
      .publicKey.export({ type: 'spki', format: 'pem' })
      .toString()
    expect(() => sealingKey(ec)).toThrow('not RSA')
  })

  it('tells a value sealed for another key size or not sealed at all', () => {
    const sealed = sealValue(sealingKey(pem), 'ns', 'n', Buffer.from('x'))
    expect(sealedValueProblem(sealed, 512)).toContain('2048-bit key')
    expect(sealedValueProblem('hunter2')).toBe('is not standard base64')
    expect(sealedValueProblem('AAAA')).toBe('is too short to be a sealed value')
  })
})
