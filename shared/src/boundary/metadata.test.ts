import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { renderCommand } from '../commands/render.js'
import type { PlatformConfig } from '../descriptor/types.js'
import { git, tempFolder } from '../gitops/testing/git-fixtures.js'
import { DIGEST } from '../render/testing.js'
import type { Command } from '../runtime/command.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'
import {
  applicationMetadataFindings,
  identityLabelValues,
  metadataWrites,
  protectedKeyReason,
  protectedMetadata
} from './metadata.js'

const project = join(dirname(fileURLToPath(import.meta.url)), '../../..')
/** A service repository (a git work tree) holding the example platform config. */
const tmp = tempFolder('metadata')
const repo = join(tmp.path, 'repo')
beforeAll(() => {
  mkdirSync(repo, { recursive: true })
  cpSync(join(project, 'examples/platform'), join(repo, 'platform'), { recursive: true })
  git(repo, 'init', '-q')
})
afterAll(() => tmp.remove())
const IMAGE = `ghcr.io/acme/shop@${DIGEST('a')}`

/** Runs render-manifests on `text` as <name>.yaml of the repository, into out-<name>/. */
async function render(
  name: string,
  text: string,
  environment = 'all',
  platformConfig = 'platform/platform.yaml'
) {
  writeFileSync(join(repo, `${name}.yaml`), text)
  const result = await runLocal(
    renderCommand as Command<unknown>,
    {
      descriptor: `${name}.yaml`,
      'platform-config': platformConfig,
      'output-dir': `out-${name}`,
      environment,
      image: IMAGE
    },
    { workspace: repo, logger: new RecordingLogger(), env: {} }
  )
  return { ...result, out: join(repo, `out-${name}`) }
}

const platform = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: {
    environments: [
      {
        name: 'dev',
        namespace: '{service}-dev',
        secretStores: {},
        labels: { 'acme.io/environment': 'dev' },
        annotations: { 'acme.io/cost-center': '42' }
      }
    ],
    defaults: {
      labels: { 'acme.io/managed-by': 'idp' },
      protectedKeys: ['policy.acme.io/*', '*.security.acme.io/*', 'team']
    }
  }
} as unknown as PlatformConfig
const owned = protectedMetadata(platform, platform.spec.environments[0])

describe('protectedKeyReason: which keys belong to the platform and idp', () => {
  it.each([
    ['idp.dev/service', 'label'],
    ['idp.dev/owner', 'annotation'],
    ['team.idp.dev/anything', 'label'],
    ['IDP.DEV/owner', 'label'],
    ['app.kubernetes.io/managed-by', 'label'],
    ['app.kubernetes.io/name', 'annotation'],
    ['app.kubernetes.io/part-of', 'label'],
    ['backstage.io/kubernetes-id', 'label'],
    ['app.oam.dev/name', 'label'],
    ['argocd.argoproj.io/instance', 'label'],
    ['acme.io/managed-by', 'label'],
    ['acme.io/environment', 'label'],
    ['acme.io/cost-center', 'annotation'],
    ['policy.acme.io/exempt', 'label'],
    ['security.acme.io/scan', 'annotation'],
    ['pods.security.acme.io/level', 'label'],
    ['Team', 'label']
  ] as const)('%s (%s) is protected', (key, kind) => {
    expect(protectedKeyReason(key, kind, owned)).toEqual(expect.any(String))
  })

  it.each([
    ['acme.io/tier', 'label'],
    ['app.kubernetes.io/version', 'label'],
    ['app.kubernetes.io/component', 'label'],
    ['nginx.ingress.kubernetes.io/rewrite-target', 'annotation'],
    ['acme.io/cost-center', 'label'],
    ['notidp.dev/x', 'label'],
    ['sub.policy.acme.io/x', 'label'],
    ['team-name', 'label'],
    ['acme.io/team', 'label']
  ] as const)('%s (%s) is the service’s', (key, kind) => {
    expect(protectedKeyReason(key, kind, owned)).toBeUndefined()
  })
})

