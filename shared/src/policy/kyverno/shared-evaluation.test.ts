// What the engine works out once and shares — the request context of a resource's rules, the data
// object foreach elements take turns in, rule plans by kind, pod security checks — must give every rule
// and element the answer it would get alone.
import { describe, expect, it } from '@jest/globals'
import { silentLogger } from '../../runtime/logger.js'
import { parseManifestText } from '../manifest-documents.js'
import { evaluateConditionsWithMessage } from './conditions.js'
import { applyPolicy } from './engine.js'
import { EvalContext } from './eval-context.js'
import { KyvernoEngine } from './index.js'
import { copyOwn } from './json.js'
import { policyFromObject } from './policy.js'

function policy(name: string, rules: object[]) {
  return policyFromObject(
    {
      apiVersion: 'kyverno.io/v1',
      kind: 'ClusterPolicy',
      metadata: { name, annotations: { 'pod-policies.kyverno.io/autogen-controllers': 'none' } },
      spec: { validationFailureAction: 'Enforce', rules }
    },
    'p.yaml',
    1
  )!
}
const pods = { any: [{ resources: { kinds: ['Pod'] } }] }

function podText(name: string, namespace: string, images: string[], init: string[] = []): string {
  const list = (items: string[]) =>
    items.map((image, i) => `\n  - name: c${i}\n    image: ${image}`).join('')
  return `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  containers:${list(images)}${init.length > 0 ? `\n  initContainers:${list(init)}` : ''}
`
}

async function results(policies: ReturnType<typeof policy>[], ...texts: string[]) {
  const manifests = texts.flatMap((text, i) => parseManifestText(text, `m${i}.yaml`).manifests)
  const findings = await new KyvernoEngine(policies).evaluate(manifests, { logger: silentLogger })
  return findings.map(f => `${f.resource?.name}:${f.policy}/${f.rule}:${f.result}`)
}

