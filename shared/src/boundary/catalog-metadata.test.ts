import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deriveEntities } from '../catalog/entities.js'
import { catalogCommand } from '../commands/catalog.js'
import type { PlatformConfig, ServiceDescriptor } from '../descriptor/types.js'
import { git, tempFolder } from '../gitops/testing/git-fixtures.js'
import type { Command } from '../runtime/command.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'
import {
  entityRefProblem,
  linkProblem,
  protectedCatalogAnnotation,
  repositoryPathProblem
} from './catalog-metadata.js'

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..')
/** A service repository (a git work tree) with the example platform and a nested service folder. */
const tmp = tempFolder('catalog-metadata')
const repo = join(tmp.path, 'repo')
beforeAll(() => {
  mkdirSync(join(repo, 'services/shop/docs'), { recursive: true })
  writeFileSync(join(repo, 'services/shop/docs/index.md'), '# Shop\n')
  cpSync(join(project, 'examples/platform'), join(repo, 'platform'), { recursive: true })
  git(repo, 'init', '-q')
})
afterAll(() => tmp.remove())

describe('links: http(s) only', () => {
  it.each([
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'vbscript:msgbox',
    'https://user:pass@runbooks.acme.io/',
    ' https://runbooks.acme.io',
    'runbooks.acme.io/x'
  ])('refuses %j', url => expect(linkProblem(url)).toEqual(expect.any(String)))

  it.each(['https://runbooks.acme.io/checkout', 'http://grafana.internal:3000/d/x?var=1#panel'])(
    'accepts %s',
    url => expect(linkProblem(url)).toBeUndefined()
  )
})

describe('entity refs: as Backstage parses them', () => {
  it.each([
    ['team-payments\nsystem:default/evil', 'group'],
    ['team-payments\r', 'group'],
    ['group:default/team\u2028x', 'group'],
    ['group:default/a/b', 'group'],
    ['a/b:c', 'group'],
    ['group:', 'group'],
    [':team', 'group'],
    ['group:Prod_1/team', 'group'],
    ['payments-db', undefined],
    ['component:default/', undefined],
    ['component:default/bad name', undefined]
  ])('refuses %j', (ref, kind) => expect(entityRefProblem(ref, kind)).toEqual(expect.any(String)))

  it.each([
    ['team-payments', 'group'],
    ['user:jdoe', 'group'],
    ['group:default/team-payments', 'group'],
    ['default/team-payments', 'group'],
    ['group:team-payments', 'group'],
    ['component:default/payments', undefined],
    ['orders-db', 'resource']
  ])('accepts %s', (ref, kind) => expect(entityRefProblem(ref, kind)).toBeUndefined())
})

describe('paths stay inside the repository', () => {
  it.each([
    ['../../other', 'services'],
    ['../x', ''],
    ['docs/../../x', ''],
    ['/etc', ''],
    ['https://evil.example/docs', ''],
    ['%2e%2e/%2e%2e/x', 'a/b'],
    ['..\\..\\x', 'a/b'],
    ['//evil.example/x', ''],
    ['../docs', undefined]
  ])('refuses %j (descriptor folder %j)', (path, folder) =>
    expect(repositoryPathProblem(path, folder)).toEqual(expect.any(String))
  )

  it.each([
    ['./docs', ''],
    ['.', ''],
    ['../../docs', 'services/shop'],
    ['docs/api/openapi.yaml', undefined]
  ])('accepts %j (descriptor folder %j)', (path, folder) =>
    expect(repositoryPathProblem(path, folder)).toBeUndefined()
  )
})

