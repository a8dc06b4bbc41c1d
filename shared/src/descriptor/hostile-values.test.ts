import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { captureCli, DIGEST, tempDir } from '../render/testing.js'

// Values the YAML library can read but a manifest cannot carry as written: each is refused at its
// line of idp.yaml or platform.yaml with what to do, never rendered changed and never an internal error.

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const platformPath = join(root, 'examples/platform/platform.yaml')
const platformText = readFileSync(platformPath, 'utf8')
const work = tempDir('hostile-values')
// The descriptor must lie inside the repository: run where it is, as a developer would.
const cwd = process.cwd()
beforeAll(() => process.chdir(work.path))
afterAll(() => {
  process.chdir(cwd)
  work.remove()
})

const BASE = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
spec:
  components:
    - name: web
      type: webservice
      image: ghcr.io/acme/shop
      ports: [8080]
      env:
        LOG_LEVEL: info
        DB_PASSWORD: \${secrets.db.password}
        DB_HOST: \${resources.db.host}
      properties:
        cpu: 250m
      traits:
        - type: scaler
          properties: { replicas: 1 }
  secrets:
    - name: db
      store: vault
      data:
        password: { key: shop/db, property: password }
  resources:
    - name: db
      type: postgresql
      properties: { storageGB: 10 }
