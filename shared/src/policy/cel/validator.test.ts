// The shared validator (k8s.io/apiserver validating policy validator; Kyverno vpol/compiler/policy.go).
import { describe, expect, it } from '@jest/globals'
import { compileValidator, runValidator } from './validator.js'
import { toCel } from './values.js'

const object = toCel({ metadata: { name: 'web' }, spec: { replicas: 1 } })

describe('runValidator', () => {
  it('the first false validation fails with its message; all true passes', () => {
    const v = compileValidator({
      validations: [
        { expression: 'object.spec.replicas >= 1', message: 'one' },
        { expression: 'object.spec.replicas >= 2', message: 'need two' },
        { expression: 'false', message: 'never reached' }
      ]
    })
    expect(runValidator(v, { object })).toMatchObject({
      status: 'fail',
      message: 'need two',
      index: 1
    })
    const ok = compileValidator({ validations: [{ expression: 'true' }] })
    expect(runValidator(ok, { object }).status).toBe('pass')
  })
  it('messageExpression wins; when it fails the static message is used, then "failed expression"', () => {
    const v = compileValidator({
      validations: [{ expression: 'false', messageExpression: "'name ' + object.metadata.name" }]
    })
    expect(runValidator(v, { object }).message).toBe('name web')
    const broken = compileValidator({
      validations: [{ expression: 'false', message: 'static', messageExpression: 'object.nope' }]
    })
    expect(runValidator(broken, { object }).message).toBe('static')
    const bare = compileValidator({ validations: [{ expression: 'false' }] })
    expect(runValidator(bare, { object }).message).toBe('failed expression: false')
  })
  it('variables are lazy: one that errors only matters where it is used', () => {
    const v = compileValidator({
      variables: [
        { name: 'broken', expression: 'object.spec.nope.deeper' },
        { name: 'name', expression: 'object.metadata.name' }
      ],
      validations: [{ expression: "variables.name == 'web'" }]
    })
    expect(runValidator(v, { object }).status).toBe('pass')
    const uses = compileValidator({
      variables: [{ name: 'broken', expression: 'object.spec.nope.deeper' }],
      validations: [{ expression: 'variables.broken == 1' }]
    })
    expect(runValidator(uses, { object }).status).toBe('error')
    expect(runValidator(uses, { object }, { errorStatus: 'fail' }).status).toBe('fail')
  })
  it('variables of one validator are worked out per activation, and the activation is given back as it was', () => {
    const v = compileValidator({
      variables: [
        { name: 'name', expression: 'object.metadata.name' },
        { name: 'greeting', expression: "'hello ' + variables.name" }
      ],
      validations: [
        { expression: "variables.greeting.startsWith('hello')" },
        { expression: "variables.greeting == 'hello web'", messageExpression: 'variables.greeting' }
      ]
    })
    const web = { object, variables: 'mine' }
    expect(runValidator(v, web).status).toBe('pass')
    expect(web).toEqual({ object, variables: 'mine' })
    // The same validator on another resource: nothing of the first run's values is reused.
    const api = { object: toCel({ metadata: { name: 'api' } }) }
    expect(runValidator(v, api)).toMatchObject({ status: 'fail', message: 'hello api' })
    expect(api).toEqual({ object: api.object, variables: undefined })
    const selfish = compileValidator({
      variables: [{ name: 'me', expression: 'variables.me' }],
      validations: [{ expression: 'variables.me' }]
    })
    expect(runValidator(selfish, { object }).message).toContain('refers to itself')
  })
  it('two variables of one name cannot be defined (as before variables were shared)', () => {
    const twice = compileValidator({
      variables: [
        { name: 'x', expression: '1' },
        { name: 'x', expression: '2' }
      ],
      validations: [{ expression: 'variables.x == 1' }]
    })
    expect(() => runValidator(twice, { object })).toThrow(/redefine/)
  })
  it('match conditions: false skips, an error is an error unless failurePolicy is Ignore', () => {
    const skip = compileValidator({
      matchConditions: [{ name: 'm', expression: "object.metadata.name == 'api'" }],
      validations: [{ expression: 'false' }]
    })
    expect(runValidator(skip, { object }).status).toBe('skip')
    const error = compileValidator({
      matchConditions: [{ name: 'm', expression: 'object.nope' }],
      validations: [{ expression: 'true' }]
    })
    expect(runValidator(error, { object }).status).toBe('error')
    const ignored = compileValidator({
      matchConditions: [{ name: 'm', expression: 'object.nope' }],
      validations: [{ expression: 'false' }],
      failurePolicy: 'Ignore'
    })
    expect(runValidator(ignored, { object }).status).toBe('skip')
  })
  it('a non-bool validation and a policy that does not compile are errors, never passes', () => {
    const notBool = compileValidator({ validations: [{ expression: "'yes'" }] })
    expect(runValidator(notBool, { object })).toMatchObject({ status: 'error' })
    const broken = compileValidator({ validations: [{ expression: 'object.(' }] })
    expect(broken.compileErrors).toHaveLength(1)
    expect(runValidator(broken, { object }).status).toBe('error')
  })
  it('carries fieldPath and reason of the failing validation, and audit annotations', () => {
    const v = compileValidator({
      validations: [{ expression: 'false', fieldPath: 'spec.replicas', reason: 'Invalid' }],
      auditAnnotations: [{ key: 'replicas', valueExpression: 'string(object.spec.replicas)' }]
    })
    expect(runValidator(v, { object })).toMatchObject({
      fieldPath: 'spec.replicas',
      reason: 'Invalid',
      auditAnnotations: { replicas: '1' }
    })
  })
})
