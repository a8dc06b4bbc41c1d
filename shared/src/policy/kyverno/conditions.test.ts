// Condition operators (kyverno/kyverno pkg/engine/variables/operator/*.go), one block per operator.
import { describe, expect, it } from '@jest/globals'
import { evaluateConditions, evaluateOperator } from './conditions.js'
import { EvalContext } from './eval-context.js'

const op = evaluateOperator

describe('condition operators', () => {
  it('Equals dispatches on the key type: strings use the value as a wildcard (equal.go)', () => {
    expect(op('Equals', 'nginx:1.2', 'nginx:*')).toBe(true)
    expect(op('Equals', 'nginx', 'nginx:*')).toBe(false)
    expect(op('equals', 'a', 'a')).toBe(true) // operators are case-insensitive
  })
  it('Equals on numbers accepts a number or a numeric string', () => {
    expect(op('Equals', 3, 3)).toBe(true)
    expect(op('Equals', 3, '3')).toBe(true)
    expect(op('Equals', 3, 'x')).toBe(false)
  })
  it('Equals on bools is strict; a type mismatch is false', () => {
    expect(op('Equals', true, true)).toBe(true)
    expect(op('Equals', true, 'true')).toBe(false)
  })
  it('Equals on durations and quantities compares values: "1h" = "60m", "1Gi" = "1024Mi"', () => {
    expect(op('Equals', '1h', '60m')).toBe(true)
    expect(op('Equals', '1Gi', '1024Mi')).toBe(true)
  })
  it('Equals: a key that parses as a quantity compares only as a quantity, never as a wildcard', () => {
    expect(op('Equals', '100', '1*')).toBe(false)
    expect(op('Equals', 'v100', 'v1*')).toBe(true)
  })
  it('Equals on maps and lists is deep equality', () => {
    expect(op('Equals', { a: [1] }, { a: [1] })).toBe(true)
    expect(op('Equals', [1, 2], [2, 1])).toBe(false)
  })
  it('NotEquals is the negation, so a type mismatch is true (notequal.go)', () => {
    expect(op('NotEquals', 'a', 'b')).toBe(true)
    expect(op('NotEquals', true, 'true')).toBe(true)
    expect(op('NotEqual', 'DELETE', 'DELETE')).toBe(false)
  })
  it('AnyIn: a scalar key against a list, with wildcards in both directions (anyin.go)', () => {
    expect(op('AnyIn', 'prod', ['dev', 'prod'])).toBe(true)
    expect(op('AnyIn', 'prod-eu', ['prod-*'])).toBe(true)
    expect(op('AnyIn', 'prod-*', ['prod-eu'])).toBe(true)
    expect(op('AnyIn', ['a', 'z'], ['x', 'z'])).toBe(true)
    expect(op('AnyIn', ['a'], ['x'])).toBe(false)
  })
  it('AnyIn accepts a JSON-array string value (values files hold ConfigMap data like this)', () => {
    expect(op('AnyIn', 'high', '["high", "low"]')).toBe(true)
    expect(op('AnyIn', ['x', 'low'], '["high", "low"]')).toBe(true)
  })
  it('AnyIn: a JSON-valid string that is not an array of strings is an invalid type → false', () => {
    expect(op('AnyIn', 'a', '{"a":1}')).toBe(false)
  })
  it('AnyIn / AnyNotIn accept a range "a-b" (pattern InRange)', () => {
    expect(op('AnyIn', 5500, '5000-6000')).toBe(true)
    expect(op('AnyNotIn', [53, 5500], '5000-6000')).toBe(true)
    expect(op('AnyNotIn', [5500], '5000-6000')).toBe(false)
  })
  it('AllIn: every key element is in the value (allin.go)', () => {
    expect(op('AllIn', ['a', 'b'], ['a', 'b', 'c'])).toBe(true)
    expect(op('AllIn', ['a', 'd'], ['a', 'b', 'c'])).toBe(false)
  })
  it('AnyNotIn: some key element is not in the value (anynotin.go)', () => {
    expect(op('AnyNotIn', ['a', 'd'], ['a', 'b'])).toBe(true)
    expect(op('AnyNotIn', ['a'], ['a', 'b'])).toBe(false)
    expect(op('AnyNotIn', 'x', ['a'])).toBe(true)
  })
  it('AllNotIn: no key element is in the value (allnotin.go)', () => {
    expect(op('AllNotIn', ['x', 'y'], ['a', 'b'])).toBe(true)
    expect(op('AllNotIn', ['x', 'a'], ['a', 'b'])).toBe(false)
  })
  it('In / NotIn (deprecated): a scalar key is a wildcard over the list; a list key must be wholly in (in.go, notin.go)', () => {
    expect(op('In', 'a', ['a', 'b'])).toBe(true)
    expect(op('In', 'a*', ['abc'])).toBe(true)
    expect(op('In', ['a', 'c'], ['a', 'b'])).toBe(false)
    expect(op('In', ['a'], 'plain text')).toBe(false) // not a JSON array: invalid type
    expect(op('NotIn', 'c', ['a', 'b'])).toBe(true)
    expect(op('NotIn', ['a', 'c'], ['a', 'b'])).toBe(true)
    expect(op('NotIn', ['a'], ['a', 'b'])).toBe(false)
  })
  it('GreaterThan / LessThan compare numbers and numeric strings (numeric.go)', () => {
    expect(op('GreaterThan', 5, 3)).toBe(true)
    expect(op('GreaterThan', '5', 3)).toBe(true)
    expect(op('LessThan', 2, '3')).toBe(true)
    expect(op('GreaterThanOrEquals', 3, 3)).toBe(true)
    expect(op('LessThanOrEquals', 4, 3)).toBe(false)
  })
  it('numeric operators compare quantities when both parse, and semver', () => {
    expect(op('GreaterThan', '2Gi', '1024Mi')).toBe(true)
    expect(op('LessThan', '500m', '1')).toBe(true)
    expect(op('GreaterThanOrEquals', 'v1.25.0', 'v1.24.3')).toBe(true)
  })
  it('Duration* (deprecated aliases) and numeric operators on durations compare seconds', () => {
    expect(op('DurationGreaterThan', '2h', '90m')).toBe(true)
    expect(op('GreaterThan', '30s', 10)).toBe(true)
    expect(op('DurationLessThanOrEquals', '1m', '60s')).toBe(true)
  })
  it('an unknown operator is an error', () => {
    expect(() => op('Bogus', 1, 1)).toThrow(/unknown condition operator/)
  })
})