describe('metadataWrites: finds label and annotation maps anywhere in properties', () => {
  it('walks nested maps and lists; selectors are not metadata', () => {
    const writes = metadataWrites({
      labels: { a: '1' },
      objects: [{ metadata: { labels: { b: '2' }, annotations: { c: null } } }],
      podLabels: { d: '3' },
      selector: { matchLabels: { e: '4' } }
    })
    expect(writes.map(w => `${w.kind}:${w.key}@${w.pointer}`)).toEqual([
      'label:a@/labels/a',
      'annotation:c@/objects/0/metadata/annotations/c',
      'label:b@/objects/0/metadata/labels/b',
      'label:d@/podLabels/d'
    ])
  })

  it('takes a whole tree as one map for the labels/annotations traits', () => {
    expect(metadataWrites({ 'idp.dev/x': null }, 'label')).toEqual([
      { kind: 'label', key: 'idp.dev/x', value: null, pointer: '/idp.dev~1x' }
    ])
  })

  it('does not overflow the stack on deep nesting', () => {
    let deep: unknown = { labels: { 'idp.dev/x': 'y' } }
    for (let i = 0; i < 20000; i++) deep = { a: deep }
    expect(metadataWrites(deep)).toHaveLength(1)
  })
})

describe('applicationMetadataFindings: validate reads rendered Applications the same way', () => {
  it('names the trait and component properties that touch protected keys', () => {
    const findings = applicationMetadataFindings(
      {
        spec: {
          components: [
            {
              name: 'web',
              properties: { labels: { 'acme.io/tier': 'web', 'app.oam.dev/name': 'other' } },
              traits: [
                { type: 'labels', properties: { 'idp.dev/owner': 'team-evil' } },
                { type: 'annotations', properties: { 'acme.io/cost-center': null } },
                { type: 'gateway', properties: { annotations: { 'idp.dev/x': 'y' } } }
              ]
            }
          ]
        }
      },
      owned
    )
    expect(findings.map(f => f.pointer)).toEqual([
      '/spec/components/0/properties/labels/app.oam.dev~1name',
      '/spec/components/0/traits/0/properties/idp.dev~1owner',
      '/spec/components/0/traits/1/properties/acme.io~1cost-center',
      '/spec/components/0/traits/2/properties/annotations/idp.dev~1x'
    ])
    expect(findings[2]!.message).toContain('removes annotation')
  })
})

/** A small valid descriptor; each case adds one attack to it. */
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
      traits:
        - type: scaler
          properties: { replicas: 1 }
`

interface RenderCase {
  readonly name: string
  readonly content: string
  /** Text on the line the message must name (the first line containing it). */
  readonly line: string
  readonly says: string
}

const renderCases: RenderCase[] = [
  {
    name: 'a labels trait setting idp.dev/service',
    content:
      BASE + `        - type: labels\n          properties:\n            idp.dev/service: other\n`,
    line: 'idp.dev/service: other',
    says: "sets label 'idp.dev/service'"
  },
  {
    name: 'a labels trait removing idp.dev/owner with null',
    content:
      BASE + `        - type: labels\n          properties:\n            idp.dev/owner: null\n`,
    line: 'idp.dev/owner: null',
    says: "removes label 'idp.dev/owner'"
  },
  {
    name: 'an annotations trait setting a platform default annotation',
    content:
      BASE +
      `        - type: annotations\n          properties:\n            acme.io/platform-docs: https://evil.example\n`,
    line: 'acme.io/platform-docs',
    says: 'platform.yaml spec.defaults.annotations'
  },
  {
    name: 'component labels overriding the platform default label',
    content: BASE.replace(
      '      ports: [8080]\n',
      '      ports: [8080]\n      properties:\n        labels:\n          acme.io/managed-by: me\n'
    ),
    line: 'acme.io/managed-by: me',
    says: "sets label 'acme.io/managed-by'"
  },
  {
    name: 'component labels overriding an environment label',
    content: BASE.replace(
      '      ports: [8080]\n',
      '      ports: [8080]\n      properties:\n        labels:\n          acme.io/environment: prod\n'
    ),
    line: 'acme.io/environment: prod',
    says: "the labels of environment 'dev'"
  },
  {
    name: 'component annotations claiming the KubeVela app name',
    content: BASE.replace(
      '      ports: [8080]\n',
      '      ports: [8080]\n      properties:\n        annotations:\n          app.oam.dev/name: payments\n'
    ),
    line: 'app.oam.dev/name: payments',
    says: 'belong to KubeVela'
  },
  {
    name: 'a gateway trait labelling its Ingress as another service',
    content:
      BASE +
      `        - type: gateway\n          properties:\n            http: { '/': 8080 }\n            labels:\n              backstage.io/kubernetes-id: payments\n`,
    line: 'backstage.io/kubernetes-id: payments',
    says: "sets label 'backstage.io/kubernetes-id'"
  },
  {
    name: 'an environment override setting app.kubernetes.io/managed-by',
    content:
      BASE +
      `        - type: labels\n          properties:\n            acme.io/tier: web\n  environments:\n    prod:\n      components:\n        web:\n          traits:\n            labels:\n              app.kubernetes.io/managed-by: helm\n`,
    line: 'app.kubernetes.io/managed-by: helm',
    says: "sets label 'app.kubernetes.io/managed-by'"
  },
  {
    name: 'an environment override of component properties setting the Argo CD instance label',
    content:
      BASE +
      `  environments:\n    staging:\n      components:\n        web:\n          properties:\n            labels:\n              argocd.argoproj.io/instance: payments-prod\n`,
    line: 'argocd.argoproj.io/instance',
    says: 'tracks which application owns'
  }
]

