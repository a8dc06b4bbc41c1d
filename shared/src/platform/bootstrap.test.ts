import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { platformBootstrapCommand } from '../commands/platform-bootstrap.js'
import { SchemaCatalog } from '../policy/engines/schema-catalog.js'
import type { Command } from '../runtime/command.js'
import { runLocal } from '../runtime/local.js'
import { RecordingLogger } from '../runtime/logger.js'
import { tempFolder } from '../gitops/testing/git-fixtures.js'
import { KUBEVELA_HEALTH_KEY } from './argocd.js'
import { renderBootstrap } from './bootstrap.js'
import { loadTestPlatform, objectsOf, TEST_PLATFORM } from './testing.js'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const SERVER = 'https://github.com'
const render = (text = TEST_PLATFORM) => renderBootstrap(loadTestPlatform(text), SERVER)
const objects = (text?: string) => objectsOf(render(text).files).map(o => o.object as Obj)
const find = (list: Obj[], kind: string, name: string, namespace?: string) =>
  list.find(
    o =>
      o.kind === kind &&
      o.metadata.name === name &&
      (namespace === undefined || o.metadata.namespace === namespace)
  )

describe('platform bootstrap: Argo CD', () => {
  const all = objects()

  it('renders one AppProject per owner team and environment, with no cluster-scoped kind allowed', () => {
    const projects = all.filter(o => o.kind === 'AppProject').map(o => o.metadata.name)
    expect(projects).toEqual(['ledger-dev', 'team-pay-dev', 'team-shop-dev'])
    const shop = find(all, 'AppProject', 'team-shop-dev') as Obj
    expect(shop.spec.sourceRepos).toEqual(['https://github.com/acme/gitops.git'])
    expect(shop.spec.clusterResourceWhitelist).toEqual([])
    expect(shop.spec.destinations.map((d: Obj) => d.namespace)).toEqual([
      'checkout-dev',
      'cart-dev',
      'payments-legacy-dev'
    ])
  })

  it("denies another owner's exact service inside a team's glob", () => {
    const pay = find(all, 'AppProject', 'team-pay-dev') as Obj
    expect(pay.spec.destinations.map((d: Obj) => d.namespace)).toEqual([
      'payments-*-dev',
      '!payments-legacy-dev'
    ])
  })

  it('takes the project from the registry (generator values), never from the folder', () => {
    const set = find(all, 'ApplicationSet', 'idp-dev') as Obj
    expect(set.spec.template.spec.project).toBe('{{.values.project}}')
    const generators = set.spec.generators.map((g: Obj) => g.git)
    expect(generators.map((g: Obj) => [g.directories, g.values.project])).toEqual([
      [[{ path: 'envs/dev/checkout' }], 'team-shop-dev'],
      [[{ path: 'envs/dev/cart' }], 'team-shop-dev'],
      [
        [{ path: 'envs/dev/payments-*' }, { path: 'envs/dev/payments-legacy', exclude: true }],
        'team-pay-dev'
      ],
      [[{ path: 'envs/dev/payments-legacy' }], 'team-shop-dev'],
      [[{ path: 'envs/dev/ledger' }], 'ledger-dev']
    ])
    expect(set.spec.template.spec.destination.namespace).toBe('{{index .path.segments 2}}-dev')
    expect(set.spec.template.spec.syncPolicy.syncOptions).toBeUndefined()
  })

  it('names the Applications with catalog.argocdAppPattern, as the catalog annotation does', () => {
    const text = TEST_PLATFORM.replace(
      'spec:\n',
      "spec:\n  catalog: { argocdAppPattern: '{environment}-{service}' }\n"
    )
    const set = find(objects(text), 'ApplicationSet', 'idp-dev') as Obj
    expect(set.spec.template.metadata.name).toBe('dev-{{index .path.segments 2}}')
  })

  it('adds the KubeVela health check to argocd-cm', () => {
    const cm = find(all, 'ConfigMap', 'argocd-cm', 'argocd') as Obj
    expect(cm.data[KUBEVELA_HEALTH_KEY]).toContain('st.services')
    expect(cm.data[KUBEVELA_HEALTH_KEY]).not.toMatch(/string\./)
  })

  it('renders the Namespaces of listed services with Pod Security labels, and the per-namespace SecretStores', () => {
    const ns = find(all, 'Namespace', 'checkout-dev') as Obj
    expect(ns.metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'baseline',
      'acme.io/environment': 'dev',
      'idp.dev/owner': 'team-shop'
    })
    expect(all.filter(o => o.kind === 'Namespace' && o.metadata.name.includes('*'))).toEqual([])
    const store = find(all, 'SecretStore', 'aws', 'checkout-dev') as Obj
    expect(store.spec.provider.aws.role).toBe('arn:aws:iam::123456789012:role/checkout-dev')
    expect(all.filter(o => o.kind === 'SecretStore')).toHaveLength(4)
  })
})

