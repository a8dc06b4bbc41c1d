// Hostile descriptors (idp.yaml) through render-manifests: reading outside the repository, another
// service's identity, protected metadata, Pod Security, secret keys, plain secrets, size and shape.
import type { Area, HostileCase } from '../harness.js'
import { descriptor, DESCRIPTOR, IMAGE, platform, withServices } from '../template.js'

const render = { action: 'render-manifests' } as const
const at = (line: string) => ({ file: 'idp.yaml', line })
const whole = { file: 'idp.yaml', whole: true }

/** A trait appended to the web component. */
const trait = (yaml: string) =>
  descriptor('        - type: scaler\n', `${yaml}        - type: scaler\n`)
/** An env entry added to the web component. */
const env = (line: string) =>
  descriptor('        LOG_LEVEL: info\n', `        LOG_LEVEL: info\n        ${line}\n`)
/** A property added to the web component. */
const property = (line: string) =>
  descriptor('        cpu: 250m\n', `        cpu: 250m\n        ${line}\n`)
/** Secret stores confined to the service's own keys. */
const CONFINED = platform(
  'vault: { name: vault-dev, kind: ClusterSecretStore }',
  "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{service}/*' }"
).replace(
  'vault: { name: vault-prod, kind: ClusterSecretStore }',
  "vault: { name: vault-prod, kind: ClusterSecretStore, keyPattern: '{service}/*' }"
)
const secretKey = (key: string) => ({
  'platform/platform.yaml': CONFINED,
  'idp.yaml': descriptor(
    '{ key: shop/db, property: password }',
    `{ key: '${key}', property: password }`
  )
})

const files: HostileCase[] = [
  {
    name: 'descriptor is a symlink to a file outside the repository',
    classes: [3],
    ...render,
    files: { 'idp.yaml': { symlink: '__OUTSIDE__/idp.yaml' } },
    at: whole,
    because: /symlink|link|outside/i
  },
  {
    name: 'descriptor is a relative symlink climbing out',
    classes: [3],
    ...render,
    files: { 'idp.yaml': { symlink: '../outside/idp.yaml' } },
    at: whole,
    because: /symlink|link|outside/i
  },
  {
    name: 'descriptor is a symlink to /proc/self/environ',
    classes: [3, 9],
    ...render,
    files: { 'idp.yaml': { symlink: '/proc/self/environ' } },
    at: whole,
    because: /symlink|link|outside|regular/i
  },
  {
    name: 'descriptor input climbs out of the repository',
    classes: [3],
    ...render,
    inputs: { descriptor: '../outside/idp.yaml' },
    because: /outside|repository|workspace/i
  },
  {
    name: 'descriptor input is an absolute path outside',
    classes: [3],
    ...render,
    inputs: { descriptor: '__OUTSIDE__/idp.yaml' },
    because: /outside|repository|workspace/i
  },
  {
    name: 'descriptor input is /proc/self/environ',
    classes: [3, 9],
    ...render,
    inputs: { descriptor: '/proc/self/environ' },
    because: /outside|repository|workspace|regular/i
  },
  {
    name: 'descriptor input is /dev/zero',
    classes: [3, 8],
    ...render,
    inputs: { descriptor: '/dev/zero' },
    because: /outside|device|regular|repository/i
  },
  {
    name: 'descriptor input is /dev/urandom',
    classes: [3, 8],
    ...render,
    inputs: { descriptor: '/dev/urandom' },
    because: /outside|device|regular|repository/i
  },
  {
    name: 'descriptor is a FIFO (would block a reader forever)',
    classes: [3, 8],
    ...render,
    files: { 'idp.yaml': { fifo: true } },
    at: whole,
    because: /fifo|pipe|regular|special/i
  },
  {
    name: 'descriptor is a directory',
    classes: [3, 10],
    ...render,
    files: { 'idp.yaml': { dir: true } },
    at: whole,
    because: /directory|folder|regular/i
  },
  {
    name: 'descriptor is 24 MB of comments',
    classes: [3, 8],
    ...render,
    files: () => ({ 'idp.yaml': DESCRIPTOR + `# ${'x'.repeat(1023)}\n`.repeat(24 * 1024) }),
    at: whole,
    because: /large|bytes|size|limit|MB|KB/i
  },
  {
    name: 'descriptor under a symlinked folder',
    classes: [3],
    ...render,
    files: { svc: { symlink: '__OUTSIDE__' } },
    inputs: { descriptor: 'svc/idp.yaml' },
    because: /symlink|link|outside/i
  }
]

