import { describe, expect, it } from '@jest/globals'
import { stringify } from 'yaml'
import { silentLogger } from '../../runtime/logger.js'
import { parseManifestText } from '../manifest-documents.js'
import { ESO_RULES, ExternalSecretsEngine } from './external-secrets.js'

const remote = { remoteRef: { key: 'k' } }

async function failures(spec: Record<string, unknown>, kind = 'ExternalSecret') {
  const object =
    kind === 'ExternalSecret'
      ? { apiVersion: 'external-secrets.io/v1', kind, metadata: { name: 'es' }, spec }
      : {
          apiVersion: 'external-secrets.io/v1',
          kind,
          metadata: { name: 'ces' },
          spec: { externalSecretSpec: spec }
        }
  const manifests = parseManifestText(stringify(object), 'es.yaml').manifests
  const findings = await new ExternalSecretsEngine().evaluate(manifests, { logger: silentLogger })
  expect(
    findings.filter(f => f.result === 'pass').length +
      new Set(findings.filter(f => f.result === 'fail').map(f => f.rule)).size
  ).toBe(ESO_RULES.length)
  return findings.filter(f => f.result === 'fail').map(f => `${f.rule} ${f.manifest?.pointer}`)
}

const valid = {
  secretStoreRef: { name: 'vault', kind: 'ClusterSecretStore' },
  data: [{ secretKey: 'a', ...remote }]
}

describe('External Secrets webhook rules', () => {
  it('passes a valid ExternalSecret on every rule', async () => {
    expect(await failures(valid)).toEqual([])
  })

  it.each([
    [
      'neither data nor dataFrom',
      { secretStoreRef: valid.secretStoreRef },
      ['data-or-datafrom /spec']
    ],
    [
      'a dataFrom entry with no source',
      { dataFrom: [{ rewrite: [] }] },
      ['datafrom-one-source /spec/dataFrom/0']
    ],
    [
      'a dataFrom entry with two sources',
      { dataFrom: [{ extract: { key: 'a' }, find: { name: { regexp: '.*' } } }] },
      ['datafrom-one-source /spec/dataFrom/0']
    ],
    [
      'a sourceRef without storeRef or generatorRef',
      { data: [{ secretKey: 'a', ...remote, sourceRef: {} }] },
      ['source-ref /spec/data/0/sourceRef']
    ],
    [
      'deletionPolicy Delete with creationPolicy Merge',
      { ...valid, target: { creationPolicy: 'Merge', deletionPolicy: 'Delete' } },
      ['deletion-policy /spec/target/deletionPolicy']
    ],
    [
      'deletionPolicy Delete with creationPolicy None',
      { ...valid, target: { creationPolicy: 'None', deletionPolicy: 'Delete' } },
      ['deletion-policy /spec/target/deletionPolicy']
    ],
    [
      'deletionPolicy Merge with creationPolicy None',
      { ...valid, target: { creationPolicy: 'None', deletionPolicy: 'Merge' } },
      ['deletion-policy /spec/target/deletionPolicy']
    ],
    [
      'duplicate secretKeys with the default Retain',
      {
        data: [
          { secretKey: 'a', ...remote },
          { secretKey: 'a', ...remote }
        ]
      },
      ['duplicate-keys /spec/data/1/secretKey']
    ],
    [
      'a bootstrap token template',
      { ...valid, target: { template: { type: 'bootstrap.kubernetes.io/token' } } },
      ['template-type /spec/target/template/type']
    ],
    [
      'a service-account token template with the service-account annotation',
      {
        ...valid,
        target: {
          template: {
            type: 'kubernetes.io/service-account-token',
            metadata: { annotations: { 'kubernetes.io/service-account.name': 'x' } }
          }
        }
      },
      ['template-type /spec/target/template/type']
    ],
    [
      'a templateFrom target that a Secret lacks',
      { ...valid, target: { template: { templateFrom: [{ literal: 'x', target: 'Spec' }] } } },
      ['template-from-target /spec/target/template/templateFrom/0/target']
    ]
  ])('rejects %s', async (_name, spec, expected) => {
    expect(await failures(spec)).toEqual(expected)
  })

  it.each([
    [
      'duplicate keys with deletionPolicy Delete',
      {
        data: [
          { secretKey: 'a', ...remote },
          { secretKey: 'a', ...remote }
        ],
        target: { deletionPolicy: 'Delete' }
      }
    ],
    [
      'a generator source',
      {
        dataFrom: [
          {
            sourceRef: {
              generatorRef: {
                apiVersion: 'generators.external-secrets.io/v1alpha1',
                kind: 'Password',
                name: 'p'
              }
            }
          }
        ]
      }
    ],
    [
      'extract with a storeRef override',
      { dataFrom: [{ extract: { key: 'a' }, sourceRef: { storeRef: { name: 's' } } }] }
    ],
    [
      'deletionPolicy Delete with creationPolicy Orphan',
      { ...valid, target: { creationPolicy: 'Orphan', deletionPolicy: 'Delete' } }
    ],
    [
      'templateFrom into a ConfigMap manifest',
      {
        ...valid,
        target: {
          manifest: { apiVersion: 'v1', kind: 'ConfigMap' },
          template: { templateFrom: [{ literal: 'x', target: 'spec.data' }] }
        }
      }
    ]
  ])('accepts %s', async (_name, spec) => {
    expect(await failures(spec)).toEqual([])
  })

  it('checks the ExternalSecret spec a ClusterExternalSecret stamps out', async () => {
    expect(
      await failures({ secretStoreRef: valid.secretStoreRef }, 'ClusterExternalSecret')
    ).toEqual(['data-or-datafrom /spec/externalSecretSpec'])
  })
})
