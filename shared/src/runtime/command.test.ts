import { describe, expect, it } from '@jest/globals'
import { booleanInput, choiceInput, integerInput, listInput, requiredInput } from './command.js'
import { UserError } from './errors.js'

const reader = (values: Record<string, string>) => (name: string) => values[name]

describe('input helpers', () => {
  it('requires a value and names the input when it is missing', () => {
    expect(requiredInput(reader({ a: 'x' }), 'a')).toBe('x')
    expect(() => requiredInput(reader({}), 'descriptor')).toThrow("Input 'descriptor' is required")
  })

  it('accepts only true or false for booleans', () => {
    expect(booleanInput(reader({ b: 'true' }), 'b', false)).toBe(true)
    expect(booleanInput(reader({}), 'b', true)).toBe(true)
    expect(() => booleanInput(reader({ b: 'yes' }), 'b', false)).toThrow(UserError)
  })

  it('parses choices, integers and lists', () => {
    expect(choiceInput(reader({ m: 'push' }), 'm', ['push', 'pull-request'], 'push')).toBe('push')
    expect(() => choiceInput(reader({ m: 'force' }), 'm', ['push'], 'push')).toThrow(
      'must be one of push'
    )
    expect(integerInput(reader({ n: '12' }), 'n', 1)).toBe(12)
    expect(() => integerInput(reader({ n: '-1' }), 'n', 1)).toThrow(UserError)
    expect(listInput(reader({ l: 'a\n b, c\n\n' }), 'l')).toEqual(['a', 'b', 'c'])
  })
})
