// The guardrails on a folder as render writes it: a finding on a rendered field lands on the idp.yaml
// line that wrote it (through the render record's source map), and folders without a record or with a
// record that disagrees with the platform are held to the platform's namespace pattern.
import { afterAll, describe, expect, it } from '@jest/globals'
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stringify } from 'yaml'
import { renderManifests } from '../../../render/render-manifests.js'
import { FIXED_SOURCE, tempDir } from '../../../render/testing.js'
import { RecordingLogger, silentLogger } from '../../../runtime/logger.js'
import { validateManifests } from '../../validate.js'
import type { ValidateSettings } from '../../validate.js'

const repo = join(dirname(fileURLToPath(import.meta.url)), '../../../../..')
const temps: (() => void)[] = []
afterAll(() => temps.forEach(remove => remove()))

function workspace(): string {
  const dir = tempDir('guardrails-rendered')
  temps.push(dir.remove)
  cpSync(join(repo, 'examples/platform'), join(dir.path, 'platform'), { recursive: true })
  return dir.path
}

const settings = (root: string, extra: Partial<ValidateSettings> = {}): ValidateSettings => ({
  workspace: root,
  manifests: ['rendered'],
  platformConfig: 'platform/platform.yaml',
  policies: [],
  crds: [],
  builtinPolicies: true,
  failOn: 'error',
  annotate: false,
  ...extra
})

const descriptor = (hostPath: string) => `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: checkout
  owner: team-payments
spec:
  components:
    - name: api
      type: webservice
      image: ghcr.io/acme/checkout
      traits:
        - type: storage
          properties:
            hostPath:
              - name: host
                path: ${hostPath}
                mountPath: /host
`

describe('Pod Security baseline through the source map', () => {
  const renderIn = (root: string, logger = new RecordingLogger()) =>
    renderManifests(
      {
        descriptor: 'idp.yaml',
        platformConfig: 'platform/platform.yaml',
        environment: 'dev',
        image: `ghcr.io/acme/checkout@sha256:${'a'.repeat(64)}`,
        outputDir: 'rendered',
        workspace: root,
        source: FIXED_SOURCE
      },
      logger
    )
  const lineOf = (root: string, hostPath: string) =>
    readFileSync(join(root, 'idp.yaml'), 'utf8')
      .split('\n')
      .indexOf(`                path: ${hostPath}`) + 1

  it.each(['/', '/run/containerd/containerd.sock', '/var/run/docker.sock'])(
    'render refuses a storage trait mounting %s at its idp.yaml line',
    async hostPath => {
      const root = workspace()
      writeFileSync(join(root, 'idp.yaml'), descriptor(hostPath))
      await expect(renderIn(root)).rejects.toMatchObject({
        problems: [
          expect.objectContaining({
            position: { file: 'idp.yaml', line: lineOf(root, hostPath), column: 23 },
            message: expect.stringContaining(`'${hostPath}'`)
          })
        ]
      })
    }
  )

  it.each(['/', '/run/containerd/containerd.sock', '/var/run/docker.sock'])(
    'set to warning by the platform, a storage trait mounting %s is a warning at its idp.yaml line in render and validate',
    async hostPath => {
      const root = workspace()
      const platformFile = join(root, 'platform/platform.yaml')
      writeFileSync(
        platformFile,
        readFileSync(platformFile, 'utf8').replace(
          /^spec:\n/m,
          "spec:\n  guardrails:\n    'pod-security-baseline': { severity: warning }\n"
        )
      )
      writeFileSync(join(root, 'idp.yaml'), descriptor(hostPath))
      const logger = new RecordingLogger()
      await renderIn(root, logger)
      const at = { file: 'idp.yaml', line: lineOf(root, hostPath), column: 23 }
      expect(logger.annotations).toEqual([
        expect.objectContaining({ level: 'warning', position: at })
      ])
      const outcome = await validateManifests(settings(root), silentLogger)
      const found = outcome.results.problems.filter(f => f.rule === 'pod-security-baseline')
      expect(found).toHaveLength(1)
      expect(found[0].position).toEqual(at)
      expect(found[0].severity).toBe('warning')
      expect(found[0].message).toContain(`'${hostPath}'`)
    }
  )
})

const guardrailProblems = (outcome: Awaited<ReturnType<typeof validateManifests>>) =>
  outcome.results.problems.filter(f => f.source === 'guardrail').map(f => [f.rule, f.message])

const configMap = (namespace: string) =>
  stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'c', namespace, labels: { 'idp.dev/owner': 'team-payments' } }
  })

describe('the namespace guardrail on every folder', () => {
  it("holds a folder without a render record to the platform's namespace pattern", async () => {
    const root = workspace()
    mkdirSync(join(root, 'rendered'))
    writeFileSync(join(root, 'rendered/a.yaml'), configMap('kube-system'))
    const outcome = await validateManifests(settings(root, { environment: 'dev' }), silentLogger)
    expect(guardrailProblems(outcome)).toEqual([
      [
        'namespace',
        "Namespace 'kube-system' does not match the platform's namespace pattern '{service}-dev'."
      ]
    ])
  })
  it('and to one namespace for all its objects', async () => {
    const root = workspace()
    mkdirSync(join(root, 'rendered'))
    writeFileSync(
      join(root, 'rendered/a.yaml'),
      [configMap('checkout-dev'), configMap('payments-dev')].join('---\n')
    )
    const outcome = await validateManifests(settings(root, { environment: 'dev' }), silentLogger)
    expect(guardrailProblems(outcome)).toEqual([
      [
        'namespace',
        "Namespace 'payments-dev' is not 'checkout-dev', the namespace of the folder's other objects; one folder is one service in one namespace."
      ]
    ])
  })
  it('passes a folder in one namespace that matches the pattern', async () => {
    const root = workspace()
    mkdirSync(join(root, 'rendered'))
    writeFileSync(
      join(root, 'rendered/a.yaml'),
      [configMap('checkout-dev'), configMap('checkout-dev')].join('---\n')
    )
    const outcome = await validateManifests(settings(root, { environment: 'dev' }), silentLogger)
    expect(guardrailProblems(outcome)).toEqual([])
  })

  const record = (fields: Record<string, string>) => ({
    service: 'checkout',
    environment: 'dev',
    namespace: 'checkout-dev',
    sourceMap: [],
    ...fields
  })
  it.each([
    [
      { namespace: 'kube-system' },
      "targets namespace \"kube-system\", but the platform's pattern '{service}-dev' gives 'checkout-dev'"
    ],
    [
      { service: 'Bad_Name', namespace: 'Bad_Name-dev' },
      'names service "Bad_Name", which is not a DNS-1123 label'
    ],
    [{ environment: 'qa' }, "environment 'qa', which the platform config does not define"]
  ])('refuses a render record that disagrees with the platform: %j', async (fields, message) => {
    const root = workspace()
    mkdirSync(join(root, 'rendered/.idp'), { recursive: true })
    writeFileSync(
      join(root, 'rendered/a.yaml'),
      configMap((fields as { namespace?: string }).namespace ?? 'checkout-dev')
    )
    writeFileSync(join(root, 'rendered/.idp/render.json'), JSON.stringify(record(fields)))
    await expect(validateManifests(settings(root), silentLogger)).rejects.toThrow(message)
  })
})
