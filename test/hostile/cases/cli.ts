// The CLI as a developer runs it (`bin/idp.js`, no GITHUB_* variables): the service's identity comes
// from the checkout's git remote, temporary files live in a private folder removed on exit and on
// SIGINT/SIGTERM, and file reading goes through the same boundary as the actions.
import type { Area, HostileCase } from '../harness.js'
import { SENTINEL } from '../harness.js'
import { IMAGE, tampered, withServices } from '../template.js'

const cli = { via: 'cli' } as const
const render = { ...cli, action: 'render-manifests' } as const
const registered = {
  'platform/platform.yaml': withServices('    - { name: shop, repository: acme/shop }')
}
const at = (line: string) => ({ file: 'idp.yaml', line })
const promoteInputs = {
  manifests: 'rendered/dev',
  'platform-config': 'platform/platform.yaml',
  token: SENTINEL,
  descriptor: '',
  image: '',
  'output-dir': ''
}

const identity: HostileCase[] = [
  {
    name: 'git remote of another repository',
    classes: [1],
    ...render,
    files: registered,
    remote: 'https://github.com/acme/other.git',
    at: at('name: shop'),
    because: /repositor|remote|regist/i
  },
  {
    name: 'ssh git remote of another repository',
    classes: [1],
    ...render,
    files: registered,
    remote: 'git@github.com:acme/other.git',
    at: at('name: shop'),
    because: /repositor|remote|regist/i
  },
  {
    name: 'no git remote while the platform registers services',
    classes: [1],
    ...render,
    files: registered,
    remote: '',
    because: /repositor|remote|regist/i
  },
  {
    name: 'git remote with credentials of another repository (not echoed)',
    classes: [1, 9],
    ...render,
    files: registered,
    remote: `https://x:${SENTINEL}@github.com/acme/other.git`,
    at: at('name: shop'),
    because: /repositor|remote|regist/i
  },
  {
    name: 'promote of a registered service from another remote',
    classes: [1],
    ...cli,
    action: 'promote',
    inputs: promoteInputs,
    files: registered,
    remote: 'https://github.com/acme/other.git',
    because: /repositor|remote|regist/i
  }
]

const reading: HostileCase[] = [
  {
    name: 'descriptor symlink out',
    classes: [3],
    ...render,
    files: { 'idp.yaml': { symlink: '__OUTSIDE__/idp.yaml' } },
    at: { file: 'idp.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'catalog file mode with an API definition symlinked out',
    classes: [3],
    ...cli,
    action: 'register-catalog',
    inputs: {
      mode: 'file',
      'platform-config': 'platform/platform.yaml',
      image: '',
      'output-dir': ''
    },
    files: { 'openapi.yaml': { symlink: '__OUTSIDE__/secret.txt' } },
    at: { file: 'openapi.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'validate with a manifest symlinked out',
    classes: [3],
    ...cli,
    action: 'validate-policy',
    inputs: {
      manifests: 'rendered/dev',
      'platform-config': 'platform/platform.yaml',
      descriptor: '',
      image: '',
      'output-dir': ''
    },
    files: r => ({
      ...tampered(r),
      'rendered/dev/leak.yaml': { symlink: '__OUTSIDE__/secret.txt' }
    }),
    at: { file: 'rendered/dev/leak.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'promote of a folder holding a symlink',
    classes: [3],
    ...cli,
    action: 'promote',
    inputs: promoteInputs,
    files: r => ({
      ...tampered(r),
      'rendered/dev/leak.yaml': { symlink: '__OUTSIDE__/secret.txt' }
    }),
    because: /symlink|link/i
  }
]

const signals: HostileCase[] = [
  {
    name: 'SIGTERM while git runs removes the private temp folder',
    classes: [9],
    ...cli,
    action: 'promote',
    inputs: promoteInputs,
    kill: 'SIGTERM',
    because: /./
  },
  {
    name: 'SIGINT while git runs removes the private temp folder',
    classes: [9],
    ...cli,
    action: 'promote',
    inputs: promoteInputs,
    kill: 'SIGINT',
    because: /./
  },
  {
    name: 'SIGTERM during a catalog repository commit',
    classes: [9],
    ...cli,
    action: 'register-catalog',
    inputs: {
      mode: 'repository',
      'platform-config': 'platform/platform.yaml',
      token: SENTINEL,
      image: '',
      'output-dir': ''
    },
    kill: 'SIGTERM',
    because: /./
  }
]

export const cliArea: Area = {
  name: 'cli',
  action: 'render-manifests',
  inputs: {
    descriptor: 'idp.yaml',
    'platform-config': 'platform/platform.yaml',
    image: IMAGE,
    'output-dir': 'out'
  },
  cases: [...identity, ...reading, ...signals]
}