describe('condition blocks (evaluate.go)', () => {
  const ctx = new EvalContext({
    request: { operation: 'CREATE', object: { metadata: { name: 'x' } } }
  })
  it('any AND all; an absent block counts as true', () => {
    expect(
      evaluateConditions(
        {
          any: [
            { key: '{{ request.operation }}', operator: 'Equals', value: 'UPDATE' },
            { key: '{{ request.operation }}', operator: 'Equals', value: 'CREATE' }
          ],
          all: [{ key: '{{ request.object.metadata.name }}', operator: 'Equals', value: 'x' }]
        },
        ctx
      )
    ).toBe(true)
    expect(evaluateConditions({ all: [{ key: 'a', operator: 'Equals', value: 'b' }] }, ctx)).toBe(
      false
    )
    expect(evaluateConditions(undefined, ctx)).toBe(true)
  })
  it('the legacy bare list means AND', () => {
    expect(
      evaluateConditions(
        [
          { key: 1, operator: 'Equals', value: 1 },
          { key: 1, operator: 'Equals', value: 2 }
        ],
        ctx
      )
    ).toBe(false)
  })
  it('an unresolvable variable in a condition is an error (newPreconditionsVariableResolver, Kyverno >= 1.8)', () => {
    expect(() =>
      evaluateConditions(
        { all: [{ key: '{{ request.object.spec.missing }}', operator: 'Equals', value: '' }] },
        ctx
      )
    ).toThrow(/Unknown key/)
  })
})
