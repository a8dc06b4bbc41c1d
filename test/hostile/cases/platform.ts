// Platform configs that are wrong or dangerous (trusted, but they must fail closed): regular
// expressions that backtrack, placeholders nobody fills, registry entries that bind nothing, numbers
// and tags YAML should not carry, remote schema references. Run through render-manifests (and
// validate-policy where the field only matters there).
import type { Area, HostileCase } from '../harness.js'
import { descriptor, edit, IMAGE, platform, PLATFORM, withServices } from '../template.js'

const render = { action: 'render-manifests' } as const
const config = 'platform/platform.yaml'
const at = (line: string) => ({ file: config, line })

/** A custom trait type `marker` whose schema is `schema` (YAML flow), used by the web component. */
function customTrait(schema: string, properties: string): Record<string, string> {
  return {
    [config]: edit(
      PLATFORM,
      '    allowed: [gateway, scaler, labels, annotations, storage, sidecar, env]\n',
      `    allowed: [gateway, scaler, labels, annotations, storage, sidecar, env, marker]\n    custom:\n      - name: marker\n        schema: ${schema}\n`
    ),
    'idp.yaml': descriptor(
      '        - type: scaler\n',
      `        - type: marker\n          properties: ${properties}\n        - type: scaler\n`
    )
  }
}
const LONG_A = `${'a'.repeat(60)}!`

const regex: HostileCase[] = [
  {
    name: 'schema pattern (a+)+$ against a long non-matching value',
    classes: [8],
    ...render,
    files: customTrait(
      "{ type: object, properties: { tag: { type: string, pattern: '^(a+)+$' } } }",
      `{ tag: '${LONG_A}' }`
    ),
    at: { file: 'idp.yaml', line: LONG_A },
    because: /pattern|match|tag/i
  },
  {
    name: 'schema pattern (a|aa)+$ against a long non-matching value',
    classes: [8],
    ...render,
    files: customTrait(
      "{ type: object, properties: { tag: { type: string, pattern: '^(a|aa)+$' } } }",
      `{ tag: '${LONG_A}' }`
    ),
    at: { file: 'idp.yaml', line: LONG_A },
    because: /pattern|match|tag/i
  },
  {
    name: 'schema pattern (x+x+)+y against a long value',
    classes: [8],
    ...render,
    files: customTrait(
      "{ type: object, properties: { tag: { type: string, pattern: '(x+x+)+y' } } }",
      `{ tag: '${'x'.repeat(60)}' }`
    ),
    at: { file: 'idp.yaml', line: 'x'.repeat(60) },
    because: /pattern|match|tag/i
  },
  {
    name: 'schema pattern with a lookahead (not RE2)',
    classes: [8, 10],
    ...render,
    files: customTrait(
      "{ type: object, properties: { tag: { type: string, pattern: '^(?=.*x)x+$' } } }",
      '{ tag: xx }'
    ),
    at: at("pattern: '^(?=.*x)x+$'"),
    because: /pattern|regular expression|RE2|lookahead|syntax|supported/i
  },
  {
    name: 'schema pattern with a backreference (not RE2)',
    classes: [8, 10],
    ...render,
    files: customTrait(
      "{ type: object, properties: { tag: { type: string, pattern: '^(a)\\1$' } } }",
      '{ tag: aa }'
    ),
    at: at("pattern: '^(a)\\1$'"),
    because: /pattern|regular expression|regexp|RE2|backreference|syntax|supported|escape/i
  },
  {
    name: 'schema pattern that is not a regular expression',
    classes: [10],
    ...render,
    files: customTrait(
      "{ type: object, properties: { tag: { type: string, pattern: '([a-z' } } }",
      '{ tag: aa }'
    ),
    at: at("pattern: '([a-z'"),
    because: /pattern|regular expression|syntax|missing|invalid/i
  },
  {
    name: 'schema patternProperties key that backtracks',
    classes: [8],
    ...render,
    files: customTrait(
      "{ type: object, patternProperties: { '^(a+)+$': { type: integer } }, additionalProperties: false }",
      `{ '${LONG_A}': 1 }`
    ),
    at: { file: 'idp.yaml', line: LONG_A },
    because: /propert|pattern|allowed|additional/i
  }
]

