// Attacks through a folder's kustomization.yaml, which Argo CD and Flux build before they apply: it
// can generate Secrets from literals, rewrite every object's namespace, patch what validate checked,
// or pull objects from outside the folder that validate never saw.
import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import type { PlatformConfig } from '../../../descriptor/types.js'
import { silentLogger } from '../../../runtime/logger.js'
import { isBuildFile } from '../../manifests.js'
import { parseManifestText } from '../../manifest-documents.js'
import { SchemaCatalog } from '../schema-catalog.js'
import { activeGuardrails, GuardrailsEngine } from './index.js'

const platform = {
  apiVersion: 'idp.dev/v1alpha1',
  kind: 'Platform',
  metadata: { name: 'acme' },
  spec: { environments: [{ name: 'dev', namespace: '{service}-dev', secretStores: {} }] }
} as unknown as PlatformConfig

async function findings(kustomization: Record<string, unknown>) {
  const text = stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    ...kustomization
  })
  const loaded = parseManifestText(text, 'kustomization.yaml')
  expect(loaded.findings).toEqual([])
  expect(loaded.manifests.every(isBuildFile)).toBe(true)
  const catalog = new SchemaCatalog()
  const engine = new GuardrailsEngine(activeGuardrails(platform, silentLogger), (a, k) =>
    catalog.scopeOf(a, k)
  )
  const all = await engine.evaluate(loaded.manifests, {
    environment: 'dev',
    namespace: 'checkout-dev',
    platform,
    logger: silentLogger
  })
  // Only the kustomization rule speaks about a build file.
  expect(all.every(f => f.rule === 'kustomization')).toBe(true)
  const lines = text.split('\n')
  return all
    .filter(f => f.result === 'fail')
    .map(f => `${lines[(f.position?.line ?? 0) - 1]?.trim()} | ${f.message}`)
}

describe('kustomization guardrail', () => {
  it('passes what render writes: local resources, the target namespace', async () => {
    expect(await findings({ resources: ['application.yaml', 'sub'] })).toEqual([])
    expect(await findings({ namespace: 'checkout-dev', resources: ['a.yaml'] })).toEqual([])
  })
  it("checks the kustomization's own schema: apiVersion, kind, resources as a list", async () => {
    expect(
      await findings({ apiVersion: 'kustomize.config.k8s.io/v1', resources: 'application.yaml' })
    ).toEqual([
      expect.stringMatching(/^apiVersion: kustomize.config.k8s.io\/v1 \| apiVersion .* refuses it/),
      expect.stringMatching(/^resources: application.yaml \| resources is not a list/)
    ])
    expect(await findings({ kind: 'Component', resources: [] })).toEqual([
      expect.stringMatching(/^kind: Component \| kind 'Component' is not Kustomization/)
    ])
  })
  it('refuses a secretGenerator in any form', async () => {
    const found = await findings({
      resources: [],
      secretGenerator: [
        { name: 's', literals: ['LOG_LEVEL=info'] },
        { name: 't', envs: ['x.env'] }
      ]
    })
    expect(found).toEqual([
      expect.stringMatching(/^- name: s \| secretGenerator puts a Secret's value in Git/),
      expect.stringMatching(/^- name: t \| secretGenerator puts a Secret's value in Git/)
    ])
  })
  it('refuses configMapGenerator literals that carry secrets, at the literal', async () => {
    const found = await findings({
      configMapGenerator: [
        {
          name: 'c',
          literals: ['LOG_LEVEL=info', 'DB_PASSWORD=hunter2hunter2', 'AWS_KEY=AKIAIOSFODNN7EXAMPLE']
        }
      ]
    })
    expect(found).toEqual([
      expect.stringMatching(
        /^- DB_PASSWORD=hunter2hunter2 \| configMapGenerator literal 'DB_PASSWORD'/
      ),
      expect.stringMatching(
        /^- AWS_KEY=AKIAIOSFODNN7EXAMPLE \| configMapGenerator literal 'AWS_KEY'/
      )
    ])
    expect(
      await findings({ configMapGenerator: [{ name: 'c', literals: ['LOG_LEVEL=info'] }] })
    ).toEqual([])
  })
  it('refuses a namespace other than the target, which would move every object', async () =>
    expect(await findings({ namespace: 'kube-system', resources: ['a.yaml'] })).toEqual([
      expect.stringMatching(/^namespace: kube-system \| namespace 'kube-system' would move/)
    ]))
  it.each([
    '../other-team/prod',
    '/etc/manifests',
    'https://github.com/evil/manifests//base?ref=main',
    'github.com/evil/manifests/base',
    'git::https://example.com/x.git',
    'sub/../../escape'
  ])('refuses a resource from outside the folder: %s', async entry =>
    expect(await findings({ resources: [entry] })).toEqual([
      expect.stringContaining('is outside this folder')
    ])
  )
  it.each([
    ['patches', [{ path: 'p.yaml' }]],
    ['helmCharts', [{ name: 'x', repo: 'https://charts.example.com' }]],
    ['transformers', ['t.yaml']],
    ['generators', ['g.yaml']],
    ['components', ['../c']],
    ['namePrefix', 'other-'],
    ['commonLabels', { 'app.kubernetes.io/name': 'payments' }],
    ['images', [{ name: 'x', newName: 'evil.io/x' }]]
  ])('refuses %s, which changes objects after validation', async (field, value) =>
    expect(await findings({ resources: [], [field]: value })).toEqual([
      expect.stringContaining(`${field} is not allowed`)
    ])
  )
})
