// `idp policy test`: a real folder with a policy, resources, a values file and a kyverno-test.yaml,
// compared the way `kyverno test` compares (resources by name, autogen rule names, skip vs no response).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { formatReport, formatTally, policyTestCommand } from '../../commands/policy-test.js'
import { captureCli } from '../../render/testing.js'
import { RecordingLogger } from '../../runtime/logger.js'
import { runTests } from './test-runner.js'

let root: string

const policy = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: disallow-latest
  annotations:
    policies.kyverno.io/title: Disallow latest
spec:
  validationFailureAction: Enforce
  rules:
  - name: no-latest
    match:
      any:
      - resources:
          kinds: [Pod]
    validate:
      message: "latest is not allowed in {{ request.object.metadata.name }}"
      pattern:
        spec:
          containers:
          - image: "!*:latest"
  - name: allowed-priority
    match:
      any:
      - resources:
          kinds: [Pod]
    context:
    - name: prio
      configMap:
        name: priorities
        namespace: default
    preconditions:
      all:
      - key: "{{ request.object.spec.priorityClassName || '' }}"
        operator: NotEquals
        value: ""
    validate:
      deny:
        conditions:
          any:
          - key: "{{ request.object.spec.priorityClassName }}"
            operator: AnyNotIn
            value: "{{ prio.data.allowed }}"
`
const resources = `apiVersion: v1
kind: Pod
metadata:
  name: good
spec:
  priorityClassName: high
  containers:
  - name: a
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  priorityClassName: urgent
  containers:
  - name: a
    image: nginx:latest
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: bad-deploy
spec:
  template:
    spec:
      containers:
      - name: a
        image: nginx:latest
`
const values = `apiVersion: cli.kyverno.io/v1alpha1
kind: Values
policies:
- name: disallow-latest
  rules:
  - name: allowed-priority
    values:
      prio.data.allowed: '["high", "low"]'
`
const test = (extra = '') => `apiVersion: cli.kyverno.io/v1alpha1
kind: Test
metadata:
  name: disallow-latest
policies:
- ../policy.yaml
resources:
- resources.yaml
variables: values.yaml
results:
- policy: disallow-latest
  rule: no-latest
  resources: [good]
  kind: Pod
  result: pass
- policy: disallow-latest
  rule: no-latest
  resources: [bad, bad-deploy]
  kind: Pod
  result: fail
- policy: disallow-latest
  rule: allowed-priority
  resources: [good]
  kind: Pod
  result: pass
- policy: disallow-latest
  rule: allowed-priority
  resources: [bad]
  kind: Pod
  result: fail
${extra}`

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'idp-policy-test-'))
  for (const name of ['ok', 'wrong']) {
    mkdirSync(join(root, name, '.kyverno-test'), { recursive: true })
    writeFileSync(join(root, name, 'policy.yaml'), policy)
    writeFileSync(join(root, name, '.kyverno-test', 'resources.yaml'), resources)
    writeFileSync(join(root, name, '.kyverno-test', 'values.yaml'), values)
  }
  writeFileSync(join(root, 'ok', '.kyverno-test', 'kyverno-test.yaml'), test())
  writeFileSync(
    join(root, 'wrong', '.kyverno-test', 'kyverno-test.yaml'),
    test(`- policy: disallow-latest
  rule: no-latest
  resources: [good]
  kind: Pod
  result: fail
- policy: disallow-latest
  rule: no-latest
  resources: [bad-deploy]
  kind: Deployment
  result: skip
