// `x509_decode` (pkg/engine/jmespath/functions.go): a PEM certificate as the JSON of Go's
// `x509.Certificate` — Subject / Issuer as `pkix.Name` (CommonName, Organization, ...), NotBefore /
// NotAfter as RFC 3339, SerialNumber, IsCA, DNSNames, EmailAddresses, IPAddresses (base64 bytes, as Go
// encodes `net.IP`), Version, Raw, PublicKeyAlgorithm and the RSA public key's exponent. Fields Go
// fills from extensions this parser does not read (KeyUsage, Extensions, ...) are left out.
import { X509Certificate } from 'node:crypto'
import { isIP } from 'node:net'

type Obj = Record<string, unknown>

const attributes: Record<string, { field: string; oid: number[]; list: boolean }> = {
  CN: { field: 'CommonName', oid: [2, 5, 4, 3], list: false },
  SERIALNUMBER: { field: 'SerialNumber', oid: [2, 5, 4, 5], list: false },
  C: { field: 'Country', oid: [2, 5, 4, 6], list: true },
  L: { field: 'Locality', oid: [2, 5, 4, 7], list: true },
  ST: { field: 'Province', oid: [2, 5, 4, 8], list: true },
  STREET: { field: 'StreetAddress', oid: [2, 5, 4, 9], list: true },
  O: { field: 'Organization', oid: [2, 5, 4, 10], list: true },
  OU: { field: 'OrganizationalUnit', oid: [2, 5, 4, 11], list: true },
  POSTALCODE: { field: 'PostalCode', oid: [2, 5, 4, 17], list: true }
}

/** Node's `CN=x\nO=y` distinguished name as Go's `pkix.Name`. */
function pkixName(text: string): Obj {
  const name: Obj = {
    Country: null,
    Organization: null,
    OrganizationalUnit: null,
    Locality: null,
    Province: null,
    StreetAddress: null,
    PostalCode: null,
    SerialNumber: '',
    CommonName: '',
    Names: [] as Obj[],
    ExtraNames: null
  }
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=')
    if (eq <= 0) continue
    const key = line.slice(0, eq).trim()
    const value = line.slice(eq + 1)
    const attribute = attributes[key.toUpperCase()]
    if (!attribute) continue
    ;(name.Names as Obj[]).push({ Type: attribute.oid, Value: value })
    if (attribute.list)
      name[attribute.field] = [...((name[attribute.field] as string[]) ?? []), value]
    else name[attribute.field] = value
  }
  return name
}

/** Go's `time.Time` JSON: RFC 3339 in UTC, without fractional seconds when there are none. */
const rfc3339 = (text: string) => new Date(text).toISOString().replace('.000Z', 'Z')

function ipBytes(ip: string): string {
  if (isIP(ip) === 4) return Buffer.from(ip.split('.').map(Number)).toString('base64')
  const [head, tail] = ip.includes('::') ? ip.split('::') : [ip, undefined]
  const h = head ? head.split(':') : []
  const t = tail ? tail.split(':') : []
  const groups = [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t]
  return Buffer.from(groups.flatMap(g => [parseInt(g, 16) >> 8, parseInt(g, 16) & 255])).toString(
    'base64'
  )
}

const publicKeyAlgorithms: Record<string, number> = { rsa: 1, dsa: 2, ec: 3, ed25519: 4 }

export function x509Decode(pem: string): Obj {
  const block = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)
  if (!block) throw new Error('invalid certificate')
  let cert: X509Certificate
  try {
    cert = new X509Certificate(block[0])
  } catch (error) {
    throw new Error(`x509: malformed certificate: ${(error as Error).message}`)
  }
  const san = (cert.subjectAltName ?? '').split(', ').filter(Boolean)
  const of = (prefix: string) =>
    san.filter(s => s.startsWith(prefix)).map(s => s.slice(prefix.length))
  const key = cert.publicKey
  const details = key.asymmetricKeyDetails ?? {}
  return {
    Raw: cert.raw.toString('base64'),
    Version: 3,
    SerialNumber: Number(BigInt(`0x${cert.serialNumber}`)),
    Issuer: pkixName(cert.issuer),
    Subject: pkixName(cert.subject),
    NotBefore: rfc3339(cert.validFrom),
    NotAfter: rfc3339(cert.validTo),
    PublicKeyAlgorithm: publicKeyAlgorithms[key.asymmetricKeyType ?? ''] ?? 0,
    ...(key.asymmetricKeyType === 'rsa'
      ? { PublicKey: { E: Number(details.publicExponent ?? 0), Size: details.modulusLength } }
      : {}),
    IsCA: cert.ca,
    BasicConstraintsValid: cert.ca,
    DNSNames: of('DNS:').length ? of('DNS:') : null,
    EmailAddresses: of('email:').length ? of('email:') : null,
    IPAddresses: of('IP Address:').length ? of('IP Address:').map(ipBytes) : null
  }
}