describe('platform bootstrap: Flux', () => {
  const all = objects()

  it('renders per service a Kustomization reconciling as its own ServiceAccount into its namespace', () => {
    const k = find(all, 'Kustomization', 'idp-checkout-prod', 'flux-system') as Obj
    expect(k.spec).toMatchObject({
      serviceAccountName: 'idp-checkout-prod',
      targetNamespace: 'checkout-prod',
      prune: true,
      path: './envs/prod/checkout',
      sourceRef: { kind: 'GitRepository', name: 'flux-system' }
    })
    expect(find(all, 'ServiceAccount', 'idp-checkout-prod', 'flux-system')).toBeDefined()
    const binding = find(all, 'RoleBinding', 'idp-reconciler', 'checkout-prod') as Obj
    expect(binding.subjects).toEqual([
      { kind: 'ServiceAccount', name: 'idp-checkout-prod', namespace: 'flux-system' }
    ])
    expect(all.some(o => o.kind === 'ClusterRoleBinding')).toBe(false)
    expect((find(all, 'Namespace', 'checkout-prod') as Obj).metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted'
    })
  })

  it('renders nothing for a glob entry and warns', () => {
    const out = render()
    expect(
      objectsOf(out.files).some(o => JSON.stringify(o.object).includes('payments-*-prod'))
    ).toBe(false)
    expect(out.warnings.join('\n')).toMatch(/'payments-\*'.*Flux needs a Kustomization per service/)
  })
})

describe('platform bootstrap: output', () => {
  it('is deterministic, with a kustomization.yaml per folder', () => {
    const a = render().files
    const b = render().files
    expect([...a.entries()]).toEqual([...b.entries()])
    expect([...a.keys()].filter(k => k.endsWith('kustomization.yaml')).sort()).toEqual([
      'dev/argocd/kustomization.yaml',
      'dev/kustomization.yaml',
      'prod/flux/kustomization.yaml',
      'prod/kustomization.yaml'
    ])
  })

  it("passes idp's own schema validation for every kind it knows", () => {
    const catalog = new SchemaCatalog()
    for (const { file, object } of objectsOf(render().files)) {
      const schema = catalog.lookup(String(object.apiVersion), String(object.kind))
      if (!schema) continue
      expect([file, object.kind, schema.validate(object)]).toEqual([file, object.kind, []])
    }
  })

  it('builds with kubectl kustomize', () => {
    const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' })
    if (kubectl.status !== 0) {
      console.log('kubectl is not installed: skipping the kustomize build of the bootstrap output')
      return
    }
    const tmp = tempFolder('bootstrap-kustomize')
    try {
      for (const [path, text] of render().files) {
        mkdirSync(join(tmp.path, path, '..'), { recursive: true })
        writeFileSync(join(tmp.path, path), text)
      }
      for (const env of ['dev', 'prod']) {
        const built = execFileSync('kubectl', ['kustomize', join(tmp.path, env)], {
          encoding: 'utf8'
        })
        expect(built).toContain('kind: Namespace')
      }
    } finally {
      tmp.remove()
    }
  })
})