describe('protected catalog annotations', () => {
  it('lose to the derived ones even when deriving is called without the check', () => {
    const descriptor = {
      apiVersion: 'idp.dev/v1alpha1',
      kind: 'Service',
      metadata: {
        name: 'shop',
        owner: 'team-shop',
        annotations: {
          'backstage.io/kubernetes-id': 'payments',
          'github.com/project-slug': 'acme/payments'
        }
      },
      spec: { components: [{ name: 'web', type: 'webservice' }] }
    } as unknown as ServiceDescriptor
    const [component] = deriveEntities(
      descriptor,
      { spec: { environments: [] } } as unknown as PlatformConfig,
      {
        repository: 'acme/shop',
        apiDefinitions: 'inline',
        readDefinition: () => '',
        systemEntity: false
      }
    )
    expect(component!.entity.metadata.annotations).toMatchObject({
      'backstage.io/kubernetes-id': 'shop',
      'github.com/project-slug': 'acme/shop'
    })
  })

  it.each([
    'backstage.io/kubernetes-id',
    'backstage.io/kubernetes-label-selector',
    'backstage.io/source-location',
    'backstage.io/managed-by-location',
    'backstage.io/managed-by-origin-location',
    'github.com/project-slug',
    'argocd/app-name',
    'idp.dev/env.prod.version',
    'Backstage.io/Kubernetes-Id'
  ])('%s', key => expect(protectedCatalogAnnotation(key)).toEqual(expect.any(String)))

  it('leaves the service its own', () => {
    expect(protectedCatalogAnnotation('pagerduty.com/service-id')).toBeUndefined()
  })
})

const BASE = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
  links:
    - url: https://runbooks.acme.io/shop
      title: Runbook
spec:
  components:
    - name: web
      type: webservice
      image: ghcr.io/acme/shop
      ports: [8080]
