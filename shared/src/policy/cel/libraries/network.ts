// The Kubernetes CEL URL and IP/CIDR libraries (`k8s.io/apiserver/pkg/cel/library/urls.go`, `ip.go`,
// `cidr.go`): `url()`/`isURL()` with `getScheme`, `getHost`, `getHostname`, `getPort`,
// `getEscapedPath`, `getQuery`; `ip()`/`isIP()` with `family`, `isLoopback`, `isUnspecified`,
// `isGlobalUnicast`, `isLinkLocalUnicast`, `isLinkLocalMulticast`; `cidr()`/`isCIDR()` with
// `containsIP`, `containsCIDR`, `ip`, `masked`, `prefixLength`. Addresses are kept as BigInt.
import type { Environment } from '@marcbachmann/cel-js'
import { isIPv4, isIPv6 } from 'node:net'

export class CelUrl {
  constructor(
    readonly url: URL,
    readonly raw: string
  ) {}
}

function parseUrl(text: string): CelUrl | undefined {
  // Go's url.ParseRequestURI: an absolute URL, or an absolute path.
  try {
    if (text.startsWith('/')) return new CelUrl(new URL(text, 'http://placeholder.invalid'), text)
    if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(text)) return undefined
    return new CelUrl(new URL(text), text)
  } catch {
    return undefined
  }
}

export class IpAddress {
  constructor(
    readonly family: 4 | 6,
    readonly value: bigint
  ) {}
  toString(): string {
    if (this.family === 4)
      return [24, 16, 8, 0].map(s => String((this.value >> BigInt(s)) & 255n)).join('.')
    const groups: string[] = []
    for (let i = 7; i >= 0; i--)
      groups.push(((this.value >> BigInt(i * 16)) & 0xffffn).toString(16))
    // RFC 5952: the longest run of two or more zero groups becomes '::'.
    let best = [-1, 0]
    for (let i = 0; i < 8;) {
      let j = i
      while (j < 8 && groups[j] === '0') j++
      if (j - i > best[1] && j - i >= 2) best = [i, j - i]
      i = j > i ? j : i + 1
    }
    if (best[0] < 0) return groups.join(':')
    return `${groups.slice(0, best[0]).join(':')}::${groups.slice(best[0] + best[1]).join(':')}`
  }
}

function parseIp(text: string): IpAddress | undefined {
  if (isIPv4(text)) {
    // Go's netip refuses leading zeros.
    if (text.split('.').some(p => p.length > 1 && p.startsWith('0'))) return undefined
    return new IpAddress(
      4,
      text.split('.').reduce((acc, p) => (acc << 8n) + BigInt(p), 0n)
    )
  }
  if (isIPv6(text) && !text.includes('%')) {
    const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined]
    const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text)
    if (v4) return undefined // IPv4-mapped forms are refused by Kubernetes' ip() as well
    const h = head ? head.split(':') : []
    const t = tail === undefined ? [] : tail ? tail.split(':') : []
    const fill = tail === undefined ? [] : new Array(8 - h.length - t.length).fill('0')
    const groups = [...h, ...fill, ...t]
    return new IpAddress(
      6,
      groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n)
    )
  }
  return undefined
}

export class Cidr {
  constructor(
    readonly ip: IpAddress,
    readonly prefix: number
  ) {}
  get bits(): number {
    return this.ip.family === 4 ? 32 : 128
  }
  mask(): bigint {
    const bits = BigInt(this.bits)
    return ((1n << bits) - 1n) ^ ((1n << (bits - BigInt(this.prefix))) - 1n)
  }
  contains(ip: IpAddress): boolean {
    return (
      ip.family === this.ip.family && (ip.value & this.mask()) === (this.ip.value & this.mask())
    )
  }
  toString(): string {
    return `${this.ip.toString()}/${this.prefix}`
  }
}

function parseCidr(text: string): Cidr | undefined {
  const slash = text.lastIndexOf('/')
  if (slash < 0) return undefined
  const ip = parseIp(text.slice(0, slash))
  const prefixText = text.slice(slash + 1)
  if (!ip || !/^\d{1,3}$/.test(prefixText)) return undefined
  const prefix = Number(prefixText)
  if (prefix > (ip.family === 4 ? 32 : 128)) return undefined
  return new Cidr(ip, prefix)
}

function must<T>(value: T | undefined, what: string, text: string): T {
  if (value === undefined)
    throw new Error(`${what} parse error during conversion from string: ${text}`)
  return value
}

const isLoopback = (ip: IpAddress) => (ip.family === 4 ? ip.value >> 24n === 127n : ip.value === 1n)

