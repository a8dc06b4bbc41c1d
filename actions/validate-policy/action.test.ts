// action.yml, the command behind `idp validate` and the README describe the same inputs and outputs.
import { describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { validateCommand } from '../../shared/src/commands/validate.js'
import { repoRoot } from '../../test/run-bundle.js'

const dir = join(repoRoot, 'actions/validate-policy')
const action = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
  runs: { using: string; main: string }
  inputs: Record<string, { description: string; default?: string; required?: boolean }>
  outputs: Record<string, { description: string }>
}
const readme = readFileSync(join(dir, 'README.md'), 'utf8')

describe('validate-policy action.yml', () => {
  it('runs the committed bundle on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares exactly the command inputs, with the same defaults and descriptions', () => {
    expect(action.inputs).toEqual(
      Object.fromEntries(
        validateCommand.inputs.map(i => [
          i.name,
          {
            description: i.description,
            required: i.required ?? false,
            ...(i.default !== undefined ? { default: i.default } : {})
          }
        ])
      )
    )
    expect(Object.keys(action.outputs)).toEqual(validateCommand.outputs.map(o => o.name))
    for (const o of validateCommand.outputs)
      expect(action.outputs[o.name].description).toBe(o.description)
  })

  it('lists every input and output in the README', () => {
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)])
      expect(readme).toContain(`| \`${name}\` |`)
  })
})