`

interface CatalogCase {
  readonly name: string
  readonly content: string
  readonly line: string
  readonly says: string
}

const withMeta = (lines: string) =>
  BASE.replace('  owner: team-shop\n', `  owner: team-shop\n${lines}`)

const cases: CatalogCase[] = [
  {
    name: 'a descriptor annotation backstage.io/kubernetes-id: other-service',
    content: withMeta('  annotations:\n    backstage.io/kubernetes-id: other-service\n'),
    line: 'backstage.io/kubernetes-id',
    says: "sets 'backstage.io/kubernetes-id'"
  },
  {
    name: 'a descriptor annotation backstage.io/source-location elsewhere',
    content: withMeta(
      '  annotations:\n    backstage.io/source-location: url:https://github.com/acme/payments/tree/main/\n'
    ),
    line: 'backstage.io/source-location',
    says: 'idp derives it'
  },
  {
    name: 'a descriptor annotation for the Argo CD app of another service',
    content: withMeta('  annotations:\n    argocd/app-name: payments-prod\n'),
    line: 'argocd/app-name',
    says: "sets 'argocd/app-name'"
  },
  {
    name: 'a descriptor annotation forging a deployment record',
    content: withMeta("  annotations:\n    idp.dev/env.prod.version: '9.9.9'\n"),
    line: 'idp.dev/env.prod.version',
    says: 'belong to idp'
  },
  {
    name: 'a descriptor annotation for the managed-by location',
    content: withMeta(
      '  annotations:\n    backstage.io/managed-by-location: url:https://evil.example/x.yaml\n'
    ),
    line: 'backstage.io/managed-by-location',
    says: 'the catalog writes it'
  },
  {
    name: 'techdocs-ref url:https://evil',
    content: withMeta(
      '  annotations:\n    backstage.io/techdocs-ref: url:https://evil.example/docs\n'
    ),
    line: 'backstage.io/techdocs-ref',
    says: 'only dir:'
  },
  {
    name: 'techdocs-ref dir:../../other',
    content: withMeta('  annotations:\n    backstage.io/techdocs-ref: dir:../../../other\n'),
    line: 'backstage.io/techdocs-ref',
    says: 'it leaves'
  },
  {
    name: 'docs pointing at another site',
    content: withMeta('  docs: https://evil.example/docs\n'),
    line: 'docs: https',
    says: 'metadata.docs'
  },
  {
    name: 'docs escaping the repository',
    content: withMeta('  docs: ../../../other-repo/docs\n'),
    line: 'docs: ../',
    says: 'outside the repository'
  },
  {
    name: 'a javascript: link',
    content: BASE.replace('https://runbooks.acme.io/shop', "'javascript:alert(1)'"),
    line: 'javascript:',
    says: 'only http and https'
  },
  {
    name: 'a data: link',
    content: BASE.replace('https://runbooks.acme.io/shop', "'data:text/html,hi'"),
    line: 'data:text',
    says: 'only http and https'
  },
  {
    name: 'a file: link',
    content: BASE.replace('https://runbooks.acme.io/shop', 'file:///etc/passwd'),
    line: 'file:///',
    says: 'only http and https'
  },
  {
    name: 'an owner ref with a newline (quoted string)',
    content: BASE.replace('owner: team-shop', 'owner: "team-shop\\nsystem:default/evil"'),
    line: 'owner:',
    says: 'owner'
  },
  {
    name: 'a dependsOn ref with a newline',
    content: withMeta('  dependsOn:\n    - "component:default/payments\\ncomponent:default/x"\n'),
    line: 'component:default/payments',
    says: 'whitespace or control characters'
  },
  {
    name: 'a dependsOn ref with a second slash',
    content: withMeta('  dependsOn:\n    - component:default/payments/x\n'),
    line: 'component:default/payments/x',
    says: 'not a valid name'
  },
  {
    name: 'an edit-url that is javascript:',
    content: withMeta("  annotations:\n    backstage.io/edit-url: 'javascript:alert(1)'\n"),
    line: 'backstage.io/edit-url',
    says: 'only http and https'
  },
  {
    name: 'an API definition reference ($text) out of the repository',
    content:
      BASE +
      '  apis:\n    - name: shop-api\n      type: openapi\n      definition: ../../../other/api.yaml\n',
    line: 'definition: ../',
    says: 'it leaves'
  },
  {
    name: 'an API definition reference to another site',
    content:
      BASE +
      '  apis:\n    - name: shop-api\n      type: openapi\n      definition: https://evil.example/api.yaml\n',
    line: 'definition: https',
    says: 'API definition'
  }
]

/** Runs register-catalog in file mode on `text` as services/shop/<name>.yaml of the repository. */
async function catalog(name: string, text: string, inputs: Record<string, string> = {}) {
  writeFileSync(join(repo, 'services/shop', `${name}.yaml`), text)
  const output = `services/shop/${name}.catalog-info.yaml`
  const result = await runLocal(
    catalogCommand as Command<unknown>,
    {
      descriptor: `services/shop/${name}.yaml`,
      'platform-config': 'platform/platform.yaml',
      mode: 'file',
      output,
      'source-url': 'https://github.com/acme/shop/tree/main/services/shop/',
      'source-repository': 'acme/shop',
      'api-definitions': 'reference',
      ...inputs
    },
    { workspace: repo, logger: new RecordingLogger(), env: {} }
  )
  return { ...result, output: join(repo, output) }
}

describe('catalog refuses what the service may not say, at its idp.yaml line', () => {
  it.each(cases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const run = await catalog(`case-${i}`, c.content)
    expect(run.exitCode).toBe(1)
    const line = c.content.split('\n').findIndex(l => l.includes(c.line)) + 1
    expect(line).toBeGreaterThan(0)
    expect(run.failure).toContain(`case-${i}.yaml:${line}:`)
    expect(run.failure).toContain(c.says)
    expect(run.failure).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    expect(run.failure).not.toContain('Internal error')
    expect(existsSync(run.output)).toBe(false)
  })

  it('refuses a source-url that is not http(s)', async () => {
    const run = await catalog('source', BASE, { 'source-url': 'javascript:alert(1)//' })
    expect(run.exitCode).toBe(1)
    expect(run.failure).toContain("Input 'source-url' is refused")
    expect(existsSync(run.output)).toBe(false)
  })

  it('still writes the entities of a service that stays within its own', async () => {
    const run = await catalog(
      'ok',
      withMeta(
        '  annotations:\n    pagerduty.com/service-id: P123\n    backstage.io/techdocs-ref: dir:.\n  dependsOn: [component:default/payments]\n'
      )
    )
    expect(run.failure).toBeUndefined()
    expect(run.exitCode).toBe(0)
    const text = readFileSync(run.output, 'utf8')
    expect(text).toContain('backstage.io/kubernetes-id: "shop"')
    expect(text).toContain('pagerduty.com/service-id: "P123"')
    expect(text).toContain('backstage.io/techdocs-ref: "dir:."')
  })

  it('accepts docs and techdocs folders elsewhere in the same repository', async () => {
    mkdirSync(join(repo, 'docs'), { recursive: true })
    writeFileSync(join(repo, 'docs/index.md'), '# All\n')
    const run = await catalog('docs-up', withMeta('  docs: ../../docs\n'))
    expect(run.failure).toBeUndefined()
    expect(readFileSync(run.output, 'utf8')).toContain(
      'backstage.io/techdocs-ref: "url:https://github.com/acme/shop/tree/main/docs"'
    )
  })
})
