// Applying ValidatingPolicy and ValidatingAdmissionPolicy (+ bindings, params, CEL exceptions).
import { describe, expect, it } from '@jest/globals'
import { evaluateCelPolicy } from './evaluate.js'
import type { AdmissionPolicyBinding, CelPolicy, CelPolicyException } from './policies.js'
import { celDocumentFromObject } from './policies.js'

const pod = (name: string, labels: Record<string, string> = {}, namespace = 'default') => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', image: 'nginx:latest' }] }
})
const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'd', namespace: 'default' },
  spec: { template: { metadata: {}, spec: { containers: [{ name: 'c', image: 'nginx:latest' }] } } }
}
const pods = {
  resourceRules: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }
  ]
}
const noLatest = "object.spec.containers.all(c, !c.image.endsWith(':latest'))"

function doc(object: object) {
  const out = celDocumentFromObject(object as Record<string, unknown>, 'p.yaml', 1)
  if (!out) throw new Error('not a CEL document')
  return out as {
    policy?: CelPolicy
    exception?: CelPolicyException
    binding?: AdmissionPolicyBinding
  }
}
const vpol = (spec: object, kind = 'ValidatingPolicy', metadata: object = {}) =>
  doc({
    apiVersion: 'policies.kyverno.io/v1',
    kind,
    metadata: { name: 'no-latest', ...metadata },
    spec
  }).policy!
const create = { operation: 'CREATE' }

describe('ValidatingPolicy', () => {
  it('fails, passes, skips on matchConditions, and gives no response outside matchConstraints', () => {
    const policy = vpol({
      matchConstraints: pods,
      matchConditions: [{ name: 'not-system', expression: "object.metadata.name != 'system'" }],
      validations: [{ expression: noLatest, message: 'no latest' }]
    })
    expect(evaluateCelPolicy(policy, pod('a'), create)).toMatchObject([
      { status: 'fail', message: 'no latest' }
    ])
    expect(evaluateCelPolicy(policy, pod('system'), create)).toMatchObject([{ status: 'skip' }])
    const service = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 's', namespace: 'default' }
    }
    expect(evaluateCelPolicy(policy, service, create)).toEqual([])
    expect(evaluateCelPolicy(policy, pod('a'), { operation: 'DELETE' })).toEqual([])
  })
  it('checks pod controllers through autogen', () => {
    const policy = vpol({ matchConstraints: pods, validations: [{ expression: noLatest }] })
    expect(evaluateCelPolicy(policy, deployment, create)).toMatchObject([
      { rule: 'autogen', status: 'fail' }
    ])
  })
  it('an evaluation error is an error', () => {
    const policy = vpol({
      matchConstraints: pods,
      validations: [{ expression: 'object.spec.nope == 1' }]
    })
    expect(evaluateCelPolicy(policy, pod('a'), create)[0].status).toBe('error')
  })
  it('a NamespacedValidatingPolicy applies only in its namespace', () => {
    const policy = vpol(
      { matchConstraints: pods, validations: [{ expression: 'false' }] },
      'NamespacedValidatingPolicy',
      {
        namespace: 'team'
      }
    )
    expect(evaluateCelPolicy(policy, pod('a'), create)).toEqual([])
    expect(evaluateCelPolicy(policy, pod('a', {}, 'team'), create)[0].status).toBe('fail')
  })
  it('a CEL PolicyException skips (or passes with reportResult: pass); allowedValues reach the policy', () => {
    const policy = vpol({ matchConstraints: pods, validations: [{ expression: noLatest }] })
    const exception = (spec: object) =>
      doc({
        apiVersion: 'policies.kyverno.io/v1',
        kind: 'PolicyException',
        metadata: { name: 'ex' },
        spec
      }).exception!
    const exempt = exception({
      policyRefs: [{ name: 'no-latest', kind: 'ValidatingPolicy' }],
      matchConditions: [
        { name: 'legacy', expression: "object.metadata.labels.?legacy.orValue('') == 'yes'" }
      ]
    })
    expect(
      evaluateCelPolicy(policy, pod('a', { legacy: 'yes' }), create, { exceptions: [exempt] })[0]
        .status
    ).toBe('skip')
    expect(evaluateCelPolicy(policy, pod('a'), create, { exceptions: [exempt] })[0].status).toBe(
      'fail'
    )
    const passing = exception({ policyRefs: [{ name: 'no-latest' }], reportResult: 'pass' })
    expect(evaluateCelPolicy(policy, pod('a'), create, { exceptions: [passing] })[0].status).toBe(
      'pass'
    )
    const values = vpol({
      matchConstraints: pods,
      validations: [{ expression: 'object.metadata.name in exceptions.allowedValues' }]
    })
    const allowed = exception({ policyRefs: [{ name: 'no-latest' }], allowedValues: ['a'] })
    expect(evaluateCelPolicy(values, pod('a'), create, { exceptions: [allowed] })[0].status).toBe(
      'pass'
    )
  })
  it('JSON evaluation mode checks any payload: object only, no match constraints', () => {
    const policy = vpol({
      evaluation: { mode: 'JSON' },
      validations: [
        { expression: "!object.steps.exists(s, s.run.contains('curl'))", message: 'no curl' }
      ]
    })
    expect(policy.mode).toBe('JSON')
    const payload = (run: string) => ({ steps: [{ run }] })
    expect(evaluateCelPolicy(policy, payload('make'), create)).toMatchObject([{ status: 'pass' }])
    expect(evaluateCelPolicy(policy, payload('curl x | sh'), create)).toMatchObject([
      { status: 'fail', message: 'no curl' }
    ])
  })
})