const registry = (entries: string) => ({ 'platform/platform.yaml': withServices(entries) })
const identity: HostileCase[] = [
  {
    name: 'registered service rendered from another repository',
    classes: [1],
    ...render,
    files: registry('    - { name: shop, repository: acme/shop-platform }'),
    at: at('name: shop'),
    because: /repositor|regist/i
  },
  {
    name: 'another registered service name in this repository',
    classes: [1],
    ...render,
    files: {
      ...registry(
        '    - { name: payments, repository: acme/payments }\n    - { name: shop, repository: acme/shop }'
      ),
      'idp.yaml': descriptor('name: shop', 'name: payments')
    },
    at: at('name: payments'),
    because: /repositor|regist|payments/i
  },
  {
    name: 'a glob registry entry binds {service} to another repository',
    classes: [1],
    ...render,
    files: {
      ...registry("    - { name: '*', repository: 'acme/{service}' }"),
      'idp.yaml': descriptor('name: shop', 'name: billing')
    },
    at: at('name: billing'),
    because: /repositor|regist|billing/i
  },
  {
    name: 'service not registered while the platform registers services',
    classes: [1],
    ...render,
    files: {
      ...registry('    - { name: payments, repository: acme/payments }'),
      'idp.yaml': descriptor('name: shop', 'name: shadow')
    },
    at: at('name: shadow'),
    because: /regist|not allowed|unknown/i
  },
  {
    name: 'owner differs from the registered owner',
    classes: [1],
    ...render,
    files: {
      ...registry('    - { name: shop, repository: acme/shop, owner: team-shop }'),
      'idp.yaml': descriptor('owner: team-shop', 'owner: team-payments')
    },
    at: at('owner: team-payments'),
    because: /owner/i
  },
  {
    name: 'repository name differs only by a suffix',
    classes: [1],
    ...render,
    files: registry('    - { name: shop, repository: acme/shop }'),
    env: { GITHUB_REPOSITORY: 'acme/shop-fork' },
    at: at('name: shop'),
    because: /repositor|regist/i
  },
  {
    name: 'repository in another organisation with the same name',
    classes: [1],
    ...render,
    files: registry('    - { name: shop, repository: acme/shop }'),
    env: { GITHUB_REPOSITORY: 'evil/shop' },
    at: at('name: shop'),
    because: /repositor|regist/i
  },
  {
    name: 'a glob entry first in order does not let a later exact entry be bypassed',
    classes: [1],
    ...render,
    files: registry(
      "    - { name: 'sh*', repository: acme/shop }\n    - { name: shop, repository: acme/shop-platform }"
    ),
    at: at('name: shop'),
    because: /repositor|regist/i
  }
]

const names: HostileCase[] = [
  {
    name: 'metadata.name climbs out of the GitOps folder',
    classes: [2],
    ...render,
    files: { 'idp.yaml': descriptor('name: shop', 'name: ../payments') },
    at: at('name: ../payments'),
    because: /name|DNS|label|pattern/i
  },
  {
    name: 'metadata.name is a path',
    classes: [2],
    ...render,
    files: { 'idp.yaml': descriptor('name: shop', 'name: envs/dev/payments') },
    at: at('name: envs/dev/payments'),
    because: /name|DNS|label|pattern/i
  },
  {
    name: 'metadata.name with a newline',
    classes: [2, 5],
    ...render,
    files: { 'idp.yaml': descriptor('name: shop', 'name: "shop\\npayments"') },
    at: at('name: "shop'),
    because: /name|DNS|label|pattern/i
  },
  {
    name: 'an image quoting workflow commands and terminal escapes on lines of their own',
    classes: [5],
    ...render,
    inputs: { image: '' },
    files: {
      'idp.yaml': descriptor(
        'image: ghcr.io/acme/shop',
        'image: "ghcr.io/acme/shop\\n::set-output name=changed::true\\r::stop-commands::x\\e[2J"'
      )
    },
    at: at('image: "ghcr.io/acme/shop'),
    because: /image/i
  },
  {
    name: 'metadata.owner carrying an OSC 52 clipboard write',
    classes: [5],
    ...render,
    files: { 'idp.yaml': descriptor('owner: team-shop', 'owner: "team-shop\\e]52;c;ZXZpbA==\\a"') },
    at: at('owner: "team-shop'),
    because: /owner/i
  },
  {
    name: 'environment input climbs out of envs/',
    classes: [2],
    ...render,
    inputs: { environment: '../../clusters' },
    because: /environment/i
  },
  {
    name: 'environment input hides a path in a known name',
    classes: [2],
    ...render,
    inputs: { environment: 'dev/../prod' },
    because: /environment/i
  },
  {
    name: 'environment input lists an unknown environment after a known one',
    classes: [2],
    ...render,
    inputs: { environment: 'dev,../x' },
    because: /environment/i
  }
]

