import { describe, expect, it } from '@jest/globals'
import { EvalContext } from './eval-context.js'
import { selectorMatches } from './match.js'
import { matchPattern } from './validate.js'
import { extractImages } from './images.js'
import { substituteAll } from './variables.js'

// Kyverno reads Go maps: a label or field named like a JavaScript object internal is an ordinary key,
// present only when the resource has it.

describe('own keys only', () => {
  it.each(['constructor', 'toString', 'hasOwnProperty'])(
    'a selector on label %s does not match a resource without it',
    label => {
      expect(selectorMatches({ matchLabels: { [label]: '*' } }, { app: 'web' })).toBe(false)
      expect(selectorMatches({ matchLabels: { [label]: '*' } }, { [label]: 'x' })).toBe(true)
    }
  )

  it.each(['constructor', 'toString', 'valueOf'])(
    'a pattern requiring field %s fails a resource without it',
    field => {
      const pattern = { metadata: { [field]: '*' } }
      expect(matchPattern({ metadata: { name: 'x' } }, pattern).status).toBe('fail')
      expect(matchPattern({ metadata: { name: 'x', [field]: 'y' } }, pattern).status).toBe('pass')
    }
  )

  it('an equality anchor on toString is absent on a resource without it', () => {
    const pattern = { metadata: { '=(toString)': 'x' } }
    expect(matchPattern({ metadata: { name: 'x' } }, pattern).status).toBe('pass')
    expect(matchPattern({ metadata: { toString: 'y' } }, pattern).status).toBe('fail')
  })

  // Names written as keys must become own keys: `x['__proto__'] = v` would replace the prototype
  // instead, and the key would vanish from what the policy sees.
  it('a container named __proto__ keeps its image info as an own key', () => {
    const images = extractImages({
      apiVersion: 'v1',
      kind: 'Pod',
      spec: { containers: [{ name: '__proto__', image: 'nginx:1.0' }] }
    }) as Record<string, Record<string, unknown>>
    expect(Object.keys(images.containers)).toEqual(['__proto__'])
    expect(Object.getPrototypeOf(images.containers)).toBe(Object.prototype)
  })

  it('setPath through __proto__ and constructor writes own keys', () => {
    const ctx = new EvalContext({})
    ctx.setPath('__proto__.polluted', 'x')
    ctx.setPath('constructor.name', 'y')
    expect(Object.getPrototypeOf(ctx.data)).toBe(Object.prototype)
    expect(Object.keys(ctx.data).sort()).toEqual(['__proto__', 'constructor'])
    expect(ctx.query('constructor.name')).toBe('y')
  })

  it('a pattern key that substitutes to __proto__ stays a key', () => {
    const out = substituteAll(
      JSON.parse('{"__proto__": {"a": "{{x}}"}, "b": 1}'),
      () => 'v'
    ) as Record<string, unknown>
    expect(Object.keys(out)).toEqual(['__proto__', 'b'])
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
  })
})
