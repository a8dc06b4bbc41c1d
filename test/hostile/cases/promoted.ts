// Hostile promotions: a service pipeline controls the folder it promotes, its render record and the
// promote inputs. It may try to write another service's folder or outside its own, publish links,
// nested repositories and special files, inject options through branch names, or get the token
// written somewhere. Nothing may reach the GitOps repository.
import type { Area, HostileCase, Rendered } from '../harness.js'
import { SENTINEL } from '../harness.js'
import { platform, tampered, withServices } from '../template.js'

const promote = { action: 'promote' } as const
const dev = (file: string) => `rendered/dev/${file}`
const record = (patch: Record<string, unknown>) => (r: Rendered) => tampered(r, {}, patch)
const withFiles =
  (files: Record<string, unknown>) =>
  (r: Rendered): Record<string, never> =>
    ({ ...tampered(r), ...files }) as Record<string, never>
const config = 'platform/platform.yaml'

const identity: HostileCase[] = [
  {
    name: 'render record claims another service (first writer owns its folder)',
    classes: [1],
    ...promote,
    files: record({ service: 'payments', namespace: 'payments-dev' }),
    because: /payments|owner|own|repository|another/i
  },
  {
    name: 'record claims another service and lies about its source repository',
    classes: [1],
    ...promote,
    files: record({
      service: 'payments',
      namespace: 'payments-dev',
      source: { repository: 'acme/payments', commit: 'c'.repeat(40), descriptor: 'idp.yaml' }
    }),
    because: /payments|owner|own|repository|another/i
  },
  {
    name: 'registered service promoted from another repository',
    classes: [1],
    ...promote,
    files: { [config]: withServices('    - { name: shop, repository: acme/shop-platform }') },
    because: /repositor|regist/i
  },
  {
    name: 'record names a service registered to another repository',
    classes: [1],
    ...promote,
    files: r => ({
      [config]: withServices(
        '    - { name: payments, repository: acme/payments }\n    - { name: shop, repository: acme/shop }'
      ),
      ...tampered(r, {}, { service: 'payments', namespace: 'payments-dev' })
    }),
    because: /repositor|regist|payments/i
  },
  {
    name: 'record names a service the registry does not know',
    classes: [1],
    ...promote,
    files: r => ({
      [config]: withServices('    - { name: shop, repository: acme/shop }'),
      ...tampered(r, {}, { service: 'shadow', namespace: 'shadow-dev' })
    }),
    because: /regist|shadow|unknown|not allowed/i
  },
  {
    name: "path input aims at another service's folder",
    classes: [1, 2],
    ...promote,
    inputs: { path: 'envs/dev/payments' },
    because: /path|pattern|folder|payments|narrow|outside/i
  },
  {
    name: 'path input with {service} swapped for a literal other service',
    classes: [1, 2],
    ...promote,
    inputs: { path: 'envs/{environment}/payments' },
    because: /path|pattern|folder|payments|narrow|outside/i
  }
]