`
const IMAGE = `ghcr.io/acme/shop@${DIGEST('e')}`

function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`case text not in base: ${from}`)
  return text.split(from).join(to)
}

interface Case {
  readonly name: string
  readonly from: string
  readonly to: string
  /** Edit platform.yaml instead of idp.yaml. */
  readonly platform?: boolean
  readonly says: string
  /** Words of the hint. */
  readonly hint: string
}

const cases: Case[] = [
  // Tags
  {
    name: 'a binary env value',
    from: 'LOG_LEVEL: info',
    to: 'LOG_LEVEL: !!binary aGVsbG8=',
    says: "'!!binary'",
    hint: 'Remove the tag'
  },
  {
    name: 'a local tag',
    from: 'LOG_LEVEL: info',
    to: 'LOG_LEVEL: !custom info',
    says: "'!custom'",
    hint: 'Remove the tag'
  },
  {
    name: 'a js function tag',
    from: 'LOG_LEVEL: info',
    to: 'LOG_LEVEL: !!js/function "f"',
    says: "'!!js/function'",
    hint: 'Remove the tag'
  },
  {
    name: 'a set as a property',
    from: 'cpu: 250m',
    to: 'cpu: !!set { a, b }',
    says: "'!!set'",
    hint: 'Remove the tag'
  },
  {
    name: 'an ordered map as trait properties',
    from: 'properties: { replicas: 1 }',
    to: 'properties: !!omap [replicas: 1]',
    says: "'!!omap'",
    hint: 'Remove the tag'
  },
  {
    name: 'a timestamp',
    from: 'LOG_LEVEL: info',
    to: 'LOG_LEVEL: !!timestamp 2001-12-14',
    says: "'!!timestamp'",
    hint: 'Remove the tag'
  },
  {
    name: 'a misfitting core tag',
    from: 'replicas: 1 }',
    to: 'replicas: !!int one }',
    says: "'!!int' does not fit",
    hint: 'Remove the tag'
  },
  {
    name: 'a tag in platform.yaml',
    platform: true,
    from: 'repository: acme/gitops',
    to: 'repository: !!binary YWNtZS9naXRvcHM=',
    says: "'!!binary'",
    hint: 'Remove the tag'
  },
  // Numbers
  {
    name: 'an infinite port',
    from: 'ports: [8080]',
    to: 'ports: [.inf]',
    says: "'.inf' is infinite",
    hint: "quote it ('.inf')"
  },
  {
    name: 'a NaN replica count',
    from: 'replicas: 1 }',
    to: 'replicas: .nan }',
    says: "'.nan' is not a number",
    hint: "quote it ('.nan')"
  },
  {
    name: 'a huge replica count',
    from: 'replicas: 1 }',
    to: 'replicas: 100000000000000000000000000000 }',
    says: 'outside the safe integer range',
    hint: 'quote it'
  },
  {
    name: 'a huge env number',
    from: 'LOG_LEVEL: info',
    to: 'LOG_LEVEL: 12345678901234567890',
    says: 'it would be rendered as 12345678901234567000',
    hint: "quote it ('12345678901234567890')"
  },
  {
    name: 'an overflowing env number',
    from: 'LOG_LEVEL: info',
    to: 'LOG_LEVEL: 1e400',
    says: "'1e400' is infinite",
    hint: 'quote it'
  },
  {
    name: 'an unsafe resource size',
    from: 'storageGB: 10 }',
    to: 'storageGB: 9007199254740993 }',
    says: 'outside the safe integer range',
    hint: 'quote it'
  },
  {
    name: 'a rounded fraction',
    from: 'replicas: 1 }',
    to: 'replicas: 1.00000000000000000001 }',
    says: 'cannot be represented exactly',
    hint: 'quote it'
  },
  {
    name: 'an infinite number in platform.yaml',
    platform: true,
    from: 'repository: acme/gitops',
    to: 'repository: acme/gitops\n    depth: -.inf',
    says: "'-.inf' is infinite",
    hint: 'quote it'
  },
  // References
  {
    name: 'an unterminated reference',
    from: '${resources.db.host}',
    to: '${resources.db.host',
    says: "'${resources.db.host' is not closed",
    hint: "Close it with '}'"
  },
  {
    name: 'an unterminated reference after text',
    from: 'LOG_LEVEL: info',
    to: "LOG_LEVEL: 'x${'",
    says: "'${' is not closed",
    hint: '$${'
  },
  {
    name: 'an empty reference',
    from: 'LOG_LEVEL: info',
    to: "LOG_LEVEL: '${}'",
    says: "'${}' is empty",
    hint: '${secrets.<secret>.<key>}'
  },
  {
    name: 'a reference without a key',
    from: 'LOG_LEVEL: info',
    to: "LOG_LEVEL: '${secrets.}'",
    says: 'is not a reference idp understands',
    hint: '${secrets.<secret>.<key>}'
  },
  {
    name: 'a nested reference',
    from: 'LOG_LEVEL: info',
    to: "LOG_LEVEL: '${${secrets.db.password}}'",
    says: 'references do not nest',
    hint: '$$'
  },
  {
    name: 'a reference in a component property',
    from: 'cpu: 250m',
    to: 'cpu: 250m\n        cmd: ["--db=${resources.db.host}"]',
    says: 'is not expanded here',
    hint: '$(VARIABLE)'
  },
  {
    name: 'an unterminated reference in a component property',
    from: 'cpu: 250m',
    to: 'cpu: 250m\n        args: ["--db=${resources.db.host"]',
    says: 'is not expanded here',
    hint: '$(VARIABLE)'
  },
  {
    name: 'a secret reference in a trait property',
    from: 'properties: { replicas: 1 }',
    to: "properties: { replicas: 1 }\n        - type: labels\n          properties: { tier: '${secrets.db.password}' }",
    says: 'is not expanded here',
    hint: '$(VARIABLE)'
  },
  {
    name: 'a reference in a resource property',
    from: 'storageGB: 10 }',
    to: "storageGB: 10, engineVersion: '${ resources.db.version}' }",
    says: 'is not expanded here',
    hint: '$(VARIABLE)'
  }
]

describe('values a manifest cannot carry as written: refused at their line', () => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const descriptorText = c.platform ? BASE : edit(BASE, c.from, c.to)
    const descriptor = `case-${i}.yaml`
    writeFileSync(join(work.path, descriptor), descriptorText)
    const platform = c.platform ? `platform-${i}.yaml` : platformPath
    if (c.platform) writeFileSync(join(work.path, platform), edit(platformText, c.from, c.to))
    const out = join(work.path, `out-${i}`)
    const { code, stderr, stdout } = await captureCli([
      'render',
      '--descriptor',
      descriptor,
      '--platform-config',
      platform,
      '--output-dir',
      out,
      '--environment',
      'dev',
      '--image',
      IMAGE
    ])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const blamedText = c.platform ? edit(platformText, c.from, c.to) : descriptorText
    const firstLine = c.to.split('\n').pop()!
    const line = blamedText.split('\n').findIndex(l => l.includes(firstLine)) + 1
    expect(line).toBeGreaterThan(0)
    expect(stderr).toContain(`${c.platform ? platform : descriptor}:${line}:`)
    expect(stderr).toContain(c.says)
    expect(stderr).toContain(c.hint)
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    expect(stderr).not.toContain('Internal error')
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })
})

describe('values that are accepted render exactly as written', () => {
  it('renders escapes, quoted specials and safe numbers unchanged', async () => {
    let text = edit(BASE, 'LOG_LEVEL: info', "LOG_LEVEL: '$${secrets.db.password} and a$b and $$'")
    // `.inf` is text here (an annotation value): quoted so no YAML reader takes it for a number.
    text = edit(
      text,
      '      properties:\n        cpu: 250m',
      "      properties:\n        cpu: 250m\n        annotations: { acme.io/limit: '.inf' }"
    )
    text = edit(
      text,
      'DB_HOST: ${resources.db.host}',
      'DB_HOST: ${resources.db.host}\n        BIG: "12345678901234567890"\n        SAFE: 9007199254740991'
    )
    const descriptor = 'accepted.yaml'
    writeFileSync(join(work.path, descriptor), text)
    const out = join(work.path, 'out-accepted')
    const { code, stderr } = await captureCli([
      'render',
      '--descriptor',
      descriptor,
      '--platform-config',
      platformPath,
      '--output-dir',
      out,
      '--environment',
      'dev',
      '--image',
      IMAGE
    ])
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
    const application = readFileSync(join(out, 'dev', 'application.yaml'), 'utf8')
    expect(application).toContain('value: ${secrets.db.password} and a$b and $')
    expect(application).toContain('value: "12345678901234567890"')
    expect(application).toContain('value: "9007199254740991"')
    expect(application).toContain('acme.io/limit: ".inf"')
  })
})

describe('keys named like JavaScript object internals are ordinary keys', () => {
  const render = async (text: string, name: string) => {
    writeFileSync(join(work.path, `${name}.yaml`), text)
    const out = join(work.path, `out-${name}`)
    const run = await captureCli([
      'render',
      '--descriptor',
      `${name}.yaml`,
      '--platform-config',
      platformPath,
      '--output-dir',
      out,
      '--environment',
      'prod',
      '--image',
      IMAGE
    ])
    return { ...run, out }
  }
  const PROD = `  environments:
    prod:
      components:
        web:
          env:
            LOG_LEVEL: warn