describe('evaluation shared across rules and resources', () => {
  it("a rule's context entries are its own: a later rule on the same resource does not see them", async () => {
    const withEntry = policy('a', [
      {
        name: 'sets',
        match: pods,
        context: [{ name: 'who', variable: { value: 'from-a' } }],
        validate: {
          deny: { conditions: { all: [{ key: '{{ who }}', operator: 'Equals', value: 'from-a' }] } }
        }
      }
    ])
    const reads = policy('b', [
      {
        name: 'reads',
        match: pods,
        validate: {
          deny: { conditions: { all: [{ key: '{{ who }}', operator: 'Equals', value: 'from-a' }] } }
        }
      }
    ])
    expect(await results([withEntry, reads], podText('p', 'ns', ['nginx:1']))).toEqual([
      'p:a/sets:fail',
      'p:b/reads:error'
    ])
  })

  it('foreach elements each see their own element, with and without context entries, across rules', async () => {
    const byName = (name: string, list: string, context?: object[]) => ({
      name,
      match: pods,
      validate: {
        message: `${name} {{ element.name }}`,
        foreach: [
          {
            list,
            ...(context ? { context } : {}),
            deny: {
              conditions: {
                any: [
                  {
                    key: context ? '{{ img }}' : '{{ element.image }}',
                    operator: 'Equals',
                    value: 'bad:1'
                  }
                ]
              }
            }
          }
        ]
      }
    })
    const p = policy('f', [
      byName('containers', 'request.object.spec.containers'),
      byName('with-entry', 'request.object.spec.containers', [
        { name: 'img', variable: { jmesPath: 'element.image' } }
      ]),
      byName('init', 'request.object.spec.initContainers')
    ])
    const resource = parseManifestText(
      podText('p', 'ns', ['good:1', 'bad:1'], ['bad:1', 'good:1']),
      'm.yaml'
    ).manifests[0].object as Record<string, unknown>
    const responses = applyPolicy(p, resource, { operation: 'CREATE' })
    expect(responses.map(r => [r.rule, r.status, r.message, r.path])).toEqual([
      ['containers', 'fail', 'containers c1', '/spec/containers/1/'],
      ['with-entry', 'fail', 'with-entry c1', '/spec/containers/1/'],
      ['init', 'fail', 'init c0', '/spec/initContainers/0/']
    ])
  })

  it('a foreach list naming a field the resource lacks is skipped, not an error', () => {
    const p = policy('f', [
      {
        name: 'init',
        match: pods,
        validate: {
          foreach: [{ list: 'request.object.spec.initContainers', pattern: { image: '!*:latest' } }]
        }
      }
    ])
    const resource = parseManifestText(podText('p', 'ns', ['nginx:latest']), 'm.yaml').manifests[0]
      .object as Record<string, unknown>
    expect(applyPolicy(p, resource, { operation: 'CREATE' }).map(r => r.status)).toEqual(['skip'])
  })

  it('match and exclude blocks naming more than kinds are checked for every resource of the kind', async () => {
    const p = policy('n', [
      {
        name: 'named',
        match: { any: [{ resources: { kinds: ['Pod'], names: ['app-*'] } }] },
        exclude: { any: [{ resources: { namespaces: ['skip'] } }] },
        validate: { pattern: { metadata: { name: 'app-?*' } } }
      }
    ])
    expect(
      await results(
        [p],
        podText('app-1', 'ns', ['a:1']),
        podText('web-1', 'ns', ['a:1']),
        podText('app-2', 'skip', ['a:1']),
        podText('app-3', 'ns', ['a:1'])
      )
    ).toEqual(['app-1:n/named:pass', 'app-3:n/named:pass'])
  })

  it('pod security rules of several levels and exemptions on one pod each decide on their own', async () => {
    const level = (name: string, value: string, exclude: object[] = []) =>
      policy(name, [
        {
          name,
          match: pods,
          validate: { podSecurity: { level: value, version: 'latest', exclude } }
        }
      ])
    const text = podText('p', 'ns', ['nginx:1'])
    expect(
      await results(
        [
          level('baseline', 'baseline'),
          level('restricted', 'restricted'),
          level('exempt', 'restricted', [
            { controlName: 'Privilege Escalation', images: ['nginx*'] },
            { controlName: 'Running as Non-root', images: ['nginx*'] },
            { controlName: 'Seccomp', images: ['nginx*'] },
            { controlName: 'Capabilities', images: ['nginx*'] }
          ])
        ],
        text
      )
    ).toEqual(['p:baseline/baseline:pass', 'p:restricted/restricted:fail', 'p:exempt/exempt:pass'])
  })

  it('copies of context data keep every own key in order, `__proto__` and symbols included', () => {
    const symbol = Symbol('offline')
    const source = JSON.parse('{"b": 1, "__proto__": {"x": 1}, "2": "two", "a": null}')
    ;(source as Record<symbol, unknown>)[symbol] = 'data'
    const copy = copyOwn(source)
    expect(Object.keys(copy)).toEqual(['2', 'b', '__proto__', 'a'])
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.hasOwn(copy, '__proto__')).toBe(true)
    expect((copy as Record<symbol, unknown>)[symbol]).toBe('data')
  })

  it('a condition block that throws leaves none of its messages to the next block', () => {
    const ctx = new EvalContext({})
    const throwing = {
      any: [
        { key: 'a', operator: 'Equals', value: 'b', message: 'first is false' },
        { key: 'a', operator: 'Bogus', value: 'a' }
      ]
    }
    expect(() => evaluateConditionsWithMessage(throwing, ctx)).toThrow('Bogus')
    expect(
      evaluateConditionsWithMessage(
        { all: [{ key: 'a', operator: 'Equals', value: 'c', message: 'second is false' }] },
        ctx
      )
    ).toEqual({ result: false, message: 'second is false' })
    expect(
      evaluateConditionsWithMessage({ all: [{ key: 'a', operator: 'Equals', value: 'a' }] }, ctx)
    ).toEqual({ result: true, message: '' })
  })

  it('a namespaced Policy applies to the resources of its namespace only', async () => {
    const namespaced = policyFromObject(
      {
        apiVersion: 'kyverno.io/v1',
        kind: 'Policy',
        metadata: { name: 'local', namespace: 'team' },
        spec: {
          rules: [{ name: 'r', match: pods, validate: { pattern: { metadata: { name: '?*' } } } }]
        }
      },
      'p.yaml',
      1
    )!
    expect(
      await results(
        [namespaced],
        podText('a', 'team', ['x:1']),
        podText('b', 'other', ['x:1']),
        podText('c', 'team', ['x:1'])
      )
    ).toEqual(['a:local/r:pass', 'c:local/r:pass'])
  })
})