const metadata: HostileCase[] = [
  {
    name: 'labels trait overrides a platform default label',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { acme.io/managed-by: hand }\n'
      )
    },
    at: at('acme.io/managed-by'),
    because: /managed-by|protected|reserved|platform/i
  },
  {
    name: 'labels trait overrides an environment label',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { acme.io/environment: prod }\n'
      )
    },
    at: at('acme.io/environment'),
    because: /environment|protected|reserved|platform/i
  },
  {
    name: 'labels trait sets an idp.dev label',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { idp.dev/owner: team-payments }\n'
      )
    },
    at: at('idp.dev/owner'),
    because: /idp\.dev|protected|reserved/i
  },
  {
    name: 'labels trait sets app.kubernetes.io/managed-by',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { app.kubernetes.io/managed-by: helm }\n'
      )
    },
    at: at('app.kubernetes.io/managed-by'),
    because: /managed-by|protected|reserved/i
  },
  {
    name: 'labels trait sets app.kubernetes.io/part-of to another service',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { app.kubernetes.io/part-of: payments }\n'
      )
    },
    at: at('app.kubernetes.io/part-of'),
    because: /part-of|protected|reserved/i
  },
  {
    name: 'labels trait sets backstage.io/kubernetes-id of another service',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { backstage.io/kubernetes-id: payments }\n'
      )
    },
    at: at('backstage.io/kubernetes-id'),
    because: /kubernetes-id|protected|reserved/i
  },
  {
    name: 'annotations trait overrides a platform default annotation',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: annotations\n          properties: { acme.io/platform-docs: https://evil.example }\n'
      )
    },
    at: at('acme.io/platform-docs'),
    because: /platform-docs|protected|reserved|platform/i
  },
  {
    name: 'annotations trait sets an idp.dev annotation',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: annotations\n          properties: { idp.dev/owner: team-payments }\n'
      )
    },
    at: at('idp.dev/owner'),
    because: /idp\.dev|protected|reserved/i
  },
  {
    name: 'prod override adds a protected label',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': descriptor(
        '            scaler: { replicas: 2 }\n',
        '            scaler: { replicas: 2 }\n            labels: { acme.io/environment: dev }\n'
      ).replace(
        '        - type: scaler\n',
        '        - type: labels\n          properties: { tier: web }\n        - type: scaler\n'
      )
    },
    at: at('acme.io/environment: dev'),
    because: /environment|protected|reserved|platform/i
  },
  {
    name: 'label key in another case spelling of a protected prefix',
    classes: [5],
    ...render,
    files: {
      'idp.yaml': trait('        - type: labels\n          properties: { IDP.DEV/owner: x }\n')
    },
    at: at('IDP.DEV/owner'),
    because: /label|protected|reserved|invalid|key/i
  }
]

