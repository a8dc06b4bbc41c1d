/**
 * Sealing one value the way the Sealed Secrets controller (bitnami-labs/sealed-secrets) unseals it,
 * `pkg/crypto/crypto.go` `HybridEncrypt`: a fresh 32-byte AES-256 session key wrapped with RSA-OAEP
 * (SHA-256, MGF1-SHA-256) under the scope label, the value encrypted with AES-256-GCM with a 12-byte
 * zero nonce (the key is used once) and no AAD, laid out as `uint16 BE len(rsa) ‖ rsa ‖ aes ‖ tag` and
 * standard base64. idp seals in strict scope only: the label is `<namespace>/<name>`, so the value
 * opens only as that Secret in that namespace.
 */
import {
  constants,
  createCipheriv,
  createPublicKey,
  publicEncrypt,
  randomBytes,
  X509Certificate,
  type KeyObject
} from 'node:crypto'

/** The controller's public key from its certificate (`kubeseal --fetch-cert`) or a public-key PEM. */
export function sealingKey(pem: string): KeyObject {
  const text = pem.trim()
  const key = text.includes('BEGIN CERTIFICATE')
    ? new X509Certificate(text).publicKey
    : createPublicKey(text)
  if (key.asymmetricKeyType !== 'rsa')
    throw new Error(`the key is ${key.asymmetricKeyType ?? 'not an RSA key'}, not RSA`)
  return key
}

/** Bytes of the RSA modulus: the length of the wrapped session key in every sealed value. */
export function modulusBytes(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength
  if (!bits) throw new Error('the RSA key has no modulus length')
  return Math.ceil(bits / 8)
}

/** The OAEP label of strict scope (`EncryptionLabel` in `sealedsecret_expansion.go`). */
export function strictLabel(namespace: string, name: string): Buffer {
  return Buffer.from(`${namespace}/${name}`, 'utf8')
}

/** Seals `value` for the Secret `name` in `namespace` (strict scope); standard base64. */
export function sealValue(key: KeyObject, namespace: string, name: string, value: Buffer): string {
  const sessionKey = randomBytes(32)
  const wrapped = publicEncrypt(
    {
      key,
      padding: constants.RSA_PKCS1_OAEP_PADDING,
      oaepHash: 'sha256',
      oaepLabel: strictLabel(namespace, name)
    },
    sessionKey
  )
  const cipher = createCipheriv('aes-256-gcm', sessionKey, Buffer.alloc(12))
  const sealed = Buffer.concat([cipher.update(value), cipher.final(), cipher.getAuthTag()])
  const length = Buffer.alloc(2)
  length.writeUInt16BE(wrapped.length)
  return Buffer.concat([length, wrapped, sealed]).toString('base64')
}

/**
 * Why `text` cannot be a value sealed for a key of `modulus` bytes (undefined when it can): standard
 * base64 of a 2-byte length equal to the modulus size, the wrapped key, and at least the GCM tag.
 */
export function sealedValueProblem(text: string, modulus?: number): string | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return 'is not standard base64'
  const bytes = Buffer.from(text, 'base64')
  if (bytes.length < 2) return 'is too short to be a sealed value'
  const wrapped = bytes.readUInt16BE(0)
  if (modulus !== undefined && wrapped !== modulus)
    return `was sealed with a ${wrapped * 8}-bit key, but the environment's certificate has a ${modulus * 8}-bit key`
  if (bytes.length < 2 + wrapped + 16) return 'is too short to be a sealed value'
  return undefined
}
