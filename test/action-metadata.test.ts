// Every actions/<name>/action.yml: runs on node24 from a committed dist/index.js, describes every input and
// output, and declares exactly the inputs (names, defaults, required) and outputs of the Command its
// src/main.ts runs, so the action and `idp <command>` cannot drift apart. Actions not built yet are simply
// not found; a folder without action.yml fails.
import { beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parse } from 'yaml'
import type { Command } from '../shared/src/runtime/command.js'
import { repoRoot } from './run-bundle.js'

interface ActionYml {
  readonly name?: string
  readonly description?: string
  readonly inputs?: Record<string, { description?: string; required?: boolean; default?: unknown }>
  readonly outputs?: Record<string, { description?: string }>
  readonly runs?: { using?: string; main?: string }
}

const actionsDir = join(repoRoot, 'actions')
const actionFolders = readdirSync(actionsDir, { withFileTypes: true })
  .filter(d => d.isDirectory())
  .map(d => d.name)
  .sort()
const commandsDir = join(repoRoot, 'shared/src/commands')

/** Every Command exported by shared/src/commands/*.ts, by the module file it lives in. */
async function loadCommands(): Promise<Map<string, Command<unknown>[]>> {
  const byFile = new Map<string, Command<unknown>[]>()
  const files = readdirSync(commandsDir).filter(f => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  for (const file of files) {
    const module = (await import(pathToFileURL(join(commandsDir, file)).href)) as Record<
      string,
      unknown
    >
    byFile.set(file.replace(/\.ts$/, ''), Object.values(module).filter(isCommand))
  }
  return byFile
}

function isCommand(value: unknown): value is Command<unknown> {
  const v = value as Partial<Command<unknown>> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.cli === 'string' &&
    Array.isArray(v.inputs) &&
    typeof v.run === 'function'
  )
}

/** An action.yml default as the runner passes it (always a string); absent and empty are the same. */
const asInputValue = (value: unknown) =>
  value === undefined || value === null || value === '' ? undefined : String(value)

it('every folder under actions/ has an action.yml', () => {
  const missing = actionFolders.filter(name => !existsSync(join(actionsDir, name, 'action.yml')))
  expect(missing).toEqual([])
})

describe.each(actionFolders.filter(name => existsSync(join(actionsDir, name, 'action.yml'))))(
  'actions/%s',
  name => {
    const dir = join(actionsDir, name)
    const meta = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as ActionYml
    let commands: Map<string, Command<unknown>[]>
    beforeAll(async () => {
      commands = await loadCommands()
    })

    it('runs dist/index.js on node24, and that bundle exists', () => {
      expect(meta.runs?.using).toBe('node24')
      expect(meta.runs?.main).toBe('dist/index.js')
      expect(existsSync(join(dir, 'dist/index.js'))).toBe(true)
    })

    it('has a name, a description, and a description for every input and output', () => {
      expect(meta.name).toBeTruthy()
      expect(meta.description).toBeTruthy()
      const undescribed = [
        ...Object.entries(meta.inputs ?? {}).map(([k, v]) => ['input', k, v] as const),
        ...Object.entries(meta.outputs ?? {}).map(([k, v]) => ['output', k, v] as const)
      ]
        .filter(([, , spec]) => typeof spec?.description !== 'string' || !spec.description.trim())
        .map(([kind, key]) => `${kind} ${key}`)
      expect(undescribed).toEqual([])
    })

    it('declares exactly the inputs and outputs of the command its main.ts runs', () => {
      const main = readFileSync(join(dir, 'src/main.ts'), 'utf8')
      const imported = /shared\/src\/commands\/([\w-]+)\.js/.exec(main)?.[1]
      expect(imported).toBeDefined()
      const command = commands.get(imported!)?.find(c => c.action === name)
      if (!command) {
        throw new Error(
          `src/main.ts imports shared/src/commands/${imported}.ts, which exports no command with action '${name}'`
        )
      }
      expect(main).toMatch(/runAction\(/)

      const declared = Object.entries(meta.inputs ?? {})
        .map(([input, spec]) => ({
          name: input,
          default: asInputValue(spec.default),
          required: spec.required === true
        }))
        .sort((a, b) => a.name.localeCompare(b.name))
      const expected = command.inputs
        .map(input => ({
          name: input.name,
          default: asInputValue(input.default),
          required: input.required === true
        }))
        .sort((a, b) => a.name.localeCompare(b.name))
      expect(declared).toEqual(expected)

      expect(Object.keys(meta.outputs ?? {}).sort()).toEqual(
        command.outputs.map(o => o.name).sort()
      )
    })
  }
)
