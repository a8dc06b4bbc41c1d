// Autogen for pod controllers (kyverno/kyverno pkg/autogen/v1/autogen.go, rule.go).
import { describe, expect, it } from '@jest/globals'
import { computeRules } from './autogen.js'

const podRule = {
  name: 'check-image',
  match: { any: [{ resources: { kinds: ['Pod'] } }] },
  preconditions: {
    all: [
      { key: '{{ request.object.metadata.labels.app || "" }}', operator: 'NotEquals', value: '' }
    ]
  },
  validate: {
    message: 'bad image in {{ request.object.metadata.name }}',
    pattern: { spec: { containers: [{ image: '!*:latest' }] } }
  }
}

describe('computeRules', () => {
  it('adds autogen-<name> for the six controllers and autogen-cronjob-<name>', () => {
    const rules = computeRules([podRule], {})
    expect(rules.map(r => r.rule.name)).toEqual([
      'check-image',
      'autogen-check-image',
      'autogen-cronjob-check-image'
    ])
    expect(rules.every(r => r.baseName === 'check-image')).toBe(true)
    const controller = rules[1].rule as { match: { any: { resources: { kinds: string[] } }[] } }
    expect(controller.match.any[0].resources.kinds).toEqual([
      'DaemonSet',
      'Deployment',
      'Job',
      'StatefulSet',
      'ReplicaSet',
      'ReplicationController'
    ])
  })
  it('wraps the pattern in the pod template, twice for CronJob', () => {
    const [, controller, cron] = computeRules([podRule], {})
    expect((controller.rule.validate as { pattern: unknown }).pattern).toEqual({
      spec: { template: podRule.validate.pattern }
    })
    expect((cron.rule.validate as { pattern: unknown }).pattern).toEqual({
      spec: { jobTemplate: { spec: { template: podRule.validate.pattern } } }
    })
  })
  it('rewrites request.object.spec/metadata everywhere in the rule as plain text', () => {
    const [, controller, cron] = computeRules([podRule], {})
    expect(JSON.stringify(controller.rule.preconditions)).toContain(
      'request.object.spec.template.metadata.labels.app'
    )
    expect((controller.rule.validate as { message: string }).message).toContain(
      'request.object.spec.template.metadata.name'
    )
    expect(JSON.stringify(cron.rule.preconditions)).toContain(
      'request.object.spec.jobTemplate.spec.template.metadata.labels.app'
    )
  })
  it('honours pod-policies.kyverno.io/autogen-controllers, including none', () => {
    const some = computeRules([podRule], {
      'pod-policies.kyverno.io/autogen-controllers': 'Deployment,StatefulSet'
    })
    expect(some.map(r => r.rule.name)).toEqual(['check-image', 'autogen-check-image'])
    expect(
      computeRules([podRule], { 'pod-policies.kyverno.io/autogen-controllers': 'none' })
    ).toHaveLength(1)
  })
  it('is switched off by names, selectors or annotations in match/exclude, and by mixing Pod with other kinds', () => {
    const withSelector = {
      ...podRule,
      match: { any: [{ resources: { kinds: ['Pod'], selector: { matchLabels: { a: 'b' } } } }] }
    }
    expect(computeRules([withSelector], {})).toHaveLength(1)
    const mixed = { ...podRule, match: { any: [{ resources: { kinds: ['Pod', 'Deployment'] } }] } }
    expect(computeRules([mixed], {})).toHaveLength(1)
    const named = { ...podRule, exclude: { any: [{ resources: { names: ['x'] } }] } }
    expect(computeRules([named], {})).toHaveLength(1)
  })
  it('leaves rules for other kinds alone', () => {
    const svc = { ...podRule, name: 'svc', match: { any: [{ resources: { kinds: ['Service'] } }] } }
    expect(computeRules([svc], {})).toHaveLength(1)
  })
})
