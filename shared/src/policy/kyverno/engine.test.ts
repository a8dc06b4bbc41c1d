// A whole rule on a resource: deny, anyPattern, foreach, context variables, preconditions and values
// (kyverno/kyverno pkg/engine/handlers/validation/validate_resource.go, context/loaders/variable.go).
import { describe, expect, it } from '@jest/globals'
import { applyPolicy } from './engine.js'
import { exceptionFromObject } from './exceptions.js'
import { policyFromObject } from './policy.js'

function policy(rules: object[], spec: object = {}, annotations: object = {}) {
  return policyFromObject(
    {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name: 'p', annotations },
      spec: { validationFailureAction: 'Enforce', rules, ...spec }
    },
    'p.yaml',
    1
  )!
}
const match = { any: [{ resources: { kinds: ['Pod'] } }] }
const pod = (containers: object[], metadata: object = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p1', namespace: 'default', ...metadata },
  spec: { containers }
})
const create = { operation: 'CREATE' }
const statusOf = (rules: object[], resource: object, request: object = create) =>
  applyPolicy(policy(rules), resource as Record<string, unknown>, request as never).map(
    r => `${r.rule}:${r.status}`
  )

describe('applyPolicy', () => {
  it('a rule that does not match gives no response; exclude removes a match', () => {
    const rule = {
      name: 'r',
      match: { any: [{ resources: { kinds: ['Service'] } }] },
      validate: { deny: {} }
    }
    expect(statusOf([rule], pod([]))).toEqual([])
    const excluded = {
      name: 'r',
      match,
      exclude: { any: [{ resources: { namespaces: ['default'] } }] },
      validate: { deny: {} }
    }
    expect(statusOf([excluded], pod([]))).toEqual([])
  })
  it('deny: conditions true → fail, false → pass; an empty deny always fails', () => {
    const rule = (value: string) => ({
      name: 'r',
      match,
      validate: {
        deny: {
          conditions: {
            any: [{ key: '{{ request.object.metadata.name }}', operator: 'Equals', value }]
          }
        }
      }
    })
    expect(statusOf([rule('p1')], pod([]))[0]).toBe('r:fail')
    expect(statusOf([rule('other')], pod([]))[0]).toBe('r:pass')
    expect(statusOf([{ name: 'r', match, validate: { deny: {} } }], pod([]))[0]).toBe('r:fail')
  })
  it('deny and precondition messages carry the messages of the conditions that were false', () => {
    const rule = {
      name: 'r',
      match,
      preconditions: {
        any: [
          { key: 'a', operator: 'Equals', value: 'b', message: 'not b' },
          { key: 1, operator: 'Equals', value: 1 }
        ]
      },
      validate: {
        message: 'denied {{ request.object.metadata.name }}',
        deny: {
          conditions: {
            any: [
              { key: 'x', operator: 'Equals', value: 'y', message: 'x is not y' },
              { key: 1, operator: 'Equals', value: 1 }
            ]
          }
        }
      }
    }
    expect(applyPolicy(policy([rule]), pod([]), create)[0]).toMatchObject({
      status: 'fail',
      message: 'denied p1; x is not y'
    })
    const skipped = {
      ...rule,
      preconditions: { all: [{ key: 'a', operator: 'Equals', value: 'b', message: 'not b' }] }
    }
    expect(applyPolicy(policy([skipped]), pod([]), create)[0]).toMatchObject({
      status: 'skip',
      message: 'preconditions not met; not b'
    })
  })
  it('preconditions false → skip', () => {
    const rule = {
      name: 'r',
      match,
      preconditions: {
        all: [{ key: '{{ request.operation }}', operator: 'Equals', value: 'UPDATE' }]
      },
      validate: { deny: {} }
    }
    expect(statusOf([rule], pod([]))[0]).toBe('r:skip')
  })
  it('a pattern variable that cannot be resolved is an error', () => {
    const rule = {
      name: 'r',
      match,
      validate: { pattern: { metadata: { name: '{{ request.object.spec.nothing }}' } } }
    }
    expect(statusOf([rule], pod([]))[0]).toBe('r:error')
  })
  it('anyPattern: pass at the first pattern that passes, else fail', () => {
    const rule = {
      name: 'r',
      match,
      validate: { anyPattern: [{ spec: { hostNetwork: true } }, { metadata: { name: 'p*' } }] }
    }
    expect(statusOf([rule], pod([]))[0]).toBe('r:pass')
    const none = {
      name: 'r',
      match,
      validate: { anyPattern: [{ spec: { hostNetwork: true } }, { metadata: { name: 'x*' } }] }
    }
    expect(statusOf([none], pod([]))[0]).toBe('r:fail')
  })
  it('foreach: element-scoped patterns, element variables, first failure decides', () => {
    const rule = {
      name: 'r',
      match,
      validate: {
        message: 'container {{ element.name }} uses latest',
        foreach: [{ list: 'request.object.spec.containers', pattern: { image: '!*:latest' } }]
      }
    }
    expect(statusOf([rule], pod([{ name: 'a', image: 'x:1' }]))[0]).toBe('r:pass')
    const [failed] = applyPolicy(
      policy([rule]),
      pod([
        { name: 'a', image: 'x:1' },
        { name: 'b', image: 'y:latest' }
      ]),
      create
    )
    expect(failed).toMatchObject({ status: 'fail', message: 'container b uses latest' })
  })
  it('foreach: nested lists with element0/element1, deny and per-item preconditions', () => {
    const rule = {
      name: 'r',
      match,
      validate: {
        foreach: [
          {
            list: 'request.object.spec.containers',
            foreach: [
              {
                list: 'element.ports',
                preconditions: {
                  all: [
                    { key: "{{ element.protocol || 'TCP' }}", operator: 'Equals', value: 'TCP' }
                  ]
                },
                deny: {
                  conditions: {
                    any: [{ key: '{{ element.containerPort }}', operator: 'LessThan', value: 1024 }]
                  }
                }
              }
            ]
          }
        ]
      }
    }
    expect(statusOf([rule], pod([{ name: 'a', ports: [{ containerPort: 8080 }] }]))[0]).toBe(
      'r:pass'
    )
    expect(statusOf([rule], pod([{ name: 'a', ports: [{ containerPort: 80 }] }]))[0]).toBe('r:fail')
    expect(
      statusOf([rule], pod([{ name: 'a', ports: [{ containerPort: 80, protocol: 'UDP' }] }]))[0]
    ).toBe('r:skip')
  })
  it('foreach over a list that does not exist applies to nothing: skip', () => {
    const rule = {
      name: 'r',
      match,
      validate: { foreach: [{ list: 'request.object.spec.volumes', deny: {} }] }
    }
    expect(statusOf([rule], pod([]))[0]).toBe('r:skip')
  })
  it('context variable entries: value, jmesPath and default', () => {
    const rule = {
      name: 'r',
      match,
      context: [
        { name: 'count', variable: { jmesPath: 'length(request.object.spec.containers)' } },
        {
          name: 'tier',
          variable: { jmesPath: 'request.object.metadata.labels.tier', default: 'none' }
        },
        { name: 'fixed', variable: { value: { a: ['x', 'y'] }, jmesPath: 'a[1]' } }
      ],
      validate: {
        deny: {
          conditions: {
            all: [
              { key: '{{ count }}', operator: 'GreaterThan', value: 1 },
              { key: '{{ tier }}', operator: 'Equals', value: 'none' },
              { key: '{{ fixed }}', operator: 'Equals', value: 'y' }
            ]
          }
        }
      }
    }
    expect(statusOf([rule], pod([{ name: 'a' }, { name: 'b' }]))[0]).toBe('r:fail')
    expect(statusOf([rule], pod([{ name: 'a' }]))[0]).toBe('r:pass')
  })
  it('configMap / apiCall context entries are answered only by values-file values (offline loaders are off)', () => {
    const rule = {
      name: 'r',
      match,
      context: [{ name: 'allowed', configMap: { name: 'cm', namespace: 'default' } }],
      validate: {
        deny: {
          conditions: {
            any: [
              {
                key: '{{ request.object.metadata.name }}',
                operator: 'AnyNotIn',
                value: '{{ allowed.data.names }}'
              }
            ]
          }
        }
      }
    }
    const request = {
      operation: 'CREATE',
      ruleValues: () => ({ values: { 'allowed.data.names': '["p1"]' } })
    }
    expect(statusOf([rule], pod([]), request)[0]).toBe('r:pass')
  })
  it('autogen rules evaluate Deployments through the pod template', () => {
    const rule = {
      name: 'r',
      match,
      validate: { pattern: { spec: { containers: [{ image: '!*:latest' }] } } }
    }
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'a', image: 'x:latest' }] } } }
    }
    expect(statusOf([rule], deployment)).toEqual(['autogen-r:fail'])
  })
  it('rule failureAction overrides the policy validationFailureAction', () => {
    const rules = [
      { name: 'a', match, validate: { deny: {} } },
      { name: 'b', match, validate: { failureAction: 'Audit', deny: {} } }
    ]
    expect(applyPolicy(policy(rules), pod([]), create).map(r => r.failureAction)).toEqual([
      'Enforce',
      'Audit'
    ])
  })
  it('UPDATE: a pattern failure the old object already had is skipped (validateOldObject)', () => {
    const rule = {
      name: 'r',
      match,
      validate: { pattern: { spec: { containers: [{ image: '!*:latest' }] } } }
    }
    const bad = pod([{ name: 'a', image: 'x:latest' }])
    expect(statusOf([rule], bad, { operation: 'UPDATE' })[0]).toBe('r:skip')
    expect(statusOf([rule], bad, { operation: 'CREATE' })[0]).toBe('r:fail')
  })
  it('DELETE: request.object reads from oldObject and pattern rules give no response', () => {
    const deny = {
      name: 'd',
      match,
      validate: {
        deny: {
          conditions: {
            any: [{ key: '{{ request.object.metadata.name }}', operator: 'Equals', value: 'p1' }]
          }
        }
      }
    }
    const pattern = { name: 'p', match, validate: { pattern: { metadata: { name: 'x' } } } }
    expect(statusOf([deny, pattern], pod([]), { operation: 'DELETE' })).toEqual(['d:fail'])
  })
  it('validationFailureActionOverrides switch the action for named namespaces', () => {
    const p = policy([{ name: 'a', match, validate: { deny: {} } }], {
      validationFailureActionOverrides: [{ action: 'Audit', namespaces: ['def*'] }]
    })
    expect(applyPolicy(p, pod([]), create)[0].failureAction).toBe('Audit')
    expect(applyPolicy(p, pod([], { namespace: 'prod' }), create)[0].failureAction).toBe('Enforce')
  })
  it('applyRules: One stops after the first rule that applied', () => {
    const rules = [
      { name: 'a', match, validate: { deny: {} } },
      { name: 'b', match, validate: { deny: {} } }
    ]
    expect(
      applyPolicy(policy(rules, { applyRules: 'One' }), pod([]), create).map(r => r.rule)
    ).toEqual(['a'])
  })
  it('a matching PolicyException turns the rule into skip, after its preconditions (engine.go)', () => {
    const exception = exceptionFromObject({
      apiVersion: 'kyverno.io/v2',
      kind: 'PolicyException',
      metadata: { name: 'ex', namespace: 'default' },
      spec: {
        exceptions: [{ policyName: 'p', ruleNames: ['r', 'autogen-r'] }],
        match: { any: [{ resources: { kinds: ['Pod'], names: ['p1'] } }] },
        conditions: {
          all: [
            { key: '{{ request.object.metadata.namespace }}', operator: 'Equals', value: 'default' }
          ]
        }
      }
    })!
    const rule = { name: 'r', match, validate: { deny: {} } }
    const request = { operation: 'CREATE', exceptions: [exception] }
    expect(statusOf([rule], pod([]), request)[0]).toBe('r:skip')
    expect(statusOf([rule], pod([], { name: 'other' }), request)[0]).toBe('r:fail')
    expect(statusOf([rule], pod([], { namespace: 'prod' }), request)[0]).toBe('r:fail')
  })
  it('evaluates validate.cel rules (validate_cel.go): true passes, false fails, an error denies', () => {
    const cel = (expression: string, extra: Record<string, unknown> = {}) => ({
      name: 'r',
      match,
      ...extra,
      validate: { message: 'rule message', cel: { expressions: [{ expression }] } }
    })
    expect(statusOf([cel('true')], pod([]))[0]).toBe('r:pass')
    expect(statusOf([cel("object.metadata.name == 'nope'")], pod([]))[0]).toBe('r:fail')
    // A missing field is an evaluation error; Kubernetes' validator denies it (failurePolicy Fail).
    expect(statusOf([cel('object.spec.nope.x == 1')], pod([]))[0]).toBe('r:fail')
    const skipped = cel('false', {
      celPreconditions: [{ name: 'p', expression: "object.kind == 'Deployment'" }]
    })
    expect(statusOf([skipped], pod([]))[0]).toBe('r:skip')
  })
  it('a validate.cel failure carries the rule message when the expression has none', () => {
    const rule = {
      name: 'r',
      match,
      validate: { message: 'rule message', cel: { expressions: [{ expression: 'false' }] } }
    }
    expect(applyPolicy(policy([rule]), pod([]), create)[0].message).toBe('rule message')
  })
})
