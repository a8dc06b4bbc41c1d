// The validate-policy engine: policy files in, findings out, placed on the failing field's line.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseManifestText } from '../manifest-documents.js'
import { RecordingLogger } from '../../runtime/logger.js'
import { loadKyvernoEngine } from './index.js'

let dir: string

const policies = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: disallow-latest-tag
  annotations:
    policies.kyverno.io/title: Disallow Latest Tag
    policies.kyverno.io/category: Best Practices
    policies.kyverno.io/description: Pin image tags.
    policies.kyverno.io/severity: medium
spec:
  validationFailureAction: Audit
  rules:
  - name: validate-image-tag
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      failureAction: Enforce
      message: "An image tag other than latest is required in this {{ request.object.kind }}."
      pattern:
        spec:
          containers:
          - image: "!*:latest"
  - name: require-team-label
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      message: "label team is required"
      pattern:
        metadata:
          labels:
            team: "?*"
---
apiVersion: policies.kyverno.io/v1alpha1
kind: MutatingPolicy
metadata:
  name: mutate-one
spec: {}
`
const manifest = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    team: shop
spec:
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx:latest
`

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'idp-kyverno-'))
  writeFileSync(join(dir, 'policies.yaml'), policies)
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('loadKyvernoEngine', () => {
  it('loads a folder of policies and warns about kinds it does not evaluate', async () => {
    const logger = new RecordingLogger()
    const engine = await loadKyvernoEngine([dir], logger)
    expect(engine.name).toBe('kyverno')
    expect(logger.text()).toMatch(/MutatingPolicy 'mutate-one' is not evaluated offline yet/)
  })

  it('yields findings with policy annotations, failure-action severity and the failing line', async () => {
    const logger = new RecordingLogger()
    const engine = await loadKyvernoEngine([join(dir, 'policies.yaml')], logger)
    const { manifests } = parseManifestText(manifest, 'rendered/deployment.yaml')
    const findings = await engine.evaluate(manifests, { logger, namespace: 'shop' })
    const fail = findings.find(f => f.rule === 'autogen-validate-image-tag')!
    expect(fail).toMatchObject({
      source: 'kyverno',
      policy: 'disallow-latest-tag',
      result: 'fail',
      severity: 'error',
      title: 'Disallow Latest Tag',
      category: 'Best Practices',
      help: 'Pin image tags.',
      policySeverity: 'medium',
      message: 'An image tag other than latest is required in this Deployment.',
      resource: { kind: 'Deployment', name: 'web' },
      manifest: {
        file: 'rendered/deployment.yaml',
        pointer: '/spec/template/spec/containers/0/image'
      }
    })
    expect(fail.position).toEqual({ file: 'rendered/deployment.yaml', line: 15, column: 16 })
    // The template has no team label: the Audit rule fails as a warning, on the labels' parent.
    const audit = findings.find(f => f.rule === 'autogen-require-team-label')!
    expect(audit).toMatchObject({ result: 'fail', severity: 'warning' })
  })

  it('a failing foreach element lands on that element, with element variables in the message', async () => {
    const file = join(dir, 'foreach.yaml')
    writeFileSync(
      file,
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: no-latest-components
spec:
  validationFailureAction: Enforce
  rules:
  - name: components
    match:
      any:
      - resources:
          kinds: [Application]
    validate:
      message: "Component {{ element.name }} uses {{ element.properties.image }}."
      foreach:
      - list: request.object.spec.components
        deny:
          conditions:
            any:
            - key: "{{ element.properties.image || '' }}"
              operator: Equals
              value: "*:latest"
  - name: container-images
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      foreach:
      - list: request.object.spec.containers
        pattern:
          image: "!*:latest"
`
    )
    const engine = await loadKyvernoEngine([file], new RecordingLogger())
    const app = `apiVersion: core.oam.dev/v1beta1
kind: Application
metadata:
  name: shop
spec:
  components:
  - name: api
    properties:
      image: shop/api:1.2
  - name: web
    properties:
      image: shop/web:latest
`
    const { manifests } = parseManifestText(app, 'app.yaml')
    const [finding] = await engine.evaluate(manifests, { logger: new RecordingLogger() })
    expect(finding).toMatchObject({
      result: 'fail',
      message: 'Component web uses shop/web:latest.',
      manifest: { pointer: '/spec/components/1' }
    })
    expect(finding.position?.line).toBe(10)
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: a\n    image: a:1\n  - name: b\n    image: b:latest\n'
    const [podFinding] = await engine.evaluate(parseManifestText(pod, 'pod.yaml').manifests, {
      logger: new RecordingLogger()
    })
    expect(podFinding).toMatchObject({
      result: 'fail',
      manifest: { pointer: '/spec/containers/1/image' }
    })
    expect(podFinding.position?.line).toBe(10)
  })

  it('passes are findings too, with severity info', async () => {
    const engine = await loadKyvernoEngine([join(dir, 'policies.yaml')], new RecordingLogger())
    const { manifests } = parseManifestText(
      manifest.replace('nginx:latest', 'nginx:1.27'),
      'd.yaml'
    )
    const findings = await engine.evaluate(manifests, { logger: new RecordingLogger() })
    expect(findings.find(f => f.rule === 'autogen-validate-image-tag')).toMatchObject({
      result: 'pass',
      severity: 'info'
    })
  })

  it('applies ValidatingPolicy (with pod-controller autogen) and ValidatingAdmissionPolicy files', async () => {
    const file = join(dir, 'cel.yaml')
    writeFileSync(
      file,
      `apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata:
  name: no-latest
  annotations:
    policies.kyverno.io/title: No latest
spec:
  validationActions: [Deny]
  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: [v1]
      operations: [CREATE, UPDATE]
      resources: [pods]
  validations:
  - expression: "object.spec.containers.all(c, !c.image.endsWith(':latest'))"
    message: Pin the image tag.
    fieldPath: spec.containers[0].image
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: replicas
spec:
  paramKind: {apiVersion: v1, kind: ConfigMap}
  matchConstraints:
    resourceRules:
    - apiGroups: [apps]
      apiVersions: [v1]
      operations: [CREATE]
      resources: [deployments]
  validations:
  - expression: "object.spec.replicas <= int(params.data.max)"
    messageExpression: "'at most ' + params.data.max + ' replicas'"
    fieldPath: spec.replicas
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: replicas-binding
spec:
  policyName: replicas
  validationActions: [Warn]
  paramRef: {name: limits, namespace: shop}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: limits, namespace: shop}
data: {max: "2"}
`
    )
    const logger = new RecordingLogger()
    const engine = await loadKyvernoEngine([file], logger)
    expect(logger.text()).not.toMatch(/not evaluated offline/)
    const { manifests } = parseManifestText(
      manifest.replace('spec:\n  template:', 'spec:\n  replicas: 5\n  template:'),
      'rendered/deployment.yaml'
    )
    const findings = await engine.evaluate(manifests, { logger, namespace: 'shop' })
    // The autogen variant reads the template; its fieldPath is the pod's, as Kyverno rewrites only expressions.
    expect(findings.find(f => f.policy === 'no-latest')).toMatchObject({
      result: 'fail',
      severity: 'error',
      title: 'No latest',
      message: 'Pin the image tag.'
    })
    const replicas = findings.find(f => f.policy === 'replicas')!
    expect(replicas).toMatchObject({
      rule: 'replicas-binding',
      result: 'fail',
      severity: 'warning',
      message: 'at most 2 replicas',
      manifest: { pointer: '/spec/replicas' }
    })
    expect(replicas.position?.line).toBe(8)
  })

  it('a policy annotated policies.kyverno.io/scored: "false" reports failures as warnings', async () => {
    const file = join(dir, 'scored.yaml')
    writeFileSync(
      file,
      policies
        .split('---')[0]
        .replace(
          '    policies.kyverno.io/severity: medium\n',
          '    policies.kyverno.io/severity: medium\n    policies.kyverno.io/scored: "false"\n'
        )
    )
    const engine = await loadKyvernoEngine([file], new RecordingLogger())
    const findings = await engine.evaluate(parseManifestText(manifest, 'd.yaml').manifests, {
      logger: new RecordingLogger()
    })
    expect(findings.find(f => f.rule === 'autogen-validate-image-tag')).toMatchObject({
      result: 'warn',
      severity: 'warning'
    })
    rmSync(file)
  })

  it('a failing validate.cel expression with a fieldPath lands on that field', async () => {
    const file = join(dir, 'cel-rule.yaml')
    writeFileSync(
      file,
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: replicas
spec:
  validationFailureAction: Enforce
  rules:
  - name: at-most-two
    match:
      any:
      - resources:
          kinds: [Deployment]
    validate:
      cel:
        expressions:
        - expression: "object.spec.replicas <= 2"
          message: at most two replicas
          fieldPath: spec.replicas
`
    )
    const engine = await loadKyvernoEngine([file], new RecordingLogger())
    const { manifests } = parseManifestText(
      manifest.replace('spec:\n  template:', 'spec:\n  replicas: 5\n  template:'),
      'd.yaml'
    )
    const [finding] = await engine.evaluate(manifests, { logger: new RecordingLogger() })
    expect(finding).toMatchObject({
      rule: 'at-most-two',
      result: 'fail',
      severity: 'error',
      message: 'at most two replicas',
      manifest: { pointer: '/spec/replicas' }
    })
    expect(finding.position?.line).toBe(8)
    rmSync(file)
  })

  it('a CEL policy whose expression does not compile is a user error at its line', async () => {
    const file = join(dir, 'broken-cel.yaml')
    writeFileSync(
      file,
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n---\napiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: broken\nspec:\n  matchConstraints:\n    resourceRules:\n    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}\n  validations:\n  - expression: "object.spec.("\n'
    )
    await expect(loadKyvernoEngine([file], new RecordingLogger())).rejects.toThrow(
      /broken-cel\.yaml:5:1: ValidatingPolicy 'broken': a CEL expression does not compile/
    )
    rmSync(file)
  })

  it('a validate.cel rule whose expression does not compile is a user error at its policy', async () => {
    const file = join(dir, 'broken-rule.yaml')
    writeFileSync(
      file,
      'apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata:\n  name: broken-rule\nspec:\n  rules:\n  - name: r\n    match:\n      any:\n      - resources: {kinds: [Pod]}\n    validate:\n      cel:\n        expressions:\n        - expression: "object.("\n'
    )
    await expect(loadKyvernoEngine([file], new RecordingLogger())).rejects.toThrow(
      /broken-rule\.yaml:1:1: ClusterPolicy 'broken-rule' rule 'r': a CEL expression does not compile/
    )
    rmSync(file)
  })

  it('a policy file that is not valid YAML is a user error with file:line', async () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'kind: ClusterPolicy\nspec: [\n')
    await expect(loadKyvernoEngine([bad], new RecordingLogger())).rejects.toThrow(
      /bad\.yaml:\d+:\d+: YAML syntax error/
    )
    rmSync(bad)
  })
})