`)
  )
})
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('runTests', () => {
  it('agrees on every expected result of a correct test (autogen rules answer for the Deployment)', () => {
    const summary = runTests(join(root, 'ok'), new RecordingLogger())
    expect(summary).toMatchObject({ passed: 5, failed: 0, skipped: 0, files: 1 })
  })
  it('reports disagreements with the actual result and why', () => {
    const summary = runTests(join(root, 'wrong'), new RecordingLogger())
    expect(summary.failed).toBe(2)
    const wrong = summary.comparisons.filter(c => c.verdict === 'fail')
    expect(wrong[0]).toMatchObject({ resource: 'good', expected: 'fail', actual: 'pass' })
    expect(wrong[1]).toMatchObject({ resource: 'bad-deploy', expected: 'skip', actual: 'fail' })
    expect(wrong[1].line).toBeGreaterThan(1)
  })
  it('counts a resource the named rule gave no response for as passed (kyverno test: Excluded), a resource not loaded as failed (Not found)', () => {
    const dir = join(root, 'excluded', '.kyverno-test')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(root, 'excluded', 'policy.yaml'), policy)
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(join(dir, 'values.yaml'), values)
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      test(`- policy: disallow-latest
  rule: renamed-rule
  resources: [bad]
  kind: Pod
  result: fail
- policy: disallow-latest
  rule: no-latest
  resources: [not-loaded]
  kind: Pod
  result: pass
`)
    )
    const summary = runTests(join(root, 'excluded'), new RecordingLogger())
    const excluded = summary.comparisons.find(c => c.rule === 'renamed-rule')!
    expect(excluded).toMatchObject({ verdict: 'pass', actual: 'excluded' })
    expect(excluded.reason).toMatch(/no rule named 'renamed-rule'.*Excluded/)
    expect(summary.comparisons.find(c => c.resource === 'not-loaded')).toMatchObject({
      verdict: 'fail'
    })
    expect(formatTally(summary)).toMatch(
      /1 passed as excluded \(policy disallow-latest has no rule named 'renamed-rule'/
    )
    rmSync(join(root, 'excluded'), { recursive: true, force: true })
  })
  it('reads the older untyped form (name, resource, status, namespace)', () => {
    const dir = join(root, 'old', '.kyverno-test')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(root, 'old', 'policy.yaml'), policy)
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'name: old\npolicies: [../policy.yaml]\nresources: [resources.yaml]\nresults:\n- policy: disallow-latest\n  rule: no-latest\n  resource: bad\n  namespace: default\n  kind: Pod\n  status: fail\n'
    )
    expect(runTests(join(root, 'old'), new RecordingLogger())).toMatchObject({
      passed: 1,
      failed: 0
    })
    rmSync(join(root, 'old'), { recursive: true, force: true })
  })
  it('counts what the engine cannot evaluate as skipped, never as agreement', () => {
    const dir = join(root, 'vpol', '.kyverno-test')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(root, 'vpol', 'policy.yaml'),
      'apiVersion: policies.kyverno.io/v1alpha1\nkind: MutatingPolicy\nmetadata:\n  name: v\nspec: {}\n'
    )
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: v\npolicies: [../policy.yaml]\nresources: [resources.yaml]\nresults:\n- policy: v\n  resources: [good]\n  kind: Pod\n  result: pass\n'
    )
    const summary = runTests(join(root, 'vpol'), new RecordingLogger())
    expect(summary).toMatchObject({ passed: 0, failed: 0, skipped: 1 })
    expect(summary.comparisons[0].reason).toBe('unsupported MutatingPolicy')
  })
})

describe('CEL policy kinds', () => {
  const labelsPolicy = `apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata:
  name: frozen-labels
spec:
  matchConstraints:
    resourceRules:
    - apiGroups: [""]
      apiVersions: [v1]
      operations: [UPDATE]
      resources: [pods]
  validations:
  - expression: "oldObject.metadata.?labels.orValue({}) == object.metadata.?labels.orValue({})"
    message: labels are frozen
