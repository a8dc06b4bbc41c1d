// `{{ }}` substitution and JMESPath as Kyverno evaluates them (pkg/engine/variables/vars.go,
// kyverno/go-jmespath's NotFoundError, pkg/engine/jmespath/functions.go).
import { describe, expect, it } from '@jest/globals'
import { EvalContext, splitDotted } from './eval-context.js'
import { jmesSearch } from './jmespath.js'
import { defaultResolver, lenientResolver, substituteAll, substituteString } from './variables.js'

const ctx = new EvalContext({
  request: {
    namespace: 'prod',
    object: {
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: { replicas: 3, containers: [{ name: 'a', image: 'nginx' }] }
    }
  },
  dict: { data: { prod: 'high', dev: 'low' } }
})
const resolve = defaultResolver(ctx)

describe('variable substitution', () => {
  it('a string that is exactly one variable takes the typed value', () => {
    expect(substituteString('{{ request.object.spec.replicas }}', resolve)).toBe(3)
    expect(substituteString('{{ request.object.spec.containers[].name }}', resolve)).toEqual(['a'])
  })
  it('embedded variables are spliced in as text, non-strings as JSON', () => {
    expect(
      substituteString(
        'name={{request.object.metadata.name}} n={{ request.object.spec.replicas }}',
        resolve
      )
    ).toBe('name=web n=3')
    expect(substituteString('labels: {{ request.object.metadata.labels }}', resolve)).toBe(
      'labels: {"app":"web"}'
    )
  })
  it('nested variables resolve innermost first: {{ dict.data."{{request.namespace}}" }}', () => {
    expect(substituteString('{{ dict.data."{{request.namespace}}" }}', resolve)).toBe('high')
  })
  it('a missing key on the main path is an error (NotFoundError), not null', () => {
    expect(() => substituteString('{{ request.object.spec.missing }}', resolve)).toThrow(
      /request.object.spec.missing/
    )
  })
  it('inside || and function arguments a missing key is null', () => {
    expect(substituteString("{{ request.object.spec.missing || 'none' }}", resolve)).toBe('none')
    expect(substituteString('{{ length(request.object.spec.containers) }}', resolve)).toBe(1)
    expect(substituteString('{{ to_string(request.object.spec.missing) }}', resolve)).toBe('null')
  })
  it('an unresolvable variable in preconditions is an error (Kyverno >= 1.8), || still absorbs it', () => {
    expect(() =>
      substituteString('{{ request.object.spec.missing }}', lenientResolver(ctx))
    ).toThrow(/Unknown key/)
    expect(substituteString("{{ request.object.spec.missing || '' }}", lenientResolver(ctx))).toBe(
      ''
    )
  })
  it('{{@}} in a pattern is the value at the same path under request.object', () => {
    const pattern = { spec: { replicas: '{{@}}', containers: [{ name: '{{@}}' }] } }
    expect(substituteAll(pattern, resolve)).toEqual({
      spec: { replicas: 3, containers: [{ name: 'a' }] }
    })
  })
  it('map keys are substituted too, and anchors stay', () => {
    expect(substituteAll({ '=({{ request.object.metadata.name }})': 1 }, resolve)).toEqual({
      '=(web)': 1
    })
  })
  it('{{- expr }} is shallow: braces in its result are not substituted again', () => {
    const c = new EvalContext({ text: 'literal {{ not.a.variable }}' })
    expect(substituteString('x: {{- text }}', defaultResolver(c))).toBe(
      'x: literal {{ not.a.variable }}'
    )
    expect(() => substituteString('x: {{ text }}', defaultResolver(c))).toThrow()
  })
  it('an escaped \\{{ is left as literal braces', () => {
    expect(substituteString('keep \\{{ this }}', resolve)).toBe('keep {{ this }}')
  })
  it('on DELETE, request.object is read from request.oldObject', () => {
    const del = new EvalContext({ request: { oldObject: { metadata: { name: 'old' } } } })
    expect(
      substituteString('{{ request.object.metadata.name }}', defaultResolver(del), [], true)
    ).toBe('old')
  })
})

