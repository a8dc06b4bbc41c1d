import { afterAll, describe, expect, it } from '@jest/globals'
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { captureCli, DIGEST } from '../render/testing.js'

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..')
const platform = join(root, 'examples/platform/platform.yaml')
// The CLI reads a descriptor only inside the repository (boundary/files): a git-ignored folder in it.
mkdirSync(join(root, '.tmp'), { recursive: true })
const work = { path: mkdtempSync(join(root, '.tmp', 'bad-input-')) }
afterAll(() => rmSync(work.path, { recursive: true, force: true }))

/** A small valid descriptor; each case breaks one thing in it. */
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
        DB_PASSWORD: \${secrets.db.password}
        DB_HOST: \${resources.db.host}
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
  environments:
    prod:
      components:
        web:
          traits:
            scaler: { replicas: 2 }
      resources:
        db: { storageGB: 20 }
`

interface Case {
  readonly name: string
  /** The descriptor's text, or bytes for binary cases. */
  readonly content: string | Buffer
  /** Text on the line the message must name (the first line containing it), or a line number. */
  readonly line: string | number
  readonly says: string | RegExp
  readonly image?: string
  readonly environment?: string
  readonly platformText?: string
}

const replace = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`case text not in base: ${from}`)
  return BASE.replace(from, to)
}

const IMAGE = `ghcr.io/acme/shop@${DIGEST('e')}`

const cases: Case[] = [
  {
    name: 'wrong type for a trait property',
    content: replace('replicas: 1 }', 'replicas: "one" }'),
    line: 'replicas: "one"',
    says: "'replicas' must be a whole number"
  },
  {
    name: 'wrong type for a port',
    content: replace('ports: [8080]', 'ports: ["http"]'),
    line: 'ports:',
    says: /must be/
  },
  {
    name: 'port out of range',
    content: replace('ports: [8080]', 'ports: [70000]'),
    line: 'ports:',
    says: /maximum of 65535|must be/
  },
  {
    name: 'unknown component type',
    content: replace('type: webservice', 'type: webservise'),
    line: 'type: webservise',
    says: "type 'webservise', which the platform does not allow"
  },
  {
    name: 'unknown trait type',
    content: replace('- type: scaler', '- type: scalar'),
    line: '- type: scalar',
    says: "trait 'scalar', which the platform does not allow"
  },
  {
    name: 'unknown secret reference',
    content: replace('${secrets.db.password}', '${secrets.dbb.password}'),
    line: 'DB_PASSWORD',
    says: "names secret 'dbb', which is not declared"
  },
  {
    name: 'unknown secret key',
    content: replace('${secrets.db.password}', '${secrets.db.pass}'),
    line: 'DB_PASSWORD',
    says: "names key 'pass'"
  },
  {
    name: 'unknown resource reference',
    content: replace('${resources.db.host}', '${resources.cache.host}'),
    line: 'DB_HOST',
    says: "names resource 'cache', which is not declared"
  },
  {
    name: 'unknown resource output',
    content: replace('${resources.db.host}', '${resources.db.port}'),
    line: 'DB_HOST',
    says: "has no output 'port'"
  },
  {
    name: 'reference with an unknown root',
    content: replace('${resources.db.host}', '${config.db.host}'),
    line: 'DB_HOST',
    says: "starts with 'config'"
  },
  {
    name: 'malformed reference',
    content: replace('${resources.db.host}', '${resources.db}'),
    line: 'DB_HOST',
    says: 'is not a reference idp understands'
  },
  {
    name: 'name ../x',
    content: replace('name: shop', 'name: ../x'),
    line: 'name: ../x',
    says: 'not a DNS-1123 label'
  },
  {
    name: 'upper-case component name',
    content: replace('- name: web', '- name: Web'),
    line: '- name: Web',
    says: 'not a DNS-1123 label'
  },
  {
    name: 'duplicate keys',
    content: replace('  owner: team-shop\n', '  owner: team-shop\n  owner: team-other\n'),
    line: 'owner: team-other',
    says: 'a key appears twice'
  },
  {
    name: 'YAML alias bomb',
    content: `a: &a ["x","x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]\n`,
    line: 1,
    says: 'too many YAML aliases'
  },
  {
    name: 'a 5 MB file',
    content: `# ${'x'.repeat(5 * 1024 * 1024)}\n${BASE}`,
    line: 1,
    says: 'at most 1024 KiB is accepted'
  },
  {
    name: 'a binary file',
    content: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe]),
    line: 1,
    says: 'not a UTF-8 text file'
  },
  { name: 'an empty file', content: '', line: 1, says: 'is empty' },
  {
    name: 'several YAML documents',
    content: `${BASE}---\nkind: Other\n`,
    line: '---',
    says: 'exactly one is expected'
  },
  {
    name: 'YAML syntax error',
    content: replace('ports: [8080]', 'ports: [8080'),
    line: 'env:',
    says: 'is not valid YAML'
  },
  {
    name: 'override of an unknown component',
    content: replace('      components:\n        web:', '      components:\n        webb:'),
    line: 'webb:',
    says: "names component 'webb', which does not exist"
  },
  {
    name: 'override of a trait the component lacks',
    content: replace('scaler: { replicas: 2 }', 'cpuscaler: { max: 3 }'),
    line: 'cpuscaler: { max: 3 }',
    says: "names trait 'cpuscaler'"
  },
  {
    name: 'override of an unknown resource',
    content: replace('db: { storageGB: 20 }', 'dbx: { storageGB: 20 }'),
    line: 'dbx:',
    says: "names resource 'dbx'"
  },
  {
    name: 'override for an unknown environment',
    content: replace('  environments:\n    prod:', '  environments:\n    production:'),
    line: 'production:',
    says: "environment 'production', which the platform does not define"
  },
  {
    name: 'a quota violation',
    content: replace('properties: { storageGB: 10 }', 'properties: { storageGB: 1000 }'),
    line: 'storageGB: 1000',
    says: "above the maximum of 100 (the platform's quota for postgresql)"
  },
  {
    name: 'a quota violation in an override points at the override',
    content: replace('db: { storageGB: 20 }', 'db: { storageGB: 200 }'),
    line: 'storageGB: 200',
    says: 'above the maximum of 100'
  },
  {
    name: 'unknown top-level field',
    content: replace('spec:\n  components:', 'spce: {}\nspec:\n  components:'),
    line: 'spce',
    says: "unknown field 'spce'"
  },
  {
    name: 'missing owner',
    content: replace('  owner: team-shop\n', ''),
    line: 'metadata:',
    says: "required field 'owner'"
  },
  {
    name: 'wrong apiVersion',
    content: replace('idp.dev/v1alpha1', 'idp.dev/v2'),
    line: 'apiVersion',
    says: 'must be "idp.dev/v1alpha1"'
  },
  {
    name: 'no components',
    content: replace(
      BASE.slice(BASE.indexOf('    - name: web'), BASE.indexOf('  secrets:')),
      ''
    ).replace('  components:\n', '  components: []\n'),
    line: 'components: []',
    says: 'needs at least 1 item'
  },
  {
    name: 'duplicate component names',
    content: replace(
      '  secrets:',
      '    - name: web\n      type: worker\n      image: ghcr.io/acme/shop:1.0\n  secrets:'
    ),
    line: 18,
    says: "Two components are named 'web'"
  },
  {
    name: 'a secret store the environment does not map',
    content: replace('store: vault', 'store: gcp'),
    line: 'store: gcp',
    says: "store 'gcp', which environment"
  },
  {
    name: 'an unknown resource type',
    content: replace('type: postgresql', 'type: mysql'),
    line: 'type: mysql',
    says: "type 'mysql', which the platform does not define"
  },
  {
    name: 'bad env variable name',
    content: replace('DB_HOST:', '1DB_HOST:'),
    line: '1DB_HOST',
    says: 'environment variable name'
  },
  {
    name: 'image under properties',
    content: replace(
      'properties: { replicas: 1 }',
      'properties: { replicas: 1 }\n      properties: { image: x }'
    ).replace('      traits:', '      traits:'),
    line: 'properties: { image: x }',
    says: /duplicate|appears twice|under properties/
  },
  {
    name: 'an invalid image reference',
    content: replace('image: ghcr.io/acme/shop', 'image: Ghcr.io/Acme Shop'),
    line: 'image: Ghcr.io',
    says: 'not a valid image reference'
  },
  {
    name: 'a cron-task without a schedule',
    content: replace('type: webservice', 'type: cron-task').replace('      ports: [8080]\n', ''),
    line: '- name: web',
    says: "required field 'schedule'"
  },
  {
    name: 'dependsOn an unknown component',
    content: replace('      ports: [8080]\n', '      ports: [8080]\n      dependsOn: [api]\n'),
    line: 'dependsOn: [api]',
    says: "depends on 'api'"
  },
  {
    name: 'a tag-only image where digests are required',
    content: BASE,
    image: 'ghcr.io/acme/shop:1.2.3',
    environment: 'prod',
    line: 'image: ghcr.io/acme/shop',
    says: 'requires images pinned by digest'
  },
  {
    name: 'an image of another repository',
    content: BASE,
    image: 'ghcr.io/evil/shop:1.2.3',
    environment: 'dev',
    line: 'image: ghcr.io/acme/shop',
    says: 'is not from its repository'
  },
  {
    name: 'platform: requires an unknown environment',
    content: BASE,
    platformText: readFileSync(platform, 'utf8').replace(
      'requires: [staging]',
      'requires: [stage]'
    ),
    line: 'requires: [stage]',
    says: "requires 'stage', which is not defined"
  }
]