const paths: HostileCase[] = [
  {
    name: 'path input climbing out with ..',
    classes: [2],
    ...promote,
    inputs: { path: '../envs/dev/shop' },
    because: /path|\.\.|outside|pattern/i
  },
  {
    name: 'path input is absolute',
    classes: [2],
    ...promote,
    inputs: { path: '/envs/dev/shop' },
    because: /path|absolute|outside|pattern/i
  },
  {
    name: 'path input is the repository root',
    classes: [2],
    ...promote,
    inputs: { path: '.' },
    because: /path|root|pattern|folder|narrow/i
  },
  {
    name: 'path input is the environment folder (every service)',
    classes: [2],
    ...promote,
    inputs: { path: 'envs/dev' },
    because: /path|pattern|folder|narrow/i
  },
  {
    name: 'path input hides .. after the service folder',
    classes: [2],
    ...promote,
    inputs: { path: 'envs/dev/shop/../payments' },
    because: /path|\.\.|pattern|outside/i
  },
  {
    name: 'path input widens to the platform folder',
    classes: [2],
    ...promote,
    inputs: { path: 'clusters/dev' },
    because: /path|pattern|folder|narrow/i
  },
  {
    name: "path input points at another environment's folder",
    classes: [2],
    ...promote,
    inputs: { path: 'envs/prod/shop' },
    because: /path|pattern|environment|narrow/i
  },
  {
    name: 'path input into the .git folder',
    classes: [2],
    ...promote,
    inputs: { path: '.git/hooks' },
    because: /path|\.git|pattern|narrow/i
  },
  {
    name: 'path input with a backslash traversal',
    classes: [2],
    ...promote,
    inputs: { path: 'envs\\..\\..\\x' },
    because: /path|pattern|narrow|character/i
  },
  {
    name: 'path input with a newline',
    classes: [2],
    ...promote,
    inputs: { path: 'envs/dev/shop\nclusters' },
    because: /path|pattern|newline|character/i
  },
  {
    name: 'environment input differs from the record',
    classes: [2],
    ...promote,
    inputs: { environment: 'prod' },
    because: /environment|rendered for/i
  },
  {
    name: 'environment input climbing out',
    classes: [2],
    ...promote,
    inputs: { environment: '../clusters' },
    because: /environment/i
  },
  {
    name: 'record environment climbs out of envs/',
    classes: [2],
    ...promote,
    files: record({ environment: '../../clusters' }),
    because: /environment|path|pattern|record/i
  },
  {
    name: 'record service climbs out of its folder',
    classes: [2],
    ...promote,
    files: record({ service: '../payments' }),
    because: /service|path|pattern|record|name/i
  },
  {
    name: 'record service hides a path',
    classes: [2],
    ...promote,
    files: record({ service: 'shop/../../clusters/dev' }),
    because: /service|path|pattern|record|name/i
  },
  {
    name: 'record service is empty',
    classes: [2],
    ...promote,
    files: record({ service: '' }),
    because: /service|path|pattern|record|name|empty/i
  },
  {
    name: 'record service is not a string',
    classes: [2, 10],
    ...promote,
    files: record({ service: { $ne: 1 } }),
    because: /service|record|string|name/i
  },
  {
    name: 'record environment the platform does not have',
    classes: [2],
    ...promote,
    files: record({ environment: 'staging' }),
    because: /environment|staging/i
  },
  {
    name: 'platform path pattern without {service}',
    classes: [2],
    ...promote,
    files: {
      [config]: platform(
        '    path: envs/{environment}/{service}\n',
        '    path: envs/{environment}\n'
      )
    },
    at: { file: config, line: 'path: envs/{environment}' },
    because: /path|\{service\}|pattern/i
  },
  {
    name: 'platform path pattern climbing out',
    classes: [2],
    ...promote,
    files: {
      [config]: platform(
        '    path: envs/{environment}/{service}\n',
        '    path: ../{environment}/{service}\n'
      )
    },
    at: { file: config, line: 'path: ../' },
    because: /path|\.\.|pattern|outside/i
  }
]

const folder: HostileCase[] = [
  {
    name: 'published folder holds a symlink to a secret outside',
    classes: [3],
    ...promote,
    files: withFiles({ [dev('leak.yaml')]: { symlink: '__OUTSIDE__/secret.txt' } }),
    because: /symlink|link/i
  },
  {
    name: 'published folder holds a symlink to /etc/passwd',
    classes: [3],
    ...promote,
    files: withFiles({ [dev('passwd.yaml')]: { symlink: '/etc/passwd' } }),
    because: /symlink|link/i
  },
  {
    name: 'published folder holds a symlinked folder out',
    classes: [3],
    ...promote,
    files: withFiles({ [dev('more')]: { symlink: '__OUTSIDE__' } }),
    because: /symlink|link/i
  },
  {
    name: 'published folder holds a relative symlink to the repository',
    classes: [3],
    ...promote,
    files: withFiles({ [dev('idp-link.yaml')]: { symlink: '../../idp.yaml' } }),
    because: /symlink|link/i
  },
  {
    name: 'published folder holds a nested .git folder with hooks',
    classes: [3, 10],
    ...promote,
    files: withFiles({
      [dev('sub/.git/config')]: '[core]\n\tfsmonitor = touch /tmp/pwned\n',
      [dev('sub/.git/HEAD')]: 'ref: refs/heads/main\n',
      [dev('sub/x.yaml')]: 'a: 1\n'
    }),
    because: /\.git|nested|repository/i
  },
  {
    name: 'published folder holds a .git file pointing elsewhere',
    classes: [3, 10],
    ...promote,
    files: withFiles({ [dev('.git')]: 'gitdir: ../../../outside\n' }),
    because: /\.git|nested|repository/i
  },
  {
    name: 'published folder holds a FIFO',
    classes: [3, 8],
    ...promote,
    files: withFiles({ [dev('pipe.yaml')]: { fifo: true } }),
    because: /fifo|pipe|regular|special/i
  },
  {
    name: 'render record is a symlink to another folder record',
    classes: [3],
    ...promote,
    files: r => ({
      ...tampered(r),
      [dev('.idp/render.json')]: { symlink: '../../../outside/render.json' },
      '../outside/render.json': r.dev['.idp/render.json']
    }),
    because: /symlink|link|outside|render\.json/i
  },
  {
    name: 'render record is a directory',
    classes: [3, 10],
    ...promote,
    files: r => ({ ...tampered(r), [dev('.idp/render.json')]: { dir: true } }),
    because: /directory|folder|regular|record/i
  },
  {
    name: 'render record of 24 MB',
    classes: [3, 8],
    ...promote,
    files: r => ({
      ...tampered(r),
      [dev('.idp/render.json')]: r.dev['.idp/render.json'].replace(
        '{',
        `{"pad":"${'p'.repeat(24 * 1024 * 1024)}",`
      )
    }),
    because: /large|bytes|size|limit|KiB|MB/i
  },
  {
    name: 'manifests input climbing out of the repository',
    classes: [3],
    ...promote,
    inputs: { manifests: '../outside' },
    because: /outside|repository|workspace|record/i
  },
  {
    name: 'manifests input is an absolute folder outside',
    classes: [3],
    ...promote,
    inputs: { manifests: '__OUTSIDE__' },
    because: /outside|repository|workspace|record/i
  },
  {
    name: 'manifests input is a symlink to a folder outside',
    classes: [3],
    ...promote,
    inputs: { manifests: 'rendered/link' },
    files: { 'rendered/link': { symlink: '__OUTSIDE__' } },
    because: /symlink|link|outside|record/i
  },
  {
    name: 'a published file of 24 MB',
    classes: [3, 8],
    ...promote,
    files: r =>
      tampered(r, {
        'big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big, namespace: shop-dev }\ndata:\n  blob: ${'b'.repeat(24 * 1024 * 1024)}\n`
      }),
    because: /large|bytes|size|limit|KiB|MB/i
  }
]