describe('platform bootstrap refuses what it cannot confine', () => {
  const refusal = (text: string) => {
    try {
      render(text)
    } catch (error) {
      return String((error as Error).message)
    }
    throw new Error('bootstrap did not refuse')
  }

  it('without an engine', () => {
    expect(refusal(TEST_PLATFORM.replace('    engine: argocd\n', ''))).toMatch(
      /No GitOps engine is set for environment 'dev'/
    )
  })

  it('without a service registry', () => {
    expect(refusal(TEST_PLATFORM.replace(/ {2}services:\n( {4}- .*\n)+/, ''))).toMatch(
      /no service registry/
    )
  })

  it('with a namespace pattern every service shares', () => {
    expect(
      refusal(TEST_PLATFORM.replace("namespace: '{service}-dev'", 'namespace: apps-dev'))
    ).toMatch(/'apps-dev' of environment 'dev' has no \{service\}/)
  })

  it('with {service} not a whole folder of the GitOps path', () => {
    expect(
      refusal(
        TEST_PLATFORM.replace(
          '    engine: argocd\n',
          '    engine: argocd\n    path: envs/{environment}/svc-{service}\n'
        )
      )
    ).toMatch(/must hold \{service\} exactly once, as a whole folder name/)
  })

  it('with a glob without owner', () => {
    expect(refusal(TEST_PLATFORM.replace('owner: team-pay }', '}'))).toMatch(
      /'payments-\*' in spec.services is a glob without an owner/
    )
  })

  it('with overlapping globs of two owners that one project would have to allow and deny', () => {
    // team-shop's glob lies in team-other's earlier glob (so its project denies that), yet its exact
    // payments-legacy, which wins over every glob, lies there too.
    const text = TEST_PLATFORM.replace(
      '    - { name: checkout,',
      "    - { name: 'pay*', repository: 'acme/{service}', owner: team-other }\n    - { name: checkout,"
    ).replace(
      '    - { name: ledger,',
      "    - { name: 'payments-l*', repository: 'acme/{service}', owner: team-shop }\n    - { name: ledger,"
    )
    expect(refusal(text)).toMatch(/'payments-legacy' and the glob 'pay\*' of another owner overlap/)
  })

  it('but accepts an earlier glob of another owner that takes over a later one', () => {
    const text = TEST_PLATFORM.replace(
      '    - { name: checkout,',
      "    - { name: 'pay*', repository: 'acme/{service}', owner: team-other }\n    - { name: checkout,"
    )
    const pay = find(objects(text), 'AppProject', 'team-pay-dev') as Obj
    expect(pay.spec.destinations.map((d: Obj) => d.namespace)).toEqual([
      'payments-*-dev',
      '!pay*-dev',
      '!payments-legacy-dev'
    ])
  })

  it('with a spec on a ClusterSecretStore', () => {
    const text = TEST_PLATFORM.replace(
      'vault: { name: vault-dev, kind: ClusterSecretStore }',
      'vault: { name: vault-dev, kind: ClusterSecretStore, spec: { provider: {} } }'
    )
    expect(refusal(text)).toMatch(/ClusterSecretStore with a spec/)
  })
})

describe('idp platform bootstrap (command)', () => {
  let tmp: ReturnType<typeof tempFolder>
  beforeEach(() => {
    tmp = tempFolder('bootstrap-command')
    writeFileSync(join(tmp.path, 'platform.yaml'), TEST_PLATFORM)
  })
  afterEach(() => tmp.remove())

  const run = async () => {
    const logger = new RecordingLogger()
    const result = await runLocal(
      platformBootstrapCommand as Command<unknown>,
      { 'platform-config': 'platform.yaml', output: 'clusters' },
      { workspace: tmp.path, logger, env: {} }
    )
    return { ...result, log: logger.text() }
  }

  it('writes the folder, and a second run removes files it no longer renders', async () => {
    const stale = join(tmp.path, 'clusters/dev/argocd/old.yaml')
    mkdirSync(join(tmp.path, 'clusters/dev/argocd'), { recursive: true })
    writeFileSync(stale, 'kind: Old\n')
    writeFileSync(join(tmp.path, 'clusters-keep.txt'), 'x')
    const result = await run()
    expect(result.exitCode).toBe(0)
    expect(existsSync(stale)).toBe(false)
    expect(readFileSync(join(tmp.path, 'clusters/dev/argocd/appprojects.yaml'), 'utf8')).toContain(
      'kind: AppProject'
    )
    expect(readFileSync(join(tmp.path, 'clusters/README.md'), 'utf8')).toMatch(/payments-\*/)
    expect(result.log).toMatch(/'payments-\*' is a glob/)
  })

  it('reports a platform config problem at its line', async () => {
    writeFileSync(
      join(tmp.path, 'platform.yaml'),
      TEST_PLATFORM.replace('engine: argocd', 'engine: kubectl')
    )
    const result = await run()
    expect(result.exitCode).toBe(1)
    expect(result.failure).toMatch(/platform\.yaml:8:\d+/)
  })
})
