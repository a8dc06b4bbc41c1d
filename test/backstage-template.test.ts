// The Backstage software template (templates/template.yaml) against the skeleton `idp init` uses:
// one source of files, the same values, and what it would produce renders with idp. The scaffolder
// itself is not run here: its expressions are evaluated by the small stand-in below for the sample
// parameters. `npm run e2e` (scripts/e2e-scaffolder.ts) runs the template through a real
// scaffolder backend's dry-run API and holds its files equal to what `idp init` writes.
import { describe, expect, it } from '@jest/globals'
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse, stringify } from 'yaml'
import { renderCommand } from '../shared/src/commands/render.js'
import { loadPlatform } from '../shared/src/descriptor/platform.js'
import { SKELETON_FILES } from '../shared/src/init/skeleton-files.js'
import { fillSkeleton, SKELETON_KEYS, type SkeletonValues } from '../shared/src/init/skeleton.js'
import { runLocal } from '../shared/src/runtime/local.js'
import { RecordingLogger } from '../shared/src/runtime/logger.js'
import { repoRoot } from './run-bundle.js'

interface Step {
  id: string
  action: string
  input: { url?: string; values?: Record<string, string>; [key: string]: unknown }
}
const template = parse(readFileSync(join(repoRoot, 'templates/template.yaml'), 'utf8'))
const steps: Step[] = template.spec.steps
const step = (id: string) => steps.find(s => s.id === id)!

const parameters = {
  name: 'payments',
  owner: 'group:default/team-payments',
  description: 'Takes payments: cards and wallets.',
  port: 8080,
  repoUrl: 'github.com?owner=acme&repo=payments'
}

/** The scaffolder's expressions this template uses, for the sample parameters. */
function evaluate(expression: string): string {
  const repo = new URLSearchParams(parameters.repoUrl.split('?')[1])
  const known: Record<string, string> = {
    'parameters.name': parameters.name,
    'parameters.description': parameters.description,
    'parameters.port': String(parameters.port),
    "parameters.owner | parseEntityRef({ defaultKind: 'group', defaultNamespace: 'default' }) | pick('name')":
      parameters.owner.split('/').at(-1)!,
    '(parameters.repoUrl | parseRepoUrl).owner': repo.get('owner')!,
    '(parameters.repoUrl | parseRepoUrl).repo': repo.get('repo')!
  }
  return expression.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_all, inner: string) => {
    if (!(inner in known)) throw new Error(`the stand-in does not know \${{ ${inner} }}`)
    return known[inner]
  })
}