const podSecurity: HostileCase[] = [
  {
    name: 'storage trait mounts the host root',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: storage\n          properties:\n            hostPath:\n              - { name: root, path: /, mountPath: /host }\n'
      )
    },
    at: at('path: /,'),
    because: /host ?path|pod security|baseline/i
  },
  {
    name: 'storage trait mounts the Docker socket',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: storage\n          properties:\n            hostPath:\n              - { name: sock, path: /var/run/docker.sock, mountPath: /var/run/docker.sock }\n'
      )
    },
    at: at('path: /var/run/docker.sock'),
    because: /host ?path|pod security|baseline|socket/i
  },
  {
    name: 'storage trait mounts the containerd socket',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: storage\n          properties:\n            hostPath:\n              - { name: sock, path: /run/containerd/containerd.sock, mountPath: /run/c.sock }\n'
      )
    },
    at: at('containerd.sock'),
    because: /host ?path|pod security|baseline|socket/i
  },
  {
    name: 'storage trait mounts /etc of the node',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: storage\n          properties:\n            hostPath:\n              - { name: etc, path: /etc, mountPath: /node-etc }\n'
      )
    },
    at: at('path: /etc'),
    because: /host ?path|pod security|baseline/i
  },
  {
    name: 'webservice volumeMounts hostPath',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': property(
        'volumeMounts:\n          hostPath:\n            - { name: root, path: /, mountPath: /host }'
      )
    },
    at: at('path: /,'),
    because: /host ?path|pod security|baseline/i
  },
  {
    name: 'prod override adds a hostPath to the storage trait',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': descriptor(
        '            scaler: { replicas: 2 }\n',
        '            scaler: { replicas: 2 }\n            storage: { hostPath: [{ name: root, path: /, mountPath: /host }] }\n'
      ).replace(
        '        - type: scaler\n',
        '        - type: storage\n          properties: { emptyDir: [{ name: cache, mountPath: /cache }] }\n        - type: scaler\n'
      )
    },
    at: at('storage: { hostPath'),
    because: /host ?path|pod security|baseline/i
  },
  {
    name: 'component type the platform does not allow',
    classes: [6],
    ...render,
    files: { 'idp.yaml': descriptor('      type: webservice', '      type: raw') },
    at: at('type: raw'),
    because: /type|allowed/i
  },
  {
    name: 'trait type the platform does not allow (json-patch)',
    classes: [6],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: json-patch\n          properties: { operations: [{ op: add, path: /spec/hostNetwork, value: true }] }\n'
      )
    },
    at: at('type: json-patch'),
    because: /type|allowed/i
  }
]

const secretKeys: HostileCase[] = [
  {
    name: 'secret key of another service in a confined store',
    classes: [4],
    ...render,
    files: secretKey('payments/db'),
    at: at('payments/db'),
    because: /key|pattern|store/i
  },
  {
    name: 'secret key that climbs out of the service prefix',
    classes: [4],
    ...render,
    files: secretKey('shop/../payments/db'),
    at: at('shop/../payments/db'),
    because: /key|pattern|store/i
  },
  {
    name: 'secret key sharing the prefix text only',
    classes: [4],
    ...render,
    files: secretKey('shopping/db'),
    at: at('shopping/db'),
    because: /key|pattern|store/i
  },
  {
    name: 'secret key with a leading slash',
    classes: [4],
    ...render,
    files: secretKey('/payments/db'),
    at: at('/payments/db'),
    because: /key|pattern|store/i
  },
  {
    name: 'secret key that is a wildcard',
    classes: [4],
    ...render,
    files: secretKey('*'),
    at: at("key: '*'"),
    because: /key|pattern|store/i
  },
  {
    name: 'secret key of the bare prefix',
    classes: [4],
    ...render,
    files: secretKey('shop'),
    at: at("key: 'shop'"),
    because: /key|pattern|store/i
  },
  {
    name: 'prod override moves the secret to a confined store with a foreign key',
    classes: [4],
    ...render,
    files: {
      'platform/platform.yaml': CONFINED.replace(
        "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{service}/*' }",
        "vault: { name: vault-dev, kind: ClusterSecretStore, keyPattern: '{service}/*' }\n        open: { name: open-dev, kind: SecretStore }"
      ).replace(
        "vault: { name: vault-prod, kind: ClusterSecretStore, keyPattern: '{service}/*' }",
        "vault: { name: vault-prod, kind: ClusterSecretStore, keyPattern: '{service}/*' }\n        open: { name: open-prod, kind: SecretStore }"
      ),
      'idp.yaml': descriptor('      store: vault\n', '      store: open\n')
        .replace('{ key: shop/db, property: password }', '{ key: payments/db, property: password }')
        .replace('    prod:\n', '    prod:\n      secrets:\n        db: { store: vault }\n')
    },
    at: at('payments/db'),
    because: /key|pattern|store/i
  }
]

