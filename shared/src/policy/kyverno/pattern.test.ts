// Scalar pattern values, each case named after the upstream behaviour it reproduces
// (kyverno/kyverno pkg/engine/pattern/pattern.go and pkg/engine/operator/operator.go).
import { describe, expect, it } from '@jest/globals'
import { validateValue } from './pattern.js'

describe('pattern.Validate scalars', () => {
  it('"*" wildcard matches any string, including empty (wildcard.Match)', () => {
    expect(validateValue('anything', '*')).toBe(true)
    expect(validateValue('', '*')).toBe(true)
  })
  it('"?*" needs at least one character and fails on a missing value', () => {
    expect(validateValue('x', '?*')).toBe(true)
    expect(validateValue('', '?*')).toBe(false)
    expect(validateValue(undefined, '?*')).toBe(false)
  })
  it('wildcards inside strings: "*:latest" and "nginx:?.?"', () => {
    expect(validateValue('nginx:latest', '*:latest')).toBe(true)
    expect(validateValue('nginx:1.2', '*:latest')).toBe(false)
    expect(validateValue('nginx:1.2', 'nginx:?.?')).toBe(true)
  })
  it('"!" negates (NotEqual operator): "!*:latest"', () => {
    expect(validateValue('nginx:1.2', '!*:latest')).toBe(true)
    expect(validateValue('nginx:latest', '!*:latest')).toBe(false)
  })
  it('"|" is OR, split before "&"', () => {
    expect(validateValue('Always', 'Always|IfNotPresent')).toBe(true)
    expect(validateValue('Never', 'Always | IfNotPresent')).toBe(false)
    expect(validateValue(5, '>1 & <3 | 5')).toBe(true)
  })
  it('"&" is AND: ">1 & <10"', () => {
    expect(validateValue(5, '>1 & <10')).toBe(true)
    expect(validateValue(50, '>1 & <10')).toBe(false)
  })
  it('">", "<", ">=", "<=" compare numbers and numeric strings as quantities', () => {
    expect(validateValue(10, '>5')).toBe(true)
    expect(validateValue('10', '>=10')).toBe(true)
    expect(validateValue(3, '<=2')).toBe(false)
    expect(validateValue(1, '<2')).toBe(true)
  })
  it('a missing value counts as "0" for quantity comparisons (so "<10" passes, ">0" fails)', () => {
    expect(validateValue(undefined, '<10')).toBe(true)
    expect(validateValue(null, '>0')).toBe(false)
  })
  it('quantities compare by value: 1Gi equals 1024Mi, 500m < 1', () => {
    expect(validateValue('1Gi', '1024Mi')).toBe(true)
    expect(validateValue('500m', '<1')).toBe(true)
    expect(validateValue('2Gi', '<=1Gi')).toBe(false)
  })
  it('durations compare when both sides parse: "1h" > "30m"', () => {
    expect(validateValue('1h', '>30m')).toBe(true)
    expect(validateValue('10s', '<=5s')).toBe(false)
  })
  it('ranges "a-b" are inclusive and "a!-b" is outside (InRange / NotInRange)', () => {
    expect(validateValue(5000, '5000-6000')).toBe(true)
    expect(validateValue(6001, '5000-6000')).toBe(false)
    expect(validateValue(80, '5000!-6000')).toBe(true)
    expect(validateValue(5500, '5000!-6000')).toBe(false)
  })
  it('"<" and ">" against a non-number string are false (compareString only allows = and !)', () => {
    expect(validateValue('abc', '>1')).toBe(false)
  })
  it('null pattern matches null, missing, "", 0 and false (validateNilPattern)', () => {
    for (const v of [null, undefined, '', 0, false]) expect(validateValue(v, null)).toBe(true)
    expect(validateValue('x', null)).toBe(false)
    expect(validateValue({}, null)).toBe(false)
  })
  it('bool pattern needs a bool of the same value (validateBoolPattern)', () => {
    expect(validateValue(false, false)).toBe(true)
    expect(validateValue('false', false)).toBe(false)
  })
  it('int pattern accepts an integral number or an integer string (validateIntPattern)', () => {
    expect(validateValue(3, 3)).toBe(true)
    expect(validateValue('3', 3)).toBe(true)
    expect(validateValue(3.5, 3)).toBe(false)
  })
  it('numbers are float64 in kyverno test and stringified as 1.5E+00 before wildcard matching', () => {
    expect(validateValue(1.5, '1.5E+00')).toBe(true)
    expect(validateValue(5, '?')).toBe(false) // "5E+00" has more than one character
    expect(validateValue(5, '5')).toBe(true) // equal as quantities before any string match
  })
  it('a map pattern value only checks that the resource value is a map', () => {
    expect(validateValue({ a: 1 }, { b: 2 })).toBe(true)
    expect(validateValue('x', { b: 2 })).toBe(false)
  })
})