describe('the Backstage software template', () => {
  it('is a scaffolder v1beta3 template', () => {
    expect(template.apiVersion).toBe('scaffolder.backstage.io/v1beta3')
    expect(template.kind).toBe('Template')
    expect(steps.map(s => s.action)).toEqual([
      'fetch:template',
      'publish:github',
      'fetch:template',
      'publish:github:pull-request'
    ])
  })

  it('fetches the skeleton idp init writes, with exactly the values it uses', () => {
    const fetch = step('fetch')
    expect(join(repoRoot, 'templates', fetch.input.url!)).toBe(join(repoRoot, 'templates/skeleton'))
    expect(Object.keys(fetch.input.values!).sort()).toEqual([...SKELETON_KEYS].sort())
  })

  it("fetches only from inside the template's folder", () => {
    // For file locations and in dry runs the scaffolder refuses a relative fetch URL that leaves the
    // folder of template.yaml (resolveSafeChildPath), so ../skeleton would work only from GitHub.
    for (const s of steps.filter(s => s.action === 'fetch:template'))
      expect(s.input.url).toMatch(/^\.\/[a-z]+$/)
  })

  it('asks for an owner the scaffolder can reduce to a group name', () => {
    const pattern = new RegExp(template.spec.parameters[0].properties.owner.pattern)
    for (const good of ['team-payments', 'default/team-payments', 'group:default/team-payments'])
      expect(pattern.test(good)).toBe(true)
    for (const bad of ['user:default/jane', 'group:ops/sre', 'team payments', ''])
      expect(pattern.test(bad)).toBe(false)
  })

  it('requires every parameter its steps use: the scaffolder API applies no schema defaults', () => {
    const used = new Set(
      JSON.stringify(steps)
        .match(/parameters\.(\w+)/g)!
        .map(m => m.slice('parameters.'.length))
    )
    const required = template.spec.parameters.flatMap(
      (page: { required?: string[] }) => page.required ?? []
    )
    expect([...used].sort()).toEqual([...required].sort())
  })

  it('asks for a one-line description, as idp init requires', () => {
    const pattern = new RegExp(template.spec.parameters[0].properties.description.pattern)
    expect(pattern.test('Takes payments: cards & wallets.')).toBe(true)
    for (const bad of ['a\nb', 'a\rb', '']) expect(pattern.test(bad)).toBe(false)
  })

  it('asks for a name the way idp checks it', () => {
    const name = template.spec.parameters[0].properties.name
    const pattern = new RegExp(name.pattern)
    expect(pattern.test('payments-api')).toBe(true)
    for (const bad of ['Payments', 'pay_ments', '-x', 'x-', ''])
      expect(pattern.test(bad)).toBe(false)
  })

  it('produces a repository whose idp.yaml renders for every environment of the platform', async () => {
    const values = Object.fromEntries(
      Object.entries(step('fetch').input.values!).map(([k, v]) => [k, evaluate(String(v))])
    ) as unknown as SkeletonValues
    const dir = mkdtempSync(join(tmpdir(), 'idp-template-'))
    try {
      for (const [path, text] of Object.entries(SKELETON_FILES)) {
        const target = join(dir, path)
        mkdirSync(join(target, '..'), { recursive: true })
        writeFileSync(target, fillSkeleton(path, text, values))
      }
      const descriptor = parse(readFileSync(join(dir, 'idp.yaml'), 'utf8'))
      expect(descriptor.metadata).toMatchObject({
        name: 'payments',
        owner: 'team-payments',
        description: parameters.description
      })
      // An action reads the platform config only inside its workspace (boundary/files).
      cpSync(join(repoRoot, 'examples/platform'), join(dir, '.idp-platform'), { recursive: true })
      const rendered = await runLocal(
        renderCommand,
        {
          'platform-config': '.idp-platform/platform.yaml',
          image: `ghcr.io/acme/payments@sha256:${'a'.repeat(64)}`
        },
        { workspace: dir, logger: new RecordingLogger() }
      )
      expect(rendered.failure).toBeUndefined()
      expect(JSON.parse(rendered.outputs.environments)).toEqual(['dev', 'staging', 'prod'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it("opens the onboarding pull request with an entry the platform config's registry accepts", () => {
    const entryStep = step('onboarding-entry')
    expect(entryStep.input.url).toBe('./onboarding')
    const values = Object.fromEntries(
      Object.entries(entryStep.input.values!).map(([k, v]) => [k, evaluate(String(v))])
    )
    const [file] = readdirSync(join(repoRoot, 'templates/onboarding'))
    expect(file).toBe('${{ values.name }}.yaml')
    const text = readFileSync(join(repoRoot, 'templates/onboarding', file), 'utf8').replace(
      /\$\{\{\s*values\.(\w+)\s*\}\}/g,
      (_all, key: string) => values[key]
    )
    const entries = parse(text)
    expect(entries).toEqual([
      { name: 'payments', repository: 'acme/payments', owner: 'team-payments' }
    ])
    const platform = parse(readFileSync(join(repoRoot, 'examples/platform/platform.yaml'), 'utf8'))
    platform.spec.services = entries
    const dir = mkdtempSync(join(tmpdir(), 'idp-template-platform-'))
    try {
      const file = join(dir, 'platform.yaml')
      writeFileSync(file, stringify(platform))
      expect(loadPlatform(file).config.spec.services).toEqual(entries)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    expect(step('onboarding').input).toMatchObject({
      sourcePath: './onboarding',
      targetPath: 'services'
    })
  })
})
