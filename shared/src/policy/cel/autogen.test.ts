// ValidatingPolicy pod-controller autogen (pkg/cel/autogen, pkg/cel/policies/vpol/autogen).
import { describe, expect, it } from '@jest/globals'
import { autogenVariants, canAutogen } from './autogen.js'

const pods = {
  resourceRules: [
    { apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], operations: ['CREATE'] }
  ]
}

describe('ValidatingPolicy autogen', () => {
  it('applies only to a single core/v1 pods rule without selectors, names or exclusions', () => {
    expect(canAutogen(pods)).toBe(true)
    expect(canAutogen({ ...pods, objectSelector: { matchLabels: { a: 'b' } } })).toBe(false)
    expect(
      canAutogen({ resourceRules: [{ ...pods.resourceRules[0], resources: ['pods', 'services'] }] })
    ).toBe(false)
    expect(canAutogen({ ...pods, excludeResourceRules: [{}] })).toBe(false)
  })
  it('rewrites object.spec / object.metadata into the template, but keeps metadata.name and .namespace', () => {
    const spec = {
      matchConstraints: pods,
      validations: [
        {
          expression:
            "object.spec.containers.all(c, c.name != '') && object.metadata.namespace != '' && has(object.metadata.labels)"
        }
      ]
    }
    const [cronjobs, controllers] = autogenVariants(spec)
    expect(controllers.name).toBe('autogen')
    expect((controllers.spec.validations as { expression: string }[])[0].expression).toBe(
      "object.spec.template.spec.containers.all(c, c.name != '') && object.metadata.namespace != '' && has(object.spec.template.metadata.labels)"
    )
    expect((cronjobs.spec.validations as { expression: string }[])[0].expression).toContain(
      'object.spec.jobTemplate.spec.template.spec.containers'
    )
    const rules = (
      controllers.spec.matchConstraints as {
        resourceRules: { apiGroups: string[]; resources: string[] }[]
      }
    ).resourceRules
    expect(rules.map(r => [r.apiGroups[0], r.resources])).toEqual([
      ['apps', ['daemonsets', 'deployments', 'replicasets', 'statefulsets']],
      ['batch', ['jobs']]
    ])
  })
  it('spec.autogen.podControllers.controllers narrows the controllers; an empty list turns autogen off', () => {
    const only = autogenVariants({
      matchConstraints: pods,
      autogen: { podControllers: { controllers: ['deployments'] } }
    })
    expect(only.map(v => v.name)).toEqual(['autogen'])
    expect(
      autogenVariants({ matchConstraints: pods, autogen: { podControllers: { controllers: [] } } })
    ).toEqual([])
  })
})