const schemaRefs: HostileCase[] = [
  {
    name: 'custom schema $ref to a remote URL',
    classes: [8, 3],
    ...render,
    files: customTrait("{ $ref: 'http://127.0.0.1:9/schema.json' }", '{ tag: x }'),
    at: at('$ref'),
    because: /\$ref|reference|resolve|schema/i
  },
  {
    name: 'custom schema $ref to a file outside',
    classes: [3],
    ...render,
    files: customTrait("{ $ref: 'file:///etc/passwd' }", '{ tag: x }'),
    at: at('$ref'),
    because: /\$ref|reference|resolve|schema/i
  },
  {
    name: 'custom schema nested 3k deep',
    classes: [8],
    ...render,
    files: customTrait(
      `${'{ items: '.repeat(3000)}{ type: string }${' }'.repeat(3000)}`,
      '{ tag: x }'
    ),
    at: { file: config },
    because: /deep|nest|depth|too|schema/i
  }
]

const patterns: HostileCase[] = [
  {
    name: 'namespace pattern with an unknown placeholder',
    classes: [10, 2],
    ...render,
    files: { [config]: platform("namespace: '{service}-dev'", "namespace: '{servce}-dev'") },
    at: at('{servce}-dev'),
    because: /placeholder|\{servce\}|unknown/i
  },
  {
    name: 'namespace pattern with an unterminated placeholder',
    classes: [10, 2],
    ...render,
    files: { [config]: platform("namespace: '{service}-dev'", "namespace: '{service-dev'") },
    at: at('{service-dev'),
    because: /placeholder|\{|unterminated|namespace/i
  },
  {
    name: 'namespace pattern producing an invalid namespace',
    classes: [2],
    ...render,
    files: { [config]: platform("namespace: '{service}-dev'", "namespace: '{service}_DEV/../x'") },
    at: at('_DEV'),
    because: /namespace|DNS|label|invalid/i
  },
  {
    name: 'connection secret pattern with an unknown placeholder',
    classes: [10],
    ...render,
    files: {
      [config]: platform(
        "connectionSecret: '{service}-{resource}-conn'",
        "connectionSecret: '{service}-{secret}-conn'"
      )
    },
    at: at('{secret}'),
    because: /placeholder|\{secret\}|unknown/i
  },
  {
    name: 'duplicate environment names',
    classes: [10, 2],
    ...render,
    files: { [config]: platform('    - name: prod\n', '    - name: dev\n') },
    at: { file: config },
    because: /duplicate|twice|dev|unique/i
  },
  {
    name: 'requires names an environment that does not exist',
    classes: [10],
    ...render,
    files: {
      [config]: platform(
        "    - name: prod\n      namespace: '{service}-prod'\n",
        "    - name: prod\n      namespace: '{service}-prod'\n      requires: [staging]\n"
      )
    },
    at: at('requires: [staging]'),
    because: /staging|requires|environment/i
  }
]

const registry: HostileCase[] = [
  {
    name: 'registry repository given as a URL',
    classes: [1],
    ...render,
    files: {
      [config]: withServices('    - { name: shop, repository: https://github.com/acme/shop }')
    },
    at: at('https://github.com/acme/shop'),
    because: /repository|owner\/name|pattern/i
  },
  {
    name: 'registry entry without a repository',
    classes: [1],
    ...render,
    files: { [config]: withServices('    - { name: shop }') },
    at: at('{ name: shop }'),
    because: /repository|required/i
  },
  {
    name: 'registry name that is not a DNS label',
    classes: [1],
    ...render,
    files: { [config]: withServices('    - { name: Shop_Service, repository: acme/shop }') },
    at: at('Shop_Service'),
    because: /name|pattern|DNS/i
  },
  {
    name: 'registry repository with an unknown placeholder',
    classes: [1, 10],
    ...render,
    files: { [config]: withServices("    - { name: '*', repository: 'acme/{svc}' }") },
    at: at('{svc}'),
    because: /repository|placeholder|pattern/i
  },
  {
    name: 'registry entry with an unknown field',
    classes: [1],
    ...render,
    files: { [config]: withServices('    - { name: shop, repository: acme/shop, trusted: true }') },
    at: at('trusted: true'),
    because: /trusted|additional|unknown|not allowed/i
  },
  {
    name: 'secret store keyPattern that is empty',
    classes: [4],
    ...render,
    files: {
      [config]: platform(
        'vault: { name: vault-dev, kind: ClusterSecretStore }',
        "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '' }"
      )
    },
    at: at("keyPattern: ''"),
    because: /keyPattern|empty|least|short/i
  },
  {
    name: 'secret store keyPattern with an unknown placeholder',
    classes: [4, 10],
    ...render,
    files: {
      [config]: platform(
        'vault: { name: vault-dev, kind: ClusterSecretStore }',
        "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{team}/*' }"
      )
    },
    at: at('{team}'),
    because: /keyPattern|placeholder|\{team\}|unknown/i
  },
  {
    name: 'kinds entry with an unknown scope',
    classes: [6],
    ...render,
    files: {
      [config]: platform(
        '  registries:\n',
        '  kinds:\n    - { apiVersion: widgets.acme.io/v1, kind: Widget, scope: Global }\n  registries:\n'
      )
    },
    at: at('scope: Global'),
    because: /scope|Namespaced|Cluster|allowed/i
  },
  {
    name: 'kinds entry whose apiVersion has no group',
    classes: [6],
    ...render,
    files: {
      [config]: platform(
        '  registries:\n',
        '  kinds:\n    - { apiVersion: v1, kind: Secret, scope: Cluster }\n  registries:\n'
      )
    },
    at: at('apiVersion: v1, kind: Secret'),
    because: /apiVersion|pattern|group/i
  }
]

const shape: HostileCase[] = [
  {
    name: 'quota maximum is .inf',
    classes: [10],
    ...render,
    files: { [config]: platform('maximum: 100 }', 'maximum: .inf }') },
    at: at('maximum: .inf'),
    because: /inf|number|finite/i
  },
  {
    name: 'default label value is .nan',
    classes: [10],
    ...render,
    files: { [config]: platform('acme.io/managed-by: idp', 'acme.io/managed-by: .nan') },
    at: at('acme.io/managed-by: .nan'),
    because: /nan|number|finite|string/i
  },
  {
    name: 'unknown YAML tag !include in the platform config',
    classes: [10],
    ...render,
    files: {
      [config]: platform(
        '  policies:\n    - policies/\n',
        '  policies: !include ../outside/secret.txt\n'
      )
    },
    at: at('!include'),
    because: /tag/i
  },
  {
    name: 'alias bomb in the platform config',
    classes: [8],
    ...render,
    files: {
      [config]: `x1: &a [y, y, y, y, y, y, y, y, y, y]\nx2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nx3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nx4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\nx5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nx6: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n${PLATFORM}`
    },
    at: { file: config },
    because: /alias|anchor/i
  },
  {
    name: '10k-deep nesting in the platform config',
    classes: [8],
    ...render,
    files: {
      [config]: platform(
        '  defaults:\n',
        `  x-deep: ${'['.repeat(10000)}${']'.repeat(10000)}\n  defaults:\n`
      )
    },
    at: { file: config },
    because: /deep|nest|depth|too/i
  },
  {
    name: 'duplicate keys in the platform config',
    classes: [10],
    ...render,
    files: { [config]: platform('    branch: main\n', '    branch: main\n    branch: evil\n') },
    at: at('branch: evil'),
    because: /duplicate|unique|twice/i
  },
  {
    name: 'platform config is a FIFO',
    classes: [3, 8],
    ...render,
    files: { [config]: { fifo: true } },
    at: { file: config, whole: true },
    because: /fifo|pipe|regular|special/i
  },
  {
    name: 'platform config is a directory',
    classes: [3, 10],
    ...render,
    files: { [config]: { dir: true } },
    at: { file: config, whole: true },
    because: /directory|folder|regular/i
  },
  {
    name: 'platform config of 24 MB',
    classes: [8],
    ...render,
    files: () => ({ [config]: PLATFORM + `# ${'p'.repeat(1023)}\n`.repeat(24 * 1024) }),
    at: { file: config, whole: true },
    because: /large|bytes|size|limit|KiB|MB/i
  }
]

export const platformArea: Area = {
  name: 'platform',
  action: 'render-manifests',
  inputs: {
    descriptor: 'idp.yaml',
    'platform-config': config,
    image: IMAGE,
    'output-dir': 'out'
  },
  cases: [...regex, ...schemaRefs, ...patterns, ...registry, ...shape]
}
