// Hostile policy and CRD files a service names (validate-policy's `policies`/`crds` inputs, and
// `idp policy test`): regular expressions and wildcards that backtrack, CEL that never ends, files
// outside the repository, network lookups, and YAML that is too big, too deep or tagged.
import type { Area, HostileCase } from '../harness.js'
import { edit, tampered } from '../template.js'

const validate = { action: 'validate-policy' } as const
const file = 'policies/hostile.yaml'
const LONG_A = `${'a'.repeat(60)}!`

/** A ClusterPolicy on Applications whose validate block is `body` (YAML at the validate indent). */
const policy = (body: string, kinds = '[Application]') => `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: hostile
spec:
  validationFailureAction: Enforce
  rules:
    - name: r
      match:
        any:
          - resources:
              kinds: ${kinds}
      validate:
        message: refused by hostile
${body}`
const withPolicy = (body: string) => ({ [file]: policy(body) })
const denied = /refused by hostile|hostile/i

/** A validate block that passes on the template's Application. */
const PATTERN = "        pattern:\n          metadata:\n            name: '?*'\n"
const levels = (n: number) => {
  const list = '[0,1,2,3,4,5,6,7,8,9]'
  let expr = 'true'
  for (let i = n; i > 0; i--) expr = `${list}.all(v${i}, ${expr})`
  return `!(${expr})`
}

const time: HostileCase[] = [
  {
    name: 'JMESPath regex_match with (a+)+$ on a long string',
    classes: [8],
    ...validate,
    files: withPolicy(
      `        deny:\n          conditions:\n            any:\n              - key: "{{ regex_match('^(a+)+$', '${LONG_A}') }}"\n                operator: Equals\n                value: false\n`
    ),
    because: denied
  },
  {
    name: 'JMESPath regex_match with (a|aa)+$ on a long string',
    classes: [8],
    ...validate,
    files: withPolicy(
      `        deny:\n          conditions:\n            any:\n              - key: "{{ regex_match('^(a|aa)+$', '${LONG_A}') }}"\n                operator: Equals\n                value: false\n`
    ),
    because: denied
  },
  {
    name: 'JMESPath regex_replace_all with (a+)+$ on a long string',
    classes: [8],
    ...validate,
    files: withPolicy(
      `        deny:\n          conditions:\n            any:\n              - key: "{{ regex_replace_all('^(a+)+$', '${LONG_A}', 'x') }}"\n                operator: Equals\n                value: '${LONG_A}'\n`
    ),
    because: denied
  },
  {
    name: 'JMESPath regex_match with a backreference (not RE2)',
    classes: [8, 10],
    ...validate,
    files: withPolicy(
      `        deny:\n          conditions:\n            any:\n              - key: "{{ regex_match('^(a)\\\\1$', 'aa') }}"\n                operator: Equals\n                value: true\n`
    ),
    at: { file },
    because: /regular expression|RE2|backreference|regex|invalid|syntax|support|escape/i
  },
  {
    name: 'JMESPath regex_match with a lookahead (not RE2)',
    classes: [8, 10],
    ...validate,
    files: withPolicy(
      `        deny:\n          conditions:\n            any:\n              - key: "{{ regex_match('^(?=a)a$', 'a') }}"\n                operator: Equals\n                value: true\n`
    ),
    at: { file },
    because: /regular expression|RE2|lookahead|regex|invalid|syntax|support/i
  },
  {
    name: 'pattern wildcard with many stars on a long annotation',
    classes: [8],
    ...validate,
    files: r => ({
      ...withPolicy(
        `        pattern:\n          metadata:\n            annotations:\n              x: '${'*a'.repeat(20)}*b'\n`
      ),
      ...tampered(r, {
        'application.yaml': edit(
          r.dev['application.yaml'],
          '  annotations:\n',
          `  annotations:\n    x: ${'a'.repeat(5000)}\n`
        )
      })
    }),
    because: denied
  },
  {
    name: 'exclude name wildcard with many stars on a long name',
    classes: [8],
    ...validate,
    files: r => ({
      [file]: policy(`        deny: {}\n`).replace(
        '              kinds: [Application]\n',
        `              kinds: [ConfigMap]\n      exclude:\n        any:\n          - resources:\n              names: ['${'*x'.repeat(20)}*y']\n`
      ),
      ...tampered(r, {
        'extra.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: ${'x'.repeat(250)}, namespace: shop-dev }\n`
      })
    }),
    because: denied
  }
]