export function registerNetwork(env: Environment): void {
  env.registerType('URL', CelUrl)
  env.registerFunction('url(string): URL', (s: string) => must(parseUrl(s), 'URL', s))
  env.registerFunction('isURL(string): bool', (s: string) => parseUrl(s) !== undefined)
  env.registerFunction('URL.getScheme(): string', (u: CelUrl) =>
    u.raw.startsWith('/') ? '' : u.url.protocol.replace(/:$/, '')
  )
  env.registerFunction('URL.getHost(): string', (u: CelUrl) =>
    u.raw.startsWith('/') ? '' : u.url.host
  )
  env.registerFunction('URL.getHostname(): string', (u: CelUrl) =>
    u.raw.startsWith('/') ? '' : u.url.hostname.replace(/^\[|\]$/g, '')
  )
  env.registerFunction('URL.getPort(): string', (u: CelUrl) =>
    u.raw.startsWith('/') ? '' : u.url.port
  )
  env.registerFunction('URL.getEscapedPath(): string', (u: CelUrl) => u.url.pathname)
  env.registerFunction('URL.getQuery(): map', (u: CelUrl) => {
    const out: Record<string, string[]> = {}
    // Query names are the URL's own (`constructor`, `__proto__`): own properties, never prototype ones.
    for (const [k, v] of u.url.searchParams) {
      if (Object.hasOwn(out, k)) out[k].push(v)
      else
        Object.defineProperty(out, k, {
          value: [v],
          enumerable: true,
          writable: true,
          configurable: true
        })
    }
    return out
  })
  env.registerType('net.IP', IpAddress)
  env.registerFunction('ip(string): net.IP', (s: string) => must(parseIp(s), 'IP Address', s))
  env.registerFunction('isIP(string): bool', (s: string) => parseIp(s) !== undefined)
  env.registerFunction('string(net.IP): string', (ip: IpAddress) => ip.toString())
  env.registerFunction('net.IP.family(): int', (ip: IpAddress) => BigInt(ip.family))
  env.registerFunction('net.IP.isLoopback(): bool', isLoopback)
  env.registerFunction('net.IP.isUnspecified(): bool', (ip: IpAddress) => ip.value === 0n)
  env.registerFunction('net.IP.isLinkLocalMulticast(): bool', (ip: IpAddress) =>
    ip.family === 4 ? ip.value >> 8n === 0xe00000n : ip.value >> 112n === 0xff02n
  )
  env.registerFunction('net.IP.isLinkLocalUnicast(): bool', (ip: IpAddress) =>
    ip.family === 4 ? ip.value >> 16n === 0xa9fen : ip.value >> 118n === 0x3fan
  )
  env.registerFunction('net.IP.isGlobalUnicast(): bool', (ip: IpAddress) => {
    if (ip.value === 0n || isLoopback(ip)) return false
    if (ip.family === 4) {
      const first = ip.value >> 24n
      return !(first >= 224n || ip.value >> 16n === 0xa9fen || ip.value === 0xffffffffn)
    }
    const top = ip.value >> 112n
    return !((top & 0xff00n) === 0xff00n || ip.value >> 118n === 0x3fan)
  })
  env.registerOperator(
    'net.IP == net.IP',
    (a: IpAddress, b: IpAddress) => a.family === b.family && a.value === b.value
  )
  env.registerType('net.CIDR', Cidr)
  env.registerFunction('cidr(string): net.CIDR', (s: string) =>
    must(parseCidr(s), 'network address', s)
  )
  env.registerFunction('isCIDR(string): bool', (s: string) => parseCidr(s) !== undefined)
  env.registerFunction('string(net.CIDR): string', (c: Cidr) => c.toString())
  env.registerFunction('net.CIDR.containsIP(net.IP): bool', (c: Cidr, ip: IpAddress) =>
    c.contains(ip)
  )
  env.registerFunction('net.CIDR.containsIP(string): bool', (c: Cidr, s: string) =>
    c.contains(must(parseIp(s), 'IP Address', s))
  )
  env.registerFunction(
    'net.CIDR.containsCIDR(net.CIDR): bool',
    (c: Cidr, o: Cidr) => o.prefix >= c.prefix && c.contains(o.ip)
  )
  env.registerFunction('net.CIDR.containsCIDR(string): bool', (c: Cidr, s: string) => {
    const o = must(parseCidr(s), 'network address', s)
    return o.prefix >= c.prefix && c.contains(o.ip)
  })
  env.registerFunction('net.CIDR.ip(): net.IP', (c: Cidr) => c.ip)
  env.registerFunction(
    'net.CIDR.masked(): net.CIDR',
    (c: Cidr) => new Cidr(new IpAddress(c.ip.family, c.ip.value & c.mask()), c.prefix)
  )
  env.registerFunction('net.CIDR.prefixLength(): int', (c: Cidr) => BigInt(c.prefix))
  env.registerOperator('net.CIDR == net.CIDR', (a: Cidr, b: Cidr) => a.toString() === b.toString())
}