describe('Kyverno JMESPath functions', () => {
  const q = (e: string, data: unknown = {}) => jmesSearch(e, data)
  it('regex_match, regex_replace_all (with ${1}), pattern_match', () => {
    expect(q("regex_match('^[a-z]+$', 'abc')")).toBe(true)
    expect(q("regex_match('(?i)^ABC$', 'abc')")).toBe(true)
    expect(q("regex_replace_all('([a-z]+)-(\\\\d+)', 'app-12', '${2}-${1}')")).toBe('12-app')
    expect(q("pattern_match('nginx:*', 'nginx:1')")).toBe(true)
  })
  it('split, to_upper, to_lower, trim, replace_all, truncate, compare, equal_fold', () => {
    expect(q("split('a,b', ',')")).toEqual(['a', 'b'])
    expect(q("to_upper('ab')")).toBe('AB')
    expect(q("to_lower('AB')")).toBe('ab')
    expect(q("trim('--a--', '-')")).toBe('a')
    expect(q("replace_all('a.b.c', '.', '-')")).toBe('a-b-c')
    expect(q("replace('a.b.c', '.', '-', `1`)")).toBe('a-b.c')
    expect(q("truncate('abcdef', `3`)")).toBe('abc')
    expect(q("compare('a', 'b')")).toBe(-1)
    expect(q("equal_fold('Ab', 'aB')")).toBe(true)
  })
  it('pipe-style calls: [].to_upper(@) and keys(@)', () => {
    expect(q('[].to_upper(@)', ['a', 'b'])).toEqual(['A', 'B'])
    expect(q('keys(@)', { x: 1, y: 2 })).toEqual(['x', 'y'])
  })
  it('label_match: every selector label is on the object', () => {
    expect(q('label_match(`{"app":"web"}`, `{"app":"web","tier":"x"}`)')).toBe(true)
    expect(q('label_match(`{"app":"db"}`, `{"app":"web"}`)')).toBe(false)
  })
  it('arithmetic over numbers, quantities and durations: add, subtract, multiply, divide, modulo, sum', () => {
    expect(q('add(`1`, `2`)')).toBe(3)
    expect(q("add('1Gi', '512Mi')")).toBe('1536Mi')
    expect(q("subtract('1h', '1800s')")).toBe('30m0s') // '30m' would parse as a quantity first
    expect(q("multiply('250m', `4`)")).toBe('1')
    expect(q("divide('1Gi', '512Mi')")).toBe(2)
    expect(q('divide(`10`, `4`)')).toBe(2.5)
    expect(q('modulo(`10`, `4`)')).toBe(2)
    expect(q('sum(`[1, 2, 3]`)')).toBe(6)
  })
  it('base64, parse_json, parse_yaml, items, lookup, object_from_lists', () => {
    expect(q("base64_decode('aGk=')")).toBe('hi')
    expect(q("base64_encode('hi')")).toBe('aGk=')
    expect(q('parse_json(\'{"a":1}\')')).toEqual({ a: 1 })
    expect(q("parse_yaml('a: [1, 2]')")).toEqual({ a: [1, 2] })
    expect(q('items(`{"b":1,"a":2}`, \'k\', \'v\')')).toEqual([
      { k: 'a', v: 2 },
      { k: 'b', v: 1 }
    ])
    expect(q('lookup(`{"a":1}`, \'a\')')).toBe(1)
    expect(q('object_from_lists(`["a"]`, `[1]`)')).toEqual({ a: 1 })
  })
  it('time functions: time_add, time_parse with a Go layout, time_utc, time_between, time_truncate, time_to_cron', () => {
    expect(q("time_add('2024-01-01T00:00:00Z', '90m')")).toBe('2024-01-01T01:30:00Z')
    expect(q("time_parse('2006-01-02 15:04 -0700', '2024-03-05 10:20 +0200')")).toBe(
      '2024-03-05T08:20:00Z'
    )
    expect(q("time_parse('Jan 2, 2006 at 3:04pm', 'Feb 3, 2013 at 7:54pm')")).toBe(
      '2013-02-03T19:54:00Z'
    )
    expect(q("time_utc('2024-01-01T02:00:00+02:00')")).toBe('2024-01-01T00:00:00Z')
    expect(
      q("time_between('2024-01-02T00:00:00Z', '2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z')")
    ).toBe(true)
    expect(q("time_truncate('2024-01-01T10:47:13Z', '1h')")).toBe('2024-01-01T10:00:00Z')
    expect(q("time_to_cron('2024-02-03T04:05:00Z')")).toBe('5 4 3 2 6')
    expect(q("time_diff('2024-01-01T00:00:00Z', '2024-01-01T00:00:30Z')")).toBe('30s')
  })
  it('time_since, semver_compare, image_normalize, to_boolean', () => {
    expect(q("time_since('', '2024-01-01T00:00:00Z', '2024-01-01T01:30:00Z')")).toBe('1h30m0s')
    expect(q("semver_compare('1.2.3', '>=1.2.0')")).toBe(true)
    expect(q("image_normalize('nginx')")).toBe('docker.io/library/nginx:latest')
    expect(q("to_boolean('True')")).toBe(true)
  })
})

describe('values-file keys', () => {
  it('a quoted segment keeps its dots (labels like app.kubernetes.io/name)', () => {
    expect(splitDotted('request.object.metadata.labels."app.kubernetes.io/name"')).toEqual([
      'request',
      'object',
      'metadata',
      'labels',
      'app.kubernetes.io/name'
    ])
    const ctx = new EvalContext({})
    ctx.setPath("dict.data.'team.a'", 'x')
    expect(ctx.data).toEqual({ dict: { data: { 'team.a': 'x' } } })
    ctx.setPath('a.b', 1)
    expect(ctx.data.a).toEqual({ b: 1 })
  })
})