const plainSecrets: HostileCase[] = [
  {
    name: 'literal password in env',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('ADMIN_PASSWORD: hunter2-hunter2') },
    at: at('ADMIN_PASSWORD'),
    because: /secret|password|\$\{secrets/i
  },
  {
    name: 'literal API key in env',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('STRIPE_API_KEY: not-really-a-key-42') },
    at: at('STRIPE_API_KEY'),
    because: /secret|key|\$\{secrets/i
  },
  {
    name: 'GitHub token under a harmless name',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('CONFIG_VALUE: ghp_R7mC4pXq9vL2sT8wYb3nK6dF1hJ5gA0eZ2uI') },
    at: at('CONFIG_VALUE'),
    because: /secret|token|credential|GitHub|\$\{secrets/i
  },
  {
    name: 'AWS access key id',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('S3_USER: AKIAQ3EGRBDCFJ6ZLW7N') },
    at: at('S3_USER'),
    because: /secret|AWS|credential|key|\$\{secrets/i
  },
  {
    name: 'AWS secret access key',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY') },
    at: at('AWS_SECRET_ACCESS_KEY'),
    because: /secret|AWS|credential|key|\$\{secrets/i
  },
  {
    name: 'PEM private key',
    classes: [7],
    ...render,
    files: {
      'idp.yaml': env(
        'TLS_KEY: "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA7bq9\\n-----END RSA PRIVATE KEY-----"'
      )
    },
    at: at('TLS_KEY'),
    because: /secret|private key|PEM|credential|\$\{secrets/i
  },
  {
    name: 'JWT under a harmless name',
    classes: [7],
    ...render,
    files: {
      'idp.yaml': env(
        'SESSION_SEED: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'
      )
    },
    at: at('SESSION_SEED'),
    because: /secret|token|JWT|credential|\$\{secrets/i
  },
  {
    name: 'high-entropy value with symbols under a harmless name',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('SEED: "q8Z#v2L!x9Rk@4Wm$7Tp^1Yc&6Hn*3Bf"') },
    at: at('SEED'),
    because: /secret|entropy|credential|\$\{secrets/i
  },
  {
    name: 'high-entropy base64 value under a harmless name',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('BLOB: Zk9xQ2VwTjRtUjd2WXMxYkw4aEc2ZEYzcUEwV2pLNXo') },
    at: at('BLOB'),
    because: /secret|entropy|credential|\$\{secrets/i
  },
  {
    name: 'Slack bot token',
    classes: [7],
    ...render,
    files: {
      'idp.yaml': env('NOTIFY_WITH: xoxb-2400112233-4455667788990-AbCdEfGhIjKlMnOpQrStUvWx')
    },
    at: at('NOTIFY_WITH'),
    because: /secret|token|Slack|credential|\$\{secrets/i
  },
  {
    name: 'password inside a connection URL',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('DATABASE_URL: postgres://shop:S3cr3tPassw0rd@db.acme.io:5432/shop') },
    at: at('DATABASE_URL'),
    because: /secret|password|credential|URL|\$\{secrets/i
  },
  {
    name: 'lower-case secret variable name',
    classes: [7],
    ...render,
    files: { 'idp.yaml': env('db_password: swordfish-swordfish') },
    at: at('db_password'),
    because: /secret|password|\$\{secrets/i
  },
  {
    name: 'literal secret only in the prod override',
    classes: [7],
    ...render,
    files: {
      'idp.yaml': descriptor(
        '            scaler: { replicas: 2 }\n',
        '            scaler: { replicas: 2 }\n          env:\n            DB_PASSWORD: prod-password-123\n'
      )
    },
    at: at('DB_PASSWORD: prod-password-123'),
    because: /secret|password|\$\{secrets/i
  },
  {
    name: 'GitHub token in a command argument property',
    classes: [7],
    ...render,
    files: {
      'idp.yaml': property("cmd: ['/app', '--token', 'ghp_R7mC4pXq9vL2sT8wYb3nK6dF1hJ5gA0eZ2uI']")
    },
    at: at('--token'),
    because: /secret|token|credential|GitHub|\$\{secrets/i
  },
  {
    name: 'private key in a trait property',
    classes: [7],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: env\n          properties: { env: { SIGNING_KEY: "-----BEGIN OPENSSH PRIVATE KEY-----\\nb3BlbnNzaC1rZXktdjEAAAAA\\n-----END OPENSSH PRIVATE KEY-----" } }\n'
      )
    },
    at: at('SIGNING_KEY'),
    because: /secret|private key|credential|\$\{secrets/i
  }
]

const nest = (n: number) => `${'['.repeat(n)}1${']'.repeat(n)}`
const mapNest = (n: number) => `${'{a: '.repeat(n)}1${'}'.repeat(n)}`
const shape: HostileCase[] = [
  {
    name: '10k-deep flow nesting in properties',
    classes: [8],
    ...render,
    files: { 'idp.yaml': property(`deep: ${nest(10000)}`) },
    at: { file: 'idp.yaml' },
    because: /deep|nest|depth|too/i
  },
  {
    name: '10k-deep flow mapping nesting in properties',
    classes: [8],
    ...render,
    files: { 'idp.yaml': property(`deep: ${mapNest(10000)}`) },
    at: { file: 'idp.yaml' },
    because: /deep|nest|depth|too/i
  },
  {
    name: '2k-deep nesting in a trait property',
    classes: [8],
    ...render,
    files: { 'idp.yaml': descriptor('replicas: 1 }', `replicas: 1, extra: ${nest(2000)} }`) },
    at: { file: 'idp.yaml' },
    because: /deep|nest|depth|too|extra|additional|propert/i
  },
  {
    name: '50k env entries',
    classes: [8],
    ...render,
    files: {
      'idp.yaml': env(Array.from({ length: 50000 }, (_, i) => `VAR_${i}: v`).join('\n        '))
    },
    at: { file: 'idp.yaml' },
    because: /env|entries|too many|limit|large/i,
    timeoutMs: 40000
  },
  {
    name: 'billion laughs through aliases',
    classes: [8],
    ...render,
    files: {
      'idp.yaml': `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\ng: [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]\n${DESCRIPTOR}`
    },
    at: { file: 'idp.yaml' },
    because: /alias|anchor/i
  },
  {
    name: 'a 5 MB single-line value',
    classes: [8],
    ...render,
    files: () => ({ 'idp.yaml': property(`note: ${'n'.repeat(5 * 1024 * 1024)}`) }),
    at: { file: 'idp.yaml' },
    because: /large|long|size|limit|bytes|not allowed|additional|propert/i
  },
  {
    name: '100k YAML documents',
    classes: [8],
    ...render,
    files: { 'idp.yaml': `${DESCRIPTOR}${'---\n{}\n'.repeat(100000)}` },
    at: { file: 'idp.yaml' },
    because: /document/i
  },
  {
    name: 'replicas is .inf',
    classes: [10],
    ...render,
    files: { 'idp.yaml': descriptor('replicas: 1 }', 'replicas: .inf }') },
    at: at('replicas: .inf'),
    because: /inf|number|finite|integer/i
  },
  {
    name: 'replicas is .nan',
    classes: [10],
    ...render,
    files: { 'idp.yaml': descriptor('replicas: 1 }', 'replicas: .nan }') },
    at: at('replicas: .nan'),
    because: /nan|number|finite|integer/i
  },
  {
    name: 'storage size is -.inf',
    classes: [10],
    ...render,
    files: { 'idp.yaml': descriptor('storageGB: 10 }', 'storageGB: -.inf }') },
    at: at('storageGB: -.inf'),
    because: /inf|number|finite|integer|minimum/i
  },
  {
    name: 'replicas beyond JSON safe integers',
    classes: [10],
    ...render,
    files: { 'idp.yaml': descriptor('replicas: 1 }', 'replicas: 9007199254740993 }') },
    at: at('9007199254740993'),
    because: /safe|number|integer|range|large/i
  },
  {
    name: 'env value 1e400 (infinite)',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('BIG: 1e400') },
    at: at('BIG: 1e400'),
    because: /inf|number|finite|range/i
  },
  {
    name: 'env value 1e+29 (unsafe number)',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('BIG: 1e+29') },
    at: at('BIG: 1e+29'),
    because: /safe|number|range|quote/i
  },
  {
    name: 'port is .inf',
    classes: [10],
    ...render,
    files: { 'idp.yaml': descriptor('ports: [8080]', 'ports: [.inf]') },
    at: at('ports: [.inf]'),
    because: /inf|number|finite|integer|port/i
  },
  {
    name: 'unterminated ${ in env',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('BROKEN: ${secrets.db.password') },
    at: at('BROKEN'),
    because: /\$\{|unterminated|closing|reference/i
  },
  {
    name: 'unterminated ${ in a property',
    classes: [10],
    ...render,
    files: { 'idp.yaml': property('cmd: ["--db=${resources.db.host"]') },
    at: at('--db='),
    because: /\$\{|unterminated|closing|reference/i
  },
  {
    name: 'nested ${ ${ } } reference',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('NESTED: ${secrets.${secrets.db.password}.x}') },
    at: at('NESTED'),
    because: /\$\{|reference|secret/i
  },
  {
    name: 'reference to a secret that is not declared',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('OTHER: ${secrets.payments-db.password}') },
    at: at('OTHER'),
    because: /secret|declared|unknown|payments-db/i
  },
  {
    name: 'unknown YAML tag !!python/object',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('X: !!python/object/apply:os.system ["id"]') },
    at: at('!!python'),
    because: /tag/i
  },
  {
    name: 'unknown YAML tag !include',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('X: !include ../outside/secret.txt') },
    at: at('!include'),
    because: /tag/i
  },
  {
    name: 'unknown YAML tag !!js/function',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env("X: !!js/function 'function () { return 1 }'") },
    at: at('!!js/function'),
    because: /tag/i
  },
  {
    name: 'binary tag !!binary in env',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('X: !!binary aGVsbG8=') },
    at: at('!!binary'),
    because: /tag|binary|string|type/i
  },
  {
    name: 'duplicate keys in a mapping',
    classes: [10],
    ...render,
    files: { 'idp.yaml': env('LOG_LEVEL: debug') },
    at: { file: 'idp.yaml', line: 'LOG_LEVEL: debug' },
    because: /duplicate|unique|twice/i
  },
  {
    name: 'NUL bytes in the descriptor',
    classes: [10],
    ...render,
    files: {
      'idp.yaml': Buffer.concat([Buffer.from(DESCRIPTOR), Buffer.from([0, 0, 0, 0xff, 0xfe])])
    },
    at: { file: 'idp.yaml' },
    because: /character|binary|invalid|NUL|control|text/i
  },
  {
    name: 'a merge key pulling in another mapping with a protected label',
    classes: [5, 10],
    ...render,
    files: {
      'idp.yaml': trait(
        '        - type: labels\n          properties: { <<: { acme.io/managed-by: hand } }\n'
      )
    },
    at: { file: 'idp.yaml', line: 'acme.io/managed-by: hand' },
    because: /managed-by|protected|reserved|merge|<</i
  },
  {
    name: 'kind is a list, not a string',
    classes: [10],
    ...render,
    files: { 'idp.yaml': descriptor('kind: Service', 'kind: [Service]') },
    at: at('kind: [Service]'),
    because: /kind|string|Service/i
  }
]

export const descriptorArea: Area = {
  name: 'descriptor',
  action: 'render-manifests',
  inputs: {
    descriptor: 'idp.yaml',
    'platform-config': 'platform/platform.yaml',
    image: IMAGE,
    'output-dir': 'out'
  },
  cases: [
    ...files,
    ...identity,
    ...names,
    ...metadata,
    ...podSecurity,
    ...secretKeys,
    ...plainSecrets,
    ...shape
  ]
}
