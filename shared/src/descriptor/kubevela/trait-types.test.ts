import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { builtinTraitTypes } from './index.js'

const ajv = new Ajv({ strict: false, allErrors: true })

function errorsOf(trait: string, properties: unknown): string[] {
  const validate = ajv.compile(builtinTraitTypes[trait]!)
  if (validate(properties)) return []
  return (validate.errors ?? []).map(e => `${e.instancePath} ${e.message ?? ''}`.trim())
}

describe('builtinTraitTypes', () => {
  it('covers the eight built-in traits idp uses', () => {
    expect(Object.keys(builtinTraitTypes).sort()).toEqual([
      'annotations',
      'cpuscaler',
      'env',
      'gateway',
      'labels',
      'scaler',
      'sidecar',
      'storage'
    ])
  })

  it('gateway: needs an http map of integer ports and a known pathType', () => {
    expect(
      errorsOf('gateway', {
        domain: 'checkout.example.com',
        http: { '/': 8080, '/api': 9090 },
        classInSpec: true,
        secretName: 'checkout-tls',
        pathType: 'Prefix',
        annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' }
      })
    ).toEqual([])
    expect(errorsOf('gateway', { domain: 'a.example.com' })).toContain(
      "must have required property 'http'"
    )
    expect(errorsOf('gateway', { http: { '/': '8080' } })).toContain('/http/~1 must be integer')
    expect(errorsOf('gateway', { http: { '/': 80 }, pathType: 'Regex' })).toContain(
      '/pathType must be equal to one of the allowed values'
    )
  })

  it('scaler: takes an integer replica count only', () => {
    expect(errorsOf('scaler', { replicas: 3 })).toEqual([])
    expect(errorsOf('scaler', {})).toEqual([])
    expect(errorsOf('scaler', { replicas: 'x' })).toContain('/replicas must be integer')
    expect(errorsOf('scaler', { replica: 2 })).toContain('must NOT have additional properties')
  })

  it('cpuscaler: integer bounds and utilization', () => {
    expect(
      errorsOf('cpuscaler', { min: 2, max: 5, cpuUtil: 70, targetKind: 'StatefulSet' })
    ).toEqual([])
    expect(errorsOf('cpuscaler', { cpuUtil: 0.7 })).toContain('/cpuUtil must be integer')
  })

  it('labels and annotations: string values, null to delete', () => {
    expect(errorsOf('labels', { team: 'payments', old: null })).toEqual([])
    expect(errorsOf('labels', { replicas: 2 })).toContain('/replicas must be string,null')
    expect(errorsOf('annotations', { 'a.example.com/x': 'y' })).toEqual([])
    expect(errorsOf('annotations', { flag: true })).toContain('/flag must be string,null')
  })

  it('storage: accepts every volume kind and checks the PVC size pattern', () => {
    expect(
      errorsOf('storage', {
        pvc: [
          {
            name: 'data',
            mountPath: '/data',
            storageClassName: 'fast',
            resources: { requests: { storage: '20Gi' }, limits: { storage: '40Gi' } },
            selector: { matchLabels: { tier: 'db' } }
          }
        ],
        configMap: [
          { name: 'cfg', mountOnly: true, mountToEnv: { envName: 'A', configMapKey: 'a' } }
        ],
        secret: [
          {
            name: 'creds',
            mountOnly: true,
            mountPath: '/creds',
            mountToEnvs: [{ envName: 'P', secretKey: 'p' }]
          }
        ],
        emptyDir: [{ name: 'tmp', mountPath: '/tmp' }],
        hostPath: [{ name: 'sock', path: '/var/run/x.sock', mountPath: '/x.sock', type: 'Socket' }]
      })
    ).toEqual([])
    expect(
      errorsOf('storage', {
        pvc: [{ name: 'd', mountPath: '/d', resources: { requests: { storage: '20GB' } } }]
      })
    ).toContain(
      '/pvc/0/resources/requests/storage must match pattern "^([1-9][0-9]{0,63})(E|P|T|G|M|K|Ei|Pi|Ti|Gi|Mi|Ki)$"'
    )
    expect(errorsOf('storage', { secret: [{ name: 's' }] })).toContain(
      "/secret/0 must have required property 'mountPath'"
    )
    expect(
      errorsOf('storage', { hostPath: [{ name: 'h', path: '/h', mountPath: '/h', type: 'Pipe' }] })
    ).toContain('/hostPath/0/type must be equal to one of the allowed values')
  })

  it('storage: secret and configMap data stay open structs', () => {
    expect(
      errorsOf('storage', {
        secret: [{ name: 's', mountPath: '/s', stringData: { any: 'thing', n: 1 } }]
      })
    ).toEqual([])
  })

  it('sidecar: needs a name and an image; env may use fieldRef', () => {
    expect(
      errorsOf('sidecar', {
        name: 'proxy',
        image: 'envoyproxy/envoy:v1.31',
        args: ['-c', '/etc/envoy.yaml'],
        env: [{ name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } }],
        volumes: [{ name: 'cfg', path: '/etc/envoy' }],
        readinessProbe: { httpGet: { path: '/ready', port: 9901 } }
      })
    ).toEqual([])
    expect(errorsOf('sidecar', { image: 'busybox' })).toContain(
      "must have required property 'name'"
    )
    expect(
      errorsOf('sidecar', {
        name: 'p',
        image: 'i',
        readinessProbe: { httpGet: { path: '/', port: 1, scheme: 'HTTPS' } }
      })
    ).toContain('/readinessProbe/httpGet must NOT have additional properties')
  })

  it('env: one container or a containers list, never both', () => {
    expect(errorsOf('env', { env: { MODE: 'prod' }, unset: ['DEBUG'] })).toEqual([])
    expect(
      errorsOf('env', {
        containers: [
          { containerName: 'app', env: { A: '1' } },
          { containerName: 'side', env: {}, replace: true }
        ]
      })
    ).toEqual([])
    expect(errorsOf('env', { env: { A: '1' }, containers: [] })).not.toEqual([])
    expect(errorsOf('env', { containers: [{ env: { A: '1' } }] })).not.toEqual([])
    expect(errorsOf('env', { containers: [{ containerName: '', env: { A: '1' } }] })).not.toEqual(
      []
    )
    expect(errorsOf('env', { env: { PORT: 8080 } })).not.toEqual([])
  })
})
