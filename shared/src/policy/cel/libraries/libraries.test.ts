// The Kubernetes CEL libraries (k8s.io/apiserver/pkg/cel/library) and cel-go's strings extension.
import { describe, expect, it } from '@jest/globals'
import { compileCel } from '../compile.js'
import { fromCel } from '../values.js'
import { kyvernoBindings } from './kyverno.js'

const run = (expression: string, fixtures = {}) =>
  fromCel(compileCel(expression).evaluate(kyvernoBindings(fixtures)))

describe('strings extension', () => {
  it('replace (all, or n), charAt, reverse, format, strings.quote', () => {
    expect(run("'a-b-c'.replace('-', '_')")).toBe('a_b_c')
    expect(run("'a-b-c'.replace('-', '_', 1)")).toBe('a_b-c')
    expect(run("'héllo'.charAt(1)")).toBe('é')
    expect(run("'abc'.reverse()")).toBe('cba')
    expect(run("'%s has %d replicas (%.1f)'.format(['web', 3, 0.25])")).toBe(
      'web has 3 replicas (0.2)'
    )
    expect(run("strings.quote('a\"b')")).toBe('"a\\"b"')
  })
})

describe('lists and sets', () => {
  it('sum, min, max, isSorted, indexOf, slice, flatten, distinct, sort', () => {
    expect(run('[1, 2, 3].sum()')).toBe(6)
    expect(run('[3, 1, 2].min()')).toBe(1)
    expect(run("['b', 'a'].max()")).toBe('b')
    expect(run('[1, 2, 2].isSorted()')).toBe(true)
    expect(run('[2, 1].isSorted()')).toBe(false)
    expect(run("['a', 'b', 'a'].lastIndexOf('a')")).toBe(2)
    expect(run('[1, 2, 3, 4].slice(1, 3)')).toEqual([2, 3])
    expect(run('[[1], [2, [3]]].flatten()')).toEqual([1, 2, [3]])
    expect(run('[1, 2, 1].distinct()')).toEqual([1, 2])
    expect(run('[3, 1, 2].sort()')).toEqual([1, 2, 3])
  })
  it('sets.contains / equivalent / intersects', () => {
    expect(run('sets.contains([1, 2, 3], [3, 1])')).toBe(true)
    expect(run('sets.equivalent([1, 1, 2], [2, 1])')).toBe(true)
    expect(run('sets.intersects([1], [2])')).toBe(false)
  })
})

describe('regex, quantity, semver', () => {
  it('find and findAll run RE2', () => {
    expect(run("'abc123'.find('[0-9]+')")).toBe('123')
    expect(run("'a1b2c3'.findAll('[0-9]')")).toEqual(['1', '2', '3'])
    expect(run("'a1b2c3'.findAll('[0-9]', 2)")).toEqual(['1', '2'])
  })
  it('quantities compare by value across suffixes', () => {
    expect(run("quantity('1Gi').isGreaterThan(quantity('1000Mi'))")).toBe(true)
    expect(run("quantity('500m').compareTo(quantity('0.5'))")).toBe(0)
    expect(run("isQuantity('1.5Gi') && !isQuantity('1 Gi')")).toBe(true)
    expect(run("quantity('2').asInteger()")).toBe(2)
  })
  it('semver orders pre-releases before releases and compares numerically', () => {
    expect(run("semver('1.2.3').isLessThan(semver('1.10.0'))")).toBe(true)
    expect(run("semver('1.0.0-rc.1').isLessThan(semver('1.0.0'))")).toBe(true)
    expect(run("isSemver('v1.2.3')")).toBe(false)
    expect(run("semver('2.5.1').minor()")).toBe(5)
  })
})

