// `x509_decode` (pkg/engine/jmespath/functions.go): the JSON of Go's x509.Certificate.
import { describe, expect, it } from '@jest/globals'
import { jmesSearch } from './jmespath.js'
import { registerKyvernoFunctions } from './functions.js'
import { x509Decode } from './x509.js'

// A self-signed test certificate (serial 4660, CN shop.example.com, SANs, CA:FALSE; no key kept).
const pem = [
  '-----BEGIN CERTIFICATE-----',
  'MIIDojCCAoqgAwIBAgICEjQwDQYJKoZIhvcNAQELBQAwRTEZMBcGA1UEAwwQc2hv',
  'cC5leGFtcGxlLmNvbTENMAsGA1UECgwEQWNtZTEMMAoGA1UECwwDV2ViMQswCQYD',
  'VQQGEwJVUzAeFw0yNjExMjYwOTE4MTlaFw0zNjExMjMwOTE4MTlaMEUxGTAXBgNV',
  'BAMMEHNob3AuZXhhbXBsZS5jb20xDTALBgNVBAoMBEFjbWUxDDAKBgNVBAsMA1dl',
  'YjELMAkGA1UEBhMCVVMwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEKAoIBAQCz',
  'uZ6mvqmX+Eix0uJLIxcK1XAFWtcF0MJxhbk1zJ0F4IUkaeF4GOtX75NroZdZPEIR',
  'ClaOMxhBSc2zeg85plGjWBGJ/H/QGwvy01F+kMu5/Oye6X+F2zFZKQLIOZWDPPyC',
  'nVtOA+hG+nefkw4EX45k0ts+AfrHQsJayI8/4/azENNBZLOWcK33GJP8PK2/M4Ka',
  'qhOG4AEHLDuqTtF0NTGZywVG2Nf1xkmFKKTX1lI0gxjeICElQTpc4fnkJNhaSsip',
  'iGf3BpxqXd9s8M6GxFl+EauQRwbxyMwgLYw8NVG7Zr4vuSGmIUCzVHD6guvE/Eml',
  'F6EEE3WnBhjifhTUwaHTAgMBAAGjgZswgZgwHQYDVR0OBBYEFBH5+WFW3WIsvuRf',
  'm6ILVMQ0E2R1MB8GA1UdIwQYMBaAFBH5+WFW3WIsvuRfm6ILVMQ0E2R1MEgGA1Ud',
  'EQRBMD+CEHNob3AuZXhhbXBsZS5jb22CFHd3dy5zaG9wLmV4YW1wbGUuY29thwQK',
  'AAABgQ9vcHNAZXhhbXBsZS5jb20wDAYDVR0TAQH/BAIwADANBgkqhkiG9w0BAQsF',
  'AAOCAQEAJVPCzVgqEd398Hs+GSeHzSlkhv9qvEOM3KywLW3bTXDm6MqortAIVmRr',
  '9zzGiPgrYS1fOq4aBnqf+eJ9XGJ4OTYnqpZCn/nSSAY5pk5b5Sx7slxUXQOOEXiq',
  '2Bjmx796np5GDJ2gzpzuMR7lZWMKmnZf1k9Od7xc5MUecbD8druTjX+4pzceT2mc',
  'QwUYiX/v/UVqXfwP9FodCWLdLurBraVw5rO6Bw3Wjzg7UdrgP7aM7mlu3TuP5+b0',
  'aAOOzQfae3iwmXcYhXAds8dlNO8jlxTHcDSb85jV4hBqZtpnKJOKDkZGkNV2oGsd',
  'sFJdQhLzruDg6BNg/evpWKT2E+d9cA==',
  '-----END CERTIFICATE-----'
].join('\n')

describe('x509_decode', () => {
  it('decodes subject, issuer, validity, serial, SANs and basic constraints as Go encodes them', () => {
    const cert = x509Decode(pem)
    expect(cert).toMatchObject({
      Version: 3,
      SerialNumber: 4660,
      Subject: {
        CommonName: 'shop.example.com',
        Organization: ['Acme'],
        OrganizationalUnit: ['Web'],
        Country: ['US']
      },
      Issuer: { CommonName: 'shop.example.com' },
      NotBefore: '2026-11-26T09:18:19Z',
      NotAfter: '2036-11-23T09:18:19Z',
      IsCA: false,
      DNSNames: ['shop.example.com', 'www.shop.example.com'],
      EmailAddresses: ['ops@example.com'],
      IPAddresses: ['CgAAAQ=='],
      PublicKeyAlgorithm: 1,
      PublicKey: { E: 65537 }
    })
  })
  it('is a JMESPath function; text that is not a certificate is an error', () => {
    registerKyvernoFunctions()
    expect(jmesSearch('x509_decode(cert).Subject.CommonName', { cert: pem })).toBe(
      'shop.example.com'
    )
    expect(() => x509Decode('not a certificate')).toThrow(/invalid certificate/)
  })
})