`

  it('an override adds env variables named constructor, toString, hasOwnProperty and valueOf', async () => {
    const text =
      BASE +
      PROD +
      '            constructor: a\n            toString: b\n            hasOwnProperty: c\n            valueOf: d\n'
    const { code, stderr, out } = await render(text, 'own-env-added')
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
    const application = readFileSync(join(out, 'prod', 'application.yaml'), 'utf8')
    for (const [name, value] of [
      ['constructor', 'a'],
      ['toString', 'b'],
      ['hasOwnProperty', 'c'],
      ['valueOf', 'd']
    ])
      expect(application).toContain(`- name: ${name}\n            value: ${value}\n`)
  })

  it('an override of other variables keeps a base variable named toString as written', async () => {
    const text = edit(BASE, 'LOG_LEVEL: info', 'LOG_LEVEL: info\n        toString: kept') + PROD
    const { code, out } = await render(text, 'own-env-kept')
    expect(code).toBe(0)
    const application = readFileSync(join(out, 'prod', 'application.yaml'), 'utf8')
    expect(application).toContain('- name: toString\n            value: kept\n')
    expect(application).not.toContain('native code')
  })

  it('a resource named constructor keeps its own properties when others are overridden', async () => {
    const text =
      edit(
        BASE,
        '      properties: { storageGB: 10 }\n',
        '      properties: { storageGB: 10 }\n    - name: constructor\n      type: postgresql\n      properties: { storageGB: 7 }\n'
      ) + '  environments:\n    prod:\n      resources:\n        db: { storageGB: 20 }\n'
    const { code, stderr, out } = await render(text, 'own-resource')
    expect(stderr).not.toContain('error')
    expect(code).toBe(0)
    const claim = readFileSync(join(out, 'prod', 'sqlinstance-constructor.yaml'), 'utf8')
    expect(claim).toContain('storageGB: 7')
  })

  it('refuses a key named __proto__ at its line', async () => {
    const text = edit(BASE, 'LOG_LEVEL: info', 'LOG_LEVEL: info\n        __proto__: x')
    const { code, stderr } = await render(text, 'proto-key')
    expect(code).toBe(1)
    expect(stderr).toContain('proto-key.yaml:14:')
    expect(stderr).toContain("'__proto__'")
  })
})

describe('names are never looked up on Object.prototype', () => {
  const run = async (name: string, descriptorText: string, platform = platformText) => {
    writeFileSync(join(work.path, `${name}.yaml`), descriptorText)
    writeFileSync(join(work.path, `${name}-platform.yaml`), platform)
    const out = join(work.path, `out-${name}`)
    const result = await captureCli([
      'render',
      '--descriptor',
      `${name}.yaml`,
      '--platform-config',
      `${name}-platform.yaml`,
      '--output-dir',
      out,
      '--environment',
      'dev',
      '--image',
      IMAGE
    ])
    return { ...result, out }
  }
  const expectRefused = (stderr: string, file: string, line: number, says: string) => {
    expect(stderr).toContain(`${file}:${line}:`)
    expect(stderr).toContain(says)
    expect(stderr).not.toContain('Internal error')
    expect(stderr).not.toContain('native code')
  }

  it.each(['constructor', 'toString'])('a component type %s is not a built-in type', async type => {
    const platform = edit(
      platformText,
      '  componentTypes:\n    allowed: [webservice, worker, task, cron-task]\n',
      ''
    )
    const { code, stderr } = await run(
      `type-${type}`,
      edit(BASE, 'type: webservice', `type: ${type}`),
      platform
    )
    expect(code).toBe(1)
    expectRefused(stderr, `type-${type}.yaml`, 9, 'which the platform does not allow')
  })

  it('a trait type constructor is not a built-in trait', async () => {
    const platform = edit(
      platformText,
      '  traitTypes:\n    allowed: [gateway, scaler, cpuscaler, labels, annotations, storage, sidecar, env]\n',
      ''
    )
    const { code, stderr } = await run(
      'trait-constructor',
      edit(BASE, '- type: scaler', '- type: constructor'),
      platform
    )
    expect(code).toBe(1)
    expectRefused(stderr, 'trait-constructor.yaml', 19, 'which the platform does not allow')
  })

  it('a secret store constructor is not a store of the environment', async () => {
    const { code, stderr, out } = await run(
      'store-constructor',
      edit(BASE, 'store: vault', 'store: constructor')
    )
    expect(code).toBe(1)
    expectRefused(stderr, 'store-constructor.yaml', 23, "uses store 'constructor'")
    expect(existsSync(out)).toBe(false)
  })

  it.each(['constructor', 'toString'])('a resource output %s is not an output', async output => {
    const { code, stderr } = await run(
      `output-${output}`,
      edit(BASE, '${resources.db.host}', `\${resources.db.${output}}`)
    )
    expect(code).toBe(1)
    expectRefused(stderr, `output-${output}.yaml`, 15, `has no output '${output}'`)
  })
})