describe('bad input: one clear message with file:line, exit 1, nothing written', () => {
  it('has at least 30 cases', () => expect(cases.length).toBeGreaterThanOrEqual(30))

  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const descriptor = join(work.path, `case-${i}.yaml`)
    writeFileSync(descriptor, c.content)
    const platformFile = c.platformText ? join(work.path, `platform-${i}.yaml`) : platform
    if (c.platformText) writeFileSync(platformFile, c.platformText)
    const out = join(work.path, `out-${i}`)
    const { code, stderr, stdout } = await captureCli([
      'render',
      '--descriptor',
      descriptor,
      '--platform-config',
      platformFile,
      '--output-dir',
      out,
      '--environment',
      c.environment ?? 'all',
      '--image',
      c.image ?? IMAGE
    ])
    expect(code).toBe(1)
    expect(stdout).toBe('')
    const blamed = c.platformText ? platformFile : descriptor
    const text = c.platformText ?? (typeof c.content === 'string' ? c.content : '')
    const line =
      typeof c.line === 'number'
        ? c.line
        : text.split('\n').findIndex(l => l.includes(c.line as string)) + 1
    expect(line).toBeGreaterThan(0)
    // Files are named relative to the working folder (the CLI's workspace).
    expect(stderr).toContain(`${relative(process.cwd(), blamed)}:${line}:`)
    if (typeof c.says === 'string') expect(stderr).toContain(c.says)
    else expect(stderr).toMatch(c.says)
    expect(stderr).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    expect(stderr).not.toContain('Internal error')
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([])
  })
})
