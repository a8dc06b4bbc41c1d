import { describe, expect, it } from '@jest/globals'
import { booleanInput, choiceInput, integerInput, listInput, requiredInput } from './command.js'
import { UserError } from './errors.js'
import { withSurface } from './surface.js'

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
    expect(integerInput(reader({ n: '12' }), 'n', 1, 0, 100)).toBe(12)
    expect(() => integerInput(reader({ n: '-1' }), 'n', 1, 0, 100)).toThrow(UserError)
    expect(listInput(reader({ l: 'a\n b, c\n\n' }), 'l')).toEqual(['a', 'b', 'c'])
  })

  it('refuses integers above the input maximum or beyond the safe range, naming the input', async () => {
    const read = (n: string) => () =>
      integerInput(reader({ 'max-attempts': n }), 'max-attempts', 10, 1, 100)
    expect(read('100')()).toBe(100)
    expect(read('007')()).toBe(7)
    for (const huge of ['101', '9999999999999999999', '9'.repeat(400), '1e3', '0x10', ' 5', '5.0'])
      expect(read(huge)).toThrow(UserError)
    expect(read('9999999999999999999')).toThrow(
      "Input 'max-attempts' must be a whole number from 1 to 100, got '9999999999999999999'."
    )
    await withSurface('cli', async () => {
      expect(read('101')).toThrow("--max-attempts must be a whole number from 1 to 100, got '101'.")
    })
    // A long value is shortened in the message.
    expect(read('9'.repeat(400))).toThrow(/got '9{20}…'\.$/)
    // The bound itself must be sane.
    expect(() => integerInput(reader({}), 'n', 1, 0, 2 ** 60)).toThrow(/safe integer/)
  })
})