const refs: HostileCase[] = [
  {
    name: 'branch input with ..',
    classes: [10],
    ...promote,
    inputs: { branch: 'main..evil' },
    because: /branch|ref/i
  },
  {
    name: 'branch input that is a git option',
    classes: [10],
    ...promote,
    inputs: { branch: '--upload-pack=touch /tmp/pwned' },
    because: /branch|ref|option/i
  },
  {
    name: 'branch input starting with a dash',
    classes: [10],
    ...promote,
    inputs: { branch: '-main' },
    because: /branch|ref|option/i
  },
  {
    name: 'branch input ending in .lock',
    classes: [10],
    ...promote,
    inputs: { branch: 'main.lock' },
    because: /branch|ref/i
  },
  {
    name: 'branch input with a space',
    classes: [10],
    ...promote,
    inputs: { branch: 'ma in' },
    because: /branch|ref/i
  },
  {
    name: 'branch input with @{',
    classes: [10],
    ...promote,
    inputs: { branch: 'main@{1}' },
    because: /branch|ref/i
  },
  {
    name: 'platform branch that is not a valid ref',
    classes: [10],
    ...promote,
    files: { [config]: platform('    branch: main\n', "    branch: 'main~1'\n") },
    at: { file: config, line: "branch: 'main~1'" },
    because: /branch|ref/i
  },
  {
    name: 'repository input that is a git option',
    classes: [10],
    ...promote,
    inputs: { repository: '--upload-pack=touch /tmp/pwned' },
    because: /repository|option|URL/i
  },
  {
    name: 'repository input with credentials in the URL',
    classes: [9, 10],
    ...promote,
    inputs: { repository: `https://x:${SENTINEL}@127.0.0.1:9/acme/gitops.git` },
    because: /credential|URL|token|user/i
  },
  {
    name: 'repository input using the ext:: transport',
    classes: [10],
    ...promote,
    inputs: { repository: 'ext::sh -c touch% /tmp/pwned' },
    because: /repository|transport|URL|protocol|supported/i
  }
]

const tokens: HostileCase[] = [
  {
    name: 'SIGKILL while git runs leaves no token outside RUNNER_TEMP',
    classes: [9],
    ...promote,
    kill: 'SIGKILL',
    because: /./
  },
  {
    name: 'SIGKILL while git runs, via a foreign-service promotion',
    classes: [9],
    ...promote,
    kill: 'SIGKILL',
    files: record({ service: 'payments', namespace: 'payments-dev' }),
    because: /./
  }
]

export const promotedArea: Area = {
  name: 'promoted',
  action: 'promote',
  inputs: {
    manifests: 'rendered/dev',
    'platform-config': config,
    token: SENTINEL
  },
  cases: [...identity, ...paths, ...folder, ...refs, ...tokens]
}