`
  const pod = (labels: string) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {${labels}}\nspec:\n  containers: [{name: c, image: nginx}]\n`
  it('oldResources give an UPDATE its oldObject; resourceOperation names the operation', () => {
    const dir = join(root, 'cel-update')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'policy.yaml'), labelsPolicy)
    writeFileSync(join(dir, 'new.yaml'), pod('app: web, tier: x'))
    writeFileSync(join(dir, 'old.yaml'), pod('app: web'))
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: u\npolicies: [policy.yaml]\nresources: [new.yaml]\noldResources: [old.yaml]\nresults:\n- policy: frozen-labels\n  resources: [web]\n  kind: Pod\n  resourceOperation: UPDATE\n  result: fail\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 1, failed: 0, skipped: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
  it('inline values set the operation; without an old state UPDATE compares the object with itself', () => {
    const dir = join(root, 'cel-inline')
    mkdirSync(dir, { recursive: true })
    writeFileSync(join(dir, 'policy.yaml'), labelsPolicy)
    writeFileSync(join(dir, 'new.yaml'), pod('app: web'))
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: u\npolicies: [policy.yaml]\nresources: [new.yaml]\nvalues:\n  globalValues:\n    request.operation: UPDATE\nresults:\n- policy: frozen-labels\n  resources: [web]\n  kind: Pod\n  result: pass\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 1, failed: 0, skipped: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('JSON payloads', () => {
  it('JSON-mode ValidatingPolicies check the jsonPayloads, Kubernetes-mode ones the resources', () => {
    const dir = join(root, 'cel-json')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      'apiVersion: policies.kyverno.io/v1alpha1\nkind: ValidatingPolicy\nmetadata:\n  name: no-root-user\nspec:\n  evaluation:\n    mode: JSON\n  validations:\n  - expression: "object.config.user != \'root\'"\n'
    )
    writeFileSync(join(dir, 'image.json'), '{"config": {"user": "root"}}')
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: j\npolicies: [policy.yaml]\njsonPayloads: [image.json]\nresults:\n- policy: no-root-user\n  kind: ""\n  result: fail\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 1, failed: 0, skipped: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('mocked HTTP', () => {
  it("apiCallResponses answer CEL's http.Post with the mocked response; an unmocked call is an error", () => {
    const dir = join(root, 'cel-http')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      'apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: authz\nspec:\n  matchConstraints:\n    resourceRules:\n    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}\n  validations:\n  - expression: "http.Post(\'https://authz.example/check\', {\'name\': object.metadata.name}).body.allowed == true"\n'
    )
    writeFileSync(join(dir, 'resources.yaml'), resources)
    const test = (mock: string, expected: string) =>
      writeFileSync(
        join(dir, 'kyverno-test.yaml'),
        `apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: h\npolicies: [policy.yaml]\nresources: [resources.yaml]\n${mock}results:\n- policy: authz\n  resources: [good]\n  kind: Pod\n  result: ${expected}\n`
      )
    test(
      'apiCallResponses:\n- method: POST\n  url: https://authz.example/check\n  response: {statusCode: 200, body: {allowed: false}}\n',
      'fail'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 1, failed: 0 })
    test('', 'error')
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 1, failed: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('mocked global context', () => {
  it('globalContextEntries answer globalContext.Get, narrowed by fieldPath and shaped by projections', () => {
    const dir = join(root, 'cel-gctx')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      'apiVersion: policies.kyverno.io/v1\nkind: ValidatingPolicy\nmetadata:\n  name: known-apps\nspec:\n  matchConstraints:\n    resourceRules:\n    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}\n  validations:\n  - expression: "object.metadata.name in globalContext.Get(\'apps\', \'names\')"\n'
    )
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: g\npolicies: [policy.yaml]\nresources: [resources.yaml]\nglobalContextEntries:\n- name: apps\n  data: {list: {items: [{name: good}, {name: other}]}}\n  fieldPath: list\n  projections:\n  - name: names\n    path: items[].name\nresults:\n- policy: known-apps\n  resources: [good]\n  kind: Pod\n  result: pass\n- policy: known-apps\n  resources: [bad]\n  kind: Pod\n  result: fail\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 2, failed: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('scored: false', () => {
  it('a policy annotated policies.kyverno.io/scored: "false" reports a failure as warn', () => {
    const dir = join(root, 'scored')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      policy.replace(
        '  annotations:\n',
        '  annotations:\n    policies.kyverno.io/scored: "false"\n'
      )
    )
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: s\npolicies: [policy.yaml]\nresources: [resources.yaml]\nresults:\n- policy: disallow-latest\n  rule: no-latest\n  resources: [bad]\n  kind: Pod\n  result: warn\n- policy: disallow-latest\n  rule: no-latest\n  resources: [good]\n  kind: Pod\n  result: pass\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 2, failed: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('context entries answered offline', () => {
  it('configMap and apiCall urlPath from clusterResources, apiCall service from apiCallResponses, globalReference from globalContextEntries', () => {
    const dir = join(root, 'offline-context')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: offline
spec:
  validationFailureAction: Enforce
  rules:
  - name: all-sources
    match:
      any:
      - resources:
          kinds: [Pod]
    context:
    - name: limits
      configMap: {name: limits, namespace: default}
    - name: podCount
      apiCall:
        urlPath: "/api/v1/namespaces/{{ request.namespace }}/pods"
        jmesPath: "items | length(@)"
    - name: allowed
      apiCall:
        service: {url: "https://policy.example/allowed"}
        jmesPath: "names"
    - name: teams
      globalReference: {name: teams, jmesPath: "list"}
    validate:
      deny:
        conditions:
          any:
          - key: "{{ request.object.metadata.name }}"
            operator: AnyNotIn
            value: "{{ allowed }}"
          - key: "{{ podCount }}"
            operator: GreaterThan
            value: "{{ limits.data.maxPods }}"
          - key: "{{ request.object.metadata.labels.team || 'none' }}"
            operator: AnyNotIn
            value: "{{ teams }}"
`
    )
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(
      join(dir, 'cluster.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits, namespace: default}\ndata: {maxPods: "5"}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: running, namespace: default}\nspec: {containers: [{name: c, image: x}]}\n'
    )
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: o\npolicies: [policy.yaml]\nresources: [resources.yaml]\nclusterResources: [cluster.yaml]\napiCallResponses:\n- url: https://policy.example/allowed\n  response: {statusCode: 200, body: {names: [good, bad]}}\nglobalContextEntries:\n- name: teams\n  data: {list: [shop, none]}\nresults:\n- policy: offline\n  rule: all-sources\n  resources: [good, bad]\n  kind: Pod\n  result: pass\n'
    )
    const summary = runTests(dir, new RecordingLogger())
    expect(summary.comparisons.map(c => `${c.resource}:${c.actual}`)).toEqual([
      'good:pass',
      'bad:pass'
    ])
    // One pod already runs in the namespace: a limit of 0 is exceeded.
    writeFileSync(
      join(dir, 'cluster.yaml'),
      readFileSync(join(dir, 'cluster.yaml'), 'utf8').replace('maxPods: "5"', 'maxPods: "0"')
    )
    const limited = runTests(dir, new RecordingLogger())
    expect(limited.comparisons.map(c => `${c.resource}:${c.actual}`)).toEqual([
      'good:fail',
      'bad:fail'
    ])
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('subresources from the values file', () => {
  it('a PodExecOptions resource is a pods/exec request: Pod/exec kinds and pods/exec resourceRules match it', () => {
    const dir = join(root, 'subresources')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: no-exec
spec:
  validationFailureAction: Enforce
  rules:
  - name: deny-exec
    match:
      any:
      - resources:
          kinds: [Pod/exec]
    validate:
      deny: {}
---
apiVersion: policies.kyverno.io/v1
kind: ValidatingPolicy
metadata:
  name: no-exec-cel
spec:
  matchConstraints:
    resourceRules:
    - {apiGroups: [""], apiVersions: [v1], operations: [CONNECT], resources: [pods/exec]}
  validations:
  - expression: "request.subResource != 'exec'"
`
    )
    writeFileSync(
      join(dir, 'exec.yaml'),
      'apiVersion: v1\nkind: PodExecOptions\nmetadata: {name: exec-1, namespace: default}\ncommand: [sh]\n'
    )
    writeFileSync(
      join(dir, 'values.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Values\nsubresources:\n- subresource: {name: pods/exec, kind: PodExecOptions, version: v1}\n  parentResource: {name: pods, kind: Pod, version: v1}\n'
    )
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: sub\npolicies: [policy.yaml]\nresources: [exec.yaml]\nvariables: values.yaml\nresults:\n- policy: no-exec\n  rule: deny-exec\n  resources: [exec-1]\n  kind: PodExecOptions\n  result: fail\n- policy: no-exec-cel\n  resources: [exec-1]\n  kind: PodExecOptions\n  operation: CONNECT\n  result: fail\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 2, failed: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('registry data', () => {
  it("imageRegistry context entries read the context file's image data", () => {
    const dir = join(root, 'image-registry')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'policy.yaml'),
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: no-root-images
spec:
  validationFailureAction: Enforce
  rules:
  - name: image-user
    match:
      any:
      - resources:
          kinds: [Pod]
    context:
    - name: imageData
      imageRegistry:
        reference: "{{ request.object.spec.containers[0].image }}"
        jmesPath: "configData.config.User || ''"
    validate:
      deny:
        conditions:
          any:
          - key: "{{ imageData }}"
            operator: Equals
            value: root
`
    )
    writeFileSync(join(dir, 'resources.yaml'), resources)
    writeFileSync(
      join(dir, 'context.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Context\nmetadata: {name: c}\nspec:\n  images:\n  - image: docker.io/library/nginx:1.27\n    config: {config: {User: app}}\n  - image: nginx:latest\n    config: {config: {User: root}}\n'
    )
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: r\npolicies: [policy.yaml]\nresources: [resources.yaml]\ncontext: context.yaml\nresults:\n- policy: no-root-images\n  rule: image-user\n  resources: [good]\n  kind: Pod\n  result: pass\n- policy: no-root-images\n  rule: image-user\n  resources: [bad]\n  kind: Pod\n  result: fail\n'
    )
    expect(runTests(dir, new RecordingLogger())).toMatchObject({ passed: 2, failed: 0 })
    rmSync(dir, { recursive: true, force: true })
  })
})

describe('bad test input', () => {
  it('a missing policy file is one failed comparison naming the test file line', () => {
    const dir = join(root, 'broken', '.kyverno-test')
    mkdirSync(dir, { recursive: true })
    writeFileSync(
      join(dir, 'kyverno-test.yaml'),
      'apiVersion: cli.kyverno.io/v1alpha1\nkind: Test\nmetadata:\n  name: b\npolicies:\n- ../missing.yaml\nresources: []\nresults: []\n'
    )
    const summary = runTests(join(root, 'broken'), new RecordingLogger())
    expect(summary.failed).toBe(1)
    expect(summary.comparisons[0].reason).toMatch(
      /kyverno-test\.yaml:6:1: The policy file '..\/missing.yaml' named by this test does not exist/
    )
    rmSync(join(root, 'broken'), { recursive: true, force: true })
  })
})

describe('idp policy test', () => {
  it('ends its report with exactly "N passed, N failed" and exits 1 on disagreement', async () => {
    const summary = runTests(root, new RecordingLogger())
    const text = formatReport(summary, false)
    const lines = text.trimEnd().split('\n')
    expect(lines[lines.length - 1]).toBe(`${summary.passed} passed, ${summary.failed} failed`)
    expect(lines[lines.length - 2]).toMatch(/^1 skipped \(1 unsupported MutatingPolicy\)$/)
    expect(text).toContain('expected')
    // --json: stdout is the JSON document and nothing else (the tally goes to stderr).
    const json = JSON.parse(formatReport(summary, true)) as unknown[]
    expect(json).toHaveLength(summary.comparisons.length)
    expect(formatTally(summary).trimEnd().split('\n').pop()).toBe(
      `${summary.passed} passed, ${summary.failed} failed`
    )
  })
  it('--json prints only the JSON document on stdout; the tally goes to stderr', async () => {
    const { code, stdout, stderr } = await captureCli(['policy', 'test', root, '--json'])
    expect(code).toBe(1)
    const json = JSON.parse(stdout) as { verdict: string }[]
    expect(json.length).toBeGreaterThan(0)
    expect(stderr).toMatch(/^\d+ passed, \d+ failed$/m)
  })
  it('is a CLI-only command whose first input is the folder', () => {
    expect(policyTestCommand.cli).toBe('policy test')
    expect(policyTestCommand.action).toBeUndefined()
    expect(policyTestCommand.inputs[0].name).toBe('folder')
    expect(policyTestCommand.inputs.some(i => i.name === 'json')).toBe(true)
  })
})