describe('url, ip, cidr', () => {
  it('url parts', () => {
    expect(run("url('https://example.com:8443/a%20b?x=1&x=2').getPort()")).toBe('8443')
    expect(run("url('https://example.com/p').getHostname()")).toBe('example.com')
    expect(run("url('https://example.com/p?x=1&x=2').getQuery()")).toEqual({ x: ['1', '2'] })
    // Query names from a resource are the URL's own, even `constructor` and `__proto__`.
    expect(
      run("url('https://x.io/?constructor=1&constructor=2').getQuery()['constructor']")
    ).toEqual(['1', '2'])
    expect(run("url('https://x.io/?__proto__=3').getQuery()['__proto__']")).toEqual(['3'])
    expect(run("isURL('not a url')")).toBe(false)
  })
  it('ip and cidr', () => {
    expect(run("cidr('10.0.0.0/8').containsIP('10.20.30.40')")).toBe(true)
    expect(run("cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))")).toBe(false)
    expect(run("cidr('192.168.1.7/24').masked() == cidr('192.168.1.0/24')")).toBe(true)
    expect(run("ip('127.0.0.1').isLoopback() && ip('::1').family() == 6")).toBe(true)
    expect(run("string(ip('2001:db8:0:0:0:0:0:1'))")).toBe('2001:db8::1')
    expect(run("isIP('010.0.0.1')")).toBe(false)
  })
})

describe('Kyverno libraries, answered from fixtures only', () => {
  const fixtures = {
    resources: [
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm', namespace: 'default' },
        data: { k: 'v' }
      }
    ]
  }
  it('resource.Get / List read the supplied objects; a missing one is an error', () => {
    expect(run("resource.Get('v1', 'configmaps', 'default', 'cm').data.k", fixtures)).toBe('v')
    expect(run("resource.List('v1', 'configmaps', '').items.size()", fixtures)).toBe(1)
    expect(() => run("resource.Get('v1', 'configmaps', 'default', 'other')", fixtures)).toThrow(
      /not found/
    )
  })
  it('image() parses references as go-containerregistry does', () => {
    expect(run("image('nginx').registry()")).toBe('index.docker.io')
    expect(run("image('nginx').repository()")).toBe('library/nginx')
    expect(run("image('ghcr.io/org/app:1.0').tag()")).toBe('1.0')
    expect(run("image('nginx').identifier()")).toBe('latest')
  })
  it('parseServiceAccount, globalContext and http without data', () => {
    expect(run("parseServiceAccount('system:serviceaccount:ns:sa').Name")).toBe('sa')
    expect(() => run("globalContext.Get('x', '')")).toThrow(/not found/)
    // Entry and projection names are looked up as own keys, never on Object.prototype.
    const fixtures = { globalContext: { entry: { a: 1 } } }
    expect(run("globalContext.Get('entry', 'a')", fixtures)).toBe(1)
    expect(() => run("globalContext.Get('constructor', '')", fixtures)).toThrow(/not found/)
    expect(() => run("globalContext.Get('entry', 'toString')", fixtures)).toThrow(/no projection/)
    expect(() => run("http.Get('https://example.com')")).toThrow(/no HTTP access offline/)
  })
})

describe('format (Kubernetes 1.31+)', () => {
  it('validate is none for a valid value and the list of problems otherwise', () => {
    expect(run("format.dns1123Label().validate('my-name').hasValue()")).toBe(false)
    expect(run("format.dns1123Label().validate('My_Name').value().size()")).toBe(1)
    expect(run("format.dns1123Subdomain().validate('a.example.com').hasValue()")).toBe(false)
    expect(run("format.qualifiedName().validate('example.com/Name').hasValue()")).toBe(false)
    expect(run("format.dns1123LabelPrefix().validate('web-').hasValue()")).toBe(false)
    expect(run("format.labelValue().validate('').hasValue()")).toBe(false)
    expect(run("format.named('uuid').value().validate('x').hasValue()")).toBe(true)
    expect(run("format.named('nope').hasValue()")).toBe(false)
    expect(run("'%s-%d'.format(['a', 1])")).toBe('a-1')
  })
})