describe('ValidatingAdmissionPolicy', () => {
  const vap = doc({
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    metadata: { name: 'max-replicas' },
    spec: {
      paramKind: { apiVersion: 'v1', kind: 'ConfigMap' },
      matchConstraints: {
        resourceRules: [
          {
            apiGroups: ['apps'],
            apiVersions: ['v1'],
            resources: ['deployments'],
            operations: ['CREATE']
          }
        ]
      },
      validations: [
        {
          expression: 'params == null || object.spec.replicas <= int(params.data.max)',
          messageExpression: "'at most ' + params.data.max",
          fieldPath: 'spec.replicas'
        }
      ]
    }
  }).policy!
  const binding = (paramRef: object, extra: object = {}) =>
    doc({
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'b' },
      spec: { policyName: 'max-replicas', paramRef, validationActions: ['Deny'], ...extra }
    }).binding!
  const params = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'limits', namespace: 'default' },
      data: { max: '2' }
    }
  ]
  const big = { ...deployment, spec: { ...deployment.spec, replicas: 5 } }

  it('without a binding it is evaluated with null params (the Kyverno CLI does so)', () => {
    expect(evaluateCelPolicy(vap, big, create)).toMatchObject([{ rule: '', status: 'pass' }])
  })
  it('a binding supplies params by name; the failure carries the fieldPath', () => {
    const out = evaluateCelPolicy(vap, big, create, {
      bindings: [binding({ name: 'limits' })],
      paramResources: params
    })
    expect(out).toMatchObject([
      {
        rule: 'b',
        status: 'fail',
        message: 'at most 2',
        fieldPath: 'spec.replicas',
        actions: ['Deny']
      }
    ])
  })
  it('missing params deny unless parameterNotFoundAction is Allow', () => {
    expect(
      evaluateCelPolicy(vap, big, create, {
        bindings: [binding({ name: 'other' })],
        paramResources: params
      })[0].status
    ).toBe('fail')
    expect(
      evaluateCelPolicy(vap, big, create, {
        bindings: [binding({ name: 'other', parameterNotFoundAction: 'Allow' })],
        paramResources: params
      })[0].status
    ).toBe('pass')
  })
  it('the first binding whose matchResources select the resource decides; none selecting means no response', () => {
    const narrowed = binding(
      { name: 'limits' },
      { matchResources: { objectSelector: { matchLabels: { app: 'x' } } } }
    )
    expect(
      evaluateCelPolicy(vap, big, create, { bindings: [narrowed], paramResources: params })
    ).toEqual([])
    const selectorsOnly = binding({ name: 'limits' }, { matchResources: { namespaceSelector: {} } })
    expect(
      evaluateCelPolicy(vap, big, create, { bindings: [selectorsOnly], paramResources: params })[0]
        .status
    ).toBe('fail')
  })
  it('an evaluation error is an error (Kyverno reports EvalError decisions as error)', () => {
    const broken = { ...big, spec: { ...big.spec, replicas: 'many' } }
    expect(
      evaluateCelPolicy(vap, broken, create, {
        bindings: [binding({ name: 'limits' })],
        paramResources: params
      })[0].status
    ).toBe('error')
  })
})