describe('render refuses protected labels and annotations at their idp.yaml line', () => {
  it.each(renderCases.map((c, i) => [c.name, c, i] as const))('%s', async (_name, c, i) => {
    const run = await render(`case-${i}`, c.content)
    expect(run.exitCode).toBe(1)
    const line = c.content.split('\n').findIndex(l => l.includes(c.line)) + 1
    expect(line).toBeGreaterThan(0)
    expect(run.failure).toContain(`case-${i}.yaml:${line}:`)
    expect(run.failure).toContain(c.says)
    expect(run.failure).toContain('Remove')
    expect(run.failure).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/)
    expect(run.failure).not.toContain('Internal error')
    expect(existsSync(run.out) ? readdirSync(run.out) : []).toEqual([])
  })

  it("refuses a key under the platform's protectedKeys", async () => {
    const platformText = readFileSync(join(repo, 'platform/platform.yaml'), 'utf8').replace(
      '  defaults:\n',
      "  defaults:\n    protectedKeys: ['policy.acme.io/*']\n"
    )
    expect(platformText).toContain('protectedKeys')
    writeFileSync(join(repo, 'platform/protected.yaml'), platformText)
    const content =
      BASE +
      `        - type: labels\n          properties:\n            policy.acme.io/exempt: 'true'\n`
    const run = await render('reserved', content, 'dev', 'platform/protected.yaml')
    expect(run.exitCode).toBe(1)
    const line = content.split('\n').findIndex(l => l.includes('policy.acme.io/exempt')) + 1
    expect(run.failure).toContain(`reserved.yaml:${line}:`)
    expect(run.failure).toContain('spec.defaults.protectedKeys: policy.acme.io/*')
  })

  it('still renders a service that labels its workloads with its own keys', async () => {
    const run = await render(
      'ok',
      BASE +
        `        - type: labels\n          properties:\n            acme.io/tier: web\n            app.kubernetes.io/version: '1.2'\n`,
      'dev'
    )
    expect(run.failure).toBeUndefined()
    expect(run.exitCode).toBe(0)
    expect(readFileSync(join(run.out, 'dev/application.yaml'), 'utf8')).toContain(
      'acme.io/tier: web'
    )
    // What validate holds a rendered folder's objects to is exactly what render wrote.
    const record = JSON.parse(readFileSync(join(run.out, 'dev/.idp/render.json'), 'utf8'))
    const application = parse(readFileSync(join(run.out, 'dev/application.yaml'), 'utf8'))
    expect(application.metadata.labels).toMatchObject(identityLabelValues(record))
  })
})
