import { describe, expect, it } from '@jest/globals'
import { Ajv } from 'ajv'
import { builtinComponentTypes } from './index.js'

const ajv = new Ajv({ strict: false, allErrors: true })

function errorsOf(type: string, properties: unknown): string[] {
  const validate = ajv.compile(builtinComponentTypes[type]!)
  if (validate(properties)) return []
  return (validate.errors ?? []).map(e => `${e.instancePath} ${e.message ?? ''}`.trim())
}

const probe = { httpGet: { path: '/healthz', port: 8080 }, initialDelaySeconds: 5 }

describe('builtinComponentTypes', () => {
  it('covers the four built-in workload types', () => {
    expect(Object.keys(builtinComponentTypes).sort()).toEqual([
      'cron-task',
      'task',
      'webservice',
      'worker'
    ])
    expect(Object.isFrozen(builtinComponentTypes.webservice)).toBe(true)
  })

  describe('webservice', () => {
    it('accepts a full property set', () => {
      expect(
        errorsOf('webservice', {
          image: 'ghcr.io/acme/checkout@sha256:abc',
          imagePullPolicy: 'IfNotPresent',
          ports: [
            { port: 8080, expose: true },
            { port: 9090, protocol: 'UDP', name: 'metrics' }
          ],
          exposeType: 'NodePort',
          env: [
            { name: 'MODE', value: 'prod' },
            { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }
          ],
          cpu: '500m',
          memory: '256Mi',
          limit: { cpu: '1' },
          labels: { team: 'payments' },
          volumeMounts: {
            configMap: [{ name: 'cfg', mountPath: '/etc/cfg', cmName: 'cfg', subPath: 'a.yaml' }],
            emptyDir: [{ name: 'tmp', mountPath: '/tmp', medium: 'Memory' }]
          },
          volumes: [
            { name: 'data', mountPath: '/data', type: 'pvc', claimName: 'data' },
            { name: 'scratch', mountPath: '/scratch' }
          ],
          livenessProbe: probe,
          readinessProbe: { tcpSocket: { port: 8080 } },
          hostAliases: [{ ip: '10.0.0.1', hostnames: ['db.local'] }]
        })
      ).toEqual([])
    })

    it('rejects an unknown exposeType, a missing image and unknown keys', () => {
      expect(errorsOf('webservice', { image: 'x', exposeType: 'Foo' })).toContain(
        '/exposeType must be equal to one of the allowed values'
      )
      expect(errorsOf('webservice', { ports: [{ port: 80 }] })).toContain(
        "must have required property 'image'"
      )
      expect(errorsOf('webservice', { image: 'x', replicas: 2 })).toContain(
        'must NOT have additional properties'
      )
    })

    it('rejects ports without a number, fractional ports and bad protocols', () => {
      expect(errorsOf('webservice', { image: 'x', ports: [{ expose: true }] })).toContain(
        "/ports/0 must have required property 'port'"
      )
      expect(errorsOf('webservice', { image: 'x', ports: [{ port: 80.5 }] })).toContain(
        '/ports/0/port must be integer'
      )
      expect(
        errorsOf('webservice', { image: 'x', ports: [{ port: 80, protocol: 'HTTP' }] })
      ).toContain('/ports/0/protocol must be equal to one of the allowed values')
    })

    it('rejects a probe with no handler or two handlers', () => {
      expect(
        errorsOf('webservice', { image: 'x', livenessProbe: { periodSeconds: 5 } })
      ).not.toEqual([])
      expect(
        errorsOf('webservice', {
          image: 'x',
          readinessProbe: { tcpSocket: { port: 1 }, exec: { command: ['true'] } }
        })
      ).not.toEqual([])
    })

    it('ties the conditional fields of the deprecated volumes list to their type', () => {
      expect(
        errorsOf('webservice', {
          image: 'x',
          volumes: [{ name: 'a', mountPath: '/a', type: 'pvc' }]
        })
      ).toContain("/volumes/0 must have required property 'claimName'")
      // `cmName` only exists under `if type == "configMap"`; the default type is emptyDir.
      expect(
        errorsOf('webservice', {
          image: 'x',
          volumes: [{ name: 'a', mountPath: '/a', cmName: 'c' }]
        })
      ).toContain('/volumes/0 must NOT have additional properties')
      expect(
        errorsOf('webservice', {
          image: 'x',
          volumes: [
            {
              name: 'a',
              mountPath: '/a',
              type: 'secret',
              secretName: 's',
              items: [{ key: 'k', path: 'p' }]
            }
          ]
        })
      ).toEqual([])
    })
  })

  describe('worker', () => {
    it('accepts any imagePullPolicy string and subPath-free mounts', () => {
      expect(
        errorsOf('worker', {
          image: 'x',
          imagePullPolicy: 'Whatever',
          cmd: ['run'],
          volumeMounts: { hostPath: [{ name: 'h', mountPath: '/h', path: '/var/h' }] }
        })
      ).toEqual([])
    })

    it('rejects ports, args and subPath, which worker does not take', () => {
      expect(errorsOf('worker', { image: 'x', ports: [{ port: 80 }] })).toContain(
        'must NOT have additional properties'
      )
      expect(errorsOf('worker', { image: 'x', args: ['a'] })).toContain(
        'must NOT have additional properties'
      )
      expect(
        errorsOf('worker', {
          image: 'x',
          volumeMounts: { emptyDir: [{ name: 'e', mountPath: '/e', subPath: 's' }] }
        })
      ).toContain('/volumeMounts/emptyDir/0 must NOT have additional properties')
    })
  })

  describe('task', () => {
    it('accepts a job with count and restart', () => {
      expect(
        errorsOf('task', { image: 'x', count: 3, restart: 'OnFailure', cmd: ['migrate'] })
      ).toEqual([])
    })

    it('rejects a non-integer count and volumeMounts, which task does not take', () => {
      expect(errorsOf('task', { image: 'x', count: '3' })).toContain('/count must be integer')
      expect(errorsOf('task', { image: 'x', volumeMounts: {} })).toContain(
        'must NOT have additional properties'
      )
    })
  })

  describe('cron-task', () => {
    it('accepts a scheduled job', () => {
      expect(
        errorsOf('cron-task', {
          image: 'x',
          schedule: '*/5 * * * *',
          concurrencyPolicy: 'Forbid',
          backoffLimit: 2,
          ttlSecondsAfterFinished: 600,
          annotations: { owner: 'ops' }
        })
      ).toEqual([])
    })

    it('rejects a missing schedule and an unknown concurrencyPolicy', () => {
      expect(errorsOf('cron-task', { image: 'x' })).toContain(
        "must have required property 'schedule'"
      )
      expect(
        errorsOf('cron-task', { image: 'x', schedule: '@daily', concurrencyPolicy: 'Queue' })
      ).toContain('/concurrencyPolicy must be equal to one of the allowed values')
    })
  })
})