const reading: HostileCase[] = [
  {
    name: 'policy file is a symlink to a secret outside',
    classes: [3],
    ...validate,
    inputs: { policies: 'policies/leak.yaml' },
    files: { 'policies/leak.yaml': { symlink: '__OUTSIDE__/secret.txt' } },
    at: { file: 'policies/leak.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'policies input climbing out of the repository',
    classes: [3],
    ...validate,
    inputs: { policies: '../outside/secret.txt' },
    because: /outside|repository|workspace/i
  },
  {
    name: 'policies input is /proc/self/environ',
    classes: [3, 9],
    ...validate,
    inputs: { policies: '/proc/self/environ' },
    because: /outside|repository|workspace|regular/i
  },
  {
    name: 'policies input is /dev/zero',
    classes: [3, 8],
    ...validate,
    inputs: { policies: '/dev/zero' },
    because: /outside|repository|device|regular/i
  },
  {
    name: 'policies glob reaching outside',
    classes: [3],
    ...validate,
    inputs: { policies: '../**/secret.txt' },
    because: /outside|repository|workspace|match/i
  },
  {
    name: 'policy file is a FIFO',
    classes: [3, 8],
    ...validate,
    files: { [file]: { fifo: true } },
    at: { file, whole: true },
    because: /fifo|pipe|regular|special/i
  },
  {
    name: 'policy folder holds a symlinked folder out',
    classes: [3],
    ...validate,
    inputs: { policies: 'policies' },
    files: { 'policies/more': { symlink: '__OUTSIDE__' } },
    because: /symlink|link|outside/i
  },
  {
    name: 'policy file of 24 MB',
    classes: [3, 8],
    ...validate,
    files: () => ({ [file]: policy(PATTERN) + `# ${'k'.repeat(1023)}\n`.repeat(24 * 1024) }),
    at: { file, whole: true },
    because: /large|bytes|size|limit|KiB|MB/i
  },
  {
    name: 'policy with an unknown YAML tag',
    classes: [10],
    ...validate,
    files: {
      [file]: policy(PATTERN).replace(
        'message: refused by hostile',
        'message: !include ../outside/secret.txt'
      )
    },
    at: { file, line: '!include' },
    because: /tag/i
  },
  {
    name: 'policy nested 10k deep',
    classes: [8],
    ...validate,
    files: { [file]: policy(`        pattern: ${'{a: '.repeat(10000)}x${'}'.repeat(10000)}\n`) },
    at: { file },
    because: /deep|nest|depth|too/i
  },
  {
    name: 'policy with an alias bomb',
    classes: [8],
    ...validate,
    files: {
      [file]: `x1: &a [y, y, y, y, y, y, y, y, y, y]\nx2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nx4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nx5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nx6: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n`
    },
    at: { file },
    because: /alias|anchor/i
  }
]

const WIDGET_CRD = (schema: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.acme.io
spec:
  group: acme.io
  scope: Namespaced
  names: { kind: Widget, plural: widgets, singular: widget, listKind: WidgetList }
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema: ${schema}
`
const widget = (tag: string) =>
  `apiVersion: acme.io/v1\nkind: Widget\nmetadata: { name: w, namespace: shop-dev }\nspec: { tag: '${tag}' }\n`
const crds: HostileCase[] = [
  {
    name: 'CRD pattern (a+)+$ against a long value',
    classes: [8],
    ...validate,
    inputs: { crds: 'crds/widget.yaml' },
    files: r => ({
      'crds/widget.yaml': WIDGET_CRD(
        "{ type: object, properties: { spec: { type: object, properties: { tag: { type: string, pattern: '^(a+)+$' } } } } }"
      ),
      ...tampered(r, { 'extra.yaml': widget(LONG_A) })
    }),
    at: { file: 'rendered/dev/extra.yaml', line: 'tag:' },
    because: /pattern|match|tag/i
  },
  {
    name: 'CRD x-kubernetes-validations with a lookahead',
    classes: [8, 10],
    ...validate,
    inputs: { crds: 'crds/widget.yaml' },
    files: r => ({
      'crds/widget.yaml': WIDGET_CRD(
        '{ type: object, properties: { spec: { type: object, x-kubernetes-validations: [{ rule: "self.tag.matches(\'^(?=a)a+$\')" }], properties: { tag: { type: string } } } } }'
      ),
      ...tampered(r, { 'extra.yaml': widget('aaa') })
    }),
    at: { file: 'crds/widget.yaml' },
    because: /regular expression|RE2|lookahead|matches|invalid|syntax|support|rule/i
  },
  {
    name: 'CRD x-kubernetes-validations matches() with (a+)+$ on a long value',
    classes: [8],
    ...validate,
    inputs: { crds: 'crds/widget.yaml' },
    files: r => ({
      'crds/widget.yaml': WIDGET_CRD(
        '{ type: object, properties: { spec: { type: object, x-kubernetes-validations: [{ rule: "self.tag.matches(\'^(a+)+$\')" }], properties: { tag: { type: string } } } } }'
      ),
      ...tampered(r, { 'extra.yaml': widget(LONG_A) })
    }),
    at: { file: 'rendered/dev/extra.yaml' },
    because: /rule|matches|valid|self\.tag/i
  },
  {
    name: 'CRD x-kubernetes-validations with a backreference',
    classes: [8, 10],
    ...validate,
    inputs: { crds: 'crds/widget.yaml' },
    files: r => ({
      'crds/widget.yaml': WIDGET_CRD(
        '{ type: object, properties: { spec: { type: object, x-kubernetes-validations: [{ rule: "self.tag.matches(\'^(a)\\\\\\\\1$\')" }], properties: { tag: { type: string } } } } }'
      ),
      ...tampered(r, { 'extra.yaml': widget('aa') })
    }),
    at: { file: 'crds/widget.yaml' },
    because: /regular expression|RE2|backreference|matches|invalid|syntax|support|rule|escape/i
  },
  {
    name: 'CRD x-kubernetes-validations of 10^8 steps',
    classes: [8],
    ...validate,
    inputs: { crds: 'crds/widget.yaml' },
    files: r => ({
      'crds/widget.yaml': WIDGET_CRD(
        `{ type: object, properties: { spec: { type: object, x-kubernetes-validations: [{ rule: "${levels(8)}" }], properties: { tag: { type: string } } } } }`
      ),
      ...tampered(r, { 'extra.yaml': widget('aaa') })
    }),
    because: /cost|limit|budget|too|expensive|rule|time|valid/i
  },
  {
    name: 'crds input climbing out of the repository',
    classes: [3],
    ...validate,
    inputs: { crds: '../outside/secret.txt' },
    because: /outside|repository|workspace/i
  },
  {
    name: 'crds input is a symlink out',
    classes: [3],
    ...validate,
    inputs: { crds: 'crds/leak.yaml' },
    files: { 'crds/leak.yaml': { symlink: '__OUTSIDE__/secret.txt' } },
    at: { file: 'crds/leak.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'crds input is /proc/self/environ',
    classes: [3, 9],
    ...validate,
    inputs: { crds: '/proc/self/environ' },
    because: /outside|repository|workspace|regular/i
  }
]

const TEST_FILE = (
  resources: string,
  policies = '[../policies/hostile.yaml]'
) => `apiVersion: cli.kyverno.io/v1alpha1
kind: Test
metadata: { name: t }
policies: ${policies}
resources: ${resources}
results:
  - policy: hostile
    rule: r
    resources: [shop]
    kind: Application
    result: pass
`
/** `idp policy test policytest`: the validate inputs of the area do not apply. */
const POLICY_TEST = { manifests: '', 'platform-config': '', policies: '', folder: 'policytest' }
const policyTest: HostileCase[] = [
  {
    name: 'policy test resources outside the repository',
    classes: [3],
    action: 'policy-test',
    via: 'cli',
    inputs: POLICY_TEST,
    files: {
      [file]: policy(PATTERN),
      'policytest/kyverno-test.yaml': TEST_FILE('[../../outside/secret.txt]')
    },
    at: { file: 'policytest/kyverno-test.yaml' },
    because: /outside|repository|resource/i
  },
  {
    name: 'policy test policy that is a symlink out',
    classes: [3],
    action: 'policy-test',
    via: 'cli',
    inputs: POLICY_TEST,
    files: {
      'policytest/p.yaml': { symlink: '__OUTSIDE__/secret.txt' },
      'policytest/r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shop }\n',
      'policytest/kyverno-test.yaml': TEST_FILE('[r.yaml]', '[p.yaml]')
    },
    at: { file: 'policytest/kyverno-test.yaml' },
    because: /symlink|link|outside/i
  },
  {
    name: 'policy test variables file /proc/self/environ',
    classes: [3, 9],
    action: 'policy-test',
    via: 'cli',
    inputs: POLICY_TEST,
    files: {
      [file]: policy(PATTERN),
      'policytest/r.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: shop }\n',
      'policytest/kyverno-test.yaml': TEST_FILE('[r.yaml]') + 'variables: /proc/self/environ\n'
    },
    at: { file: 'policytest/kyverno-test.yaml' },
    because: /outside|repository|variables|regular/i
  }
]

export const policiesArea: Area = {
  name: 'policies',
  action: 'validate-policy',
  inputs: {
    manifests: 'rendered/dev',
    'platform-config': 'platform/platform.yaml',
    policies: file
  },
  cases: [...time, ...reading, ...crds, ...policyTest]
}
