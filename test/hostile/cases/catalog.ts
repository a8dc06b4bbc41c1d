// Hostile catalog registrations (register-catalog, repository mode, into the sandbox's catalog
// repository): API definitions and docs read from outside the repository, annotations idp derives,
// links and entity refs Backstage would misread, another service's entity, and slow or chatty
// Backstage backends.
import type { Area, HostileCase } from '../harness.js'
import { SENTINEL } from '../harness.js'
import { descriptor, withServices } from '../template.js'

const catalog = { action: 'register-catalog' } as const
const at = (line: string) => ({ file: 'idp.yaml', line })
const api = (definition: string) => ({
  'idp.yaml': descriptor('definition: ./openapi.yaml', `definition: ${definition}`)
})
const annotation = (line: string) => ({
  'idp.yaml': descriptor('  docs: ./docs\n', `  docs: ./docs\n  annotations:\n    ${line}\n`)
})
const link = (url: string) => ({ 'idp.yaml': descriptor('https://runbooks.acme.io/shop', url) })

const reading: HostileCase[] = [
  {
    name: 'API definition climbing out of the repository',
    classes: [3],
    ...catalog,
    files: api('../outside/secret.txt'),
    at: at('definition: ../outside'),
    because: /outside|repository|definition/i
  },
  {
    name: 'API definition as an absolute path',
    classes: [3],
    ...catalog,
    files: api('__OUTSIDE__/secret.txt'),
    at: at('definition: '),
    because: /outside|repository|absolute|definition/i
  },
  {
    name: 'API definition is /proc/self/environ',
    classes: [3, 9],
    ...catalog,
    files: api('/proc/self/environ'),
    at: at('definition: /proc'),
    because: /outside|repository|absolute|definition|regular/i
  },
  {
    name: 'API definition is /dev/zero',
    classes: [3, 8],
    ...catalog,
    files: api('/dev/zero'),
    at: at('definition: /dev/zero'),
    because: /outside|repository|absolute|definition|device|regular/i
  },
  {
    name: 'API definition is a symlink to a secret outside',
    classes: [3],
    ...catalog,
    files: { 'openapi.yaml': { symlink: '__OUTSIDE__/secret.txt' } },
    at: { file: 'openapi.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'API definition is a relative symlink chain out',
    classes: [3],
    ...catalog,
    files: {
      'openapi.yaml': { symlink: 'specs/current.yaml' },
      'specs/current.yaml': { symlink: '../../outside/secret.txt' }
    },
    at: { file: 'openapi.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'API definition is a FIFO',
    classes: [3, 8],
    ...catalog,
    files: { 'openapi.yaml': { fifo: true } },
    at: { file: 'openapi.yaml', whole: true },
    because: /fifo|pipe|regular|special/i
  },
  {
    name: 'API definition is a directory',
    classes: [3, 10],
    ...catalog,
    files: { 'openapi.yaml': { dir: true } },
    at: { file: 'openapi.yaml', whole: true },
    because: /directory|folder|regular/i
  },
  {
    name: 'API definition of 24 MB',
    classes: [3, 8],
    ...catalog,
    files: () => ({ 'openapi.yaml': `openapi: 3.0.3\n# ${'o'.repeat(24 * 1024 * 1024)}\n` }),
    at: { file: 'openapi.yaml', whole: true },
    because: /large|bytes|size|limit|KiB|MB/i
  },
  {
    name: 'API definition under a symlinked folder',
    classes: [3],
    ...catalog,
    files: { ...api('./specs/secret.txt'), specs: { symlink: '__OUTSIDE__' } },
    at: at('definition: ./specs'),
    because: /symlink|link|outside/i
  },
  {
    name: 'docs folder climbing out of the repository',
    classes: [3, 5],
    ...catalog,
    files: { 'idp.yaml': descriptor('docs: ./docs', 'docs: ../outside/docs') },
    at: at('docs: ../outside'),
    because: /docs|outside|repository|techdocs/i
  },
  {
    name: 'docs folder is a symlink out',
    classes: [3, 5],
    ...catalog,
    files: { docs: { symlink: '__OUTSIDE__/docs' } },
    at: at('docs: ./docs'),
    because: /docs|symlink|link|outside|techdocs/i
  },
  {
    name: 'docs folder is an absolute path',
    classes: [3, 5],
    ...catalog,
    files: { 'idp.yaml': descriptor('docs: ./docs', 'docs: /etc') },
    at: at('docs: /etc'),
    because: /docs|outside|absolute|repository|techdocs/i
  },
  {
    name: 'descriptor is a symlink out',
    classes: [3],
    ...catalog,
    files: { 'idp.yaml': { symlink: '__OUTSIDE__/idp.yaml' } },
    at: { file: 'idp.yaml', whole: true },
    because: /symlink|link|outside/i
  },
  {
    name: 'manifests input outside the repository',
    classes: [3],
    ...catalog,
    inputs: { environment: 'dev', version: '1', manifests: '../outside' },
    because: /outside|repository|workspace|record/i
  }
]

const annotations: HostileCase[] = [
  {
    name: 'annotation backstage.io/source-location',
    classes: [5],
    ...catalog,
    files: annotation("backstage.io/source-location: 'url:https://github.com/acme/payments/'"),
    at: at('backstage.io/source-location'),
    because: /source-location|derive|protected|reserved|idp sets/i
  },
  {
    name: 'annotation backstage.io/managed-by-location',
    classes: [5],
    ...catalog,
    files: annotation(
      "backstage.io/managed-by-location: 'url:https://evil.example/catalog-info.yaml'"
    ),
    at: at('backstage.io/managed-by-location'),
    because: /managed-by-location|derive|protected|reserved|idp sets/i
  },
  {
    name: 'annotation backstage.io/managed-by-origin-location',
    classes: [5],
    ...catalog,
    files: annotation("backstage.io/managed-by-origin-location: 'url:https://evil.example/'"),
    at: at('backstage.io/managed-by-origin-location'),
    because: /origin-location|derive|protected|reserved|idp sets|managed-by/i
  },
  {
    name: 'annotation backstage.io/kubernetes-id of another service',
    classes: [5],
    ...catalog,
    files: annotation('backstage.io/kubernetes-id: payments'),
    at: at('backstage.io/kubernetes-id'),
    because: /kubernetes-id|derive|protected|reserved|idp sets/i
  },
  {
    name: 'annotation github.com/project-slug of another repository',
    classes: [5],
    ...catalog,
    files: annotation('github.com/project-slug: acme/payments'),
    at: at('github.com/project-slug'),
    because: /project-slug|derive|protected|reserved|idp sets/i
  },
  {
    name: 'annotation argocd/app-name of another application',
    classes: [5],
    ...catalog,
    files: annotation('argocd/app-name: payments-prod'),
    at: at('argocd/app-name'),
    because: /app-name|derive|protected|reserved|idp sets/i
  },
  {
    name: 'annotation techdocs-ref to a foreign URL',
    classes: [5],
    ...catalog,
    files: annotation("backstage.io/techdocs-ref: 'url:https://evil.example/docs'"),
    at: at('backstage.io/techdocs-ref'),
    because: /techdocs|derive|protected|reserved|repository|inside/i
  },
  {
    name: 'annotation techdocs-ref climbing out with dir:',
    classes: [5, 3],
    ...catalog,
    files: annotation("backstage.io/techdocs-ref: 'dir:../../'"),
    at: at('backstage.io/techdocs-ref'),
    because: /techdocs|derive|protected|reserved|repository|inside|outside/i
  },
  {
    name: 'annotation key that is not a valid key',
    classes: [5],
    ...catalog,
    files: annotation("'bad key/with spaces': x"),
    at: at('bad key'),
    because: /annotation|key|invalid|character/i
  }
]

const links: HostileCase[] = [
  {
    name: 'link with javascript:',
    classes: [5],
    ...catalog,
    files: link('javascript:alert(document.cookie)'),
    at: at('javascript:'),
    because: /link|url|http/i
  },
  {
    name: 'link with data:',
    classes: [5],
    ...catalog,
    files: link("'data:text/html,<script>alert(1)</script>'"),
    at: at('data:text'),
    because: /link|url|http/i
  },
  {
    name: 'link with file:',
    classes: [5],
    ...catalog,
    files: link('file:///etc/passwd'),
    at: at('file:///etc/passwd'),
    because: /link|url|http/i
  },
  {
    name: 'link with vbscript:',
    classes: [5],
    ...catalog,
    files: link('vbscript:msgbox(1)'),
    at: at('vbscript:'),
    because: /link|url|http/i
  },
  {
    name: 'protocol-relative link',
    classes: [5],
    ...catalog,
    files: link('//evil.example/x'),
    at: at('//evil.example'),
    because: /link|url|http/i
  },
  {
    name: 'link with upper-case JAVASCRIPT:',
    classes: [5],
    ...catalog,
    files: link('JaVaScRiPt:alert(1)'),
    at: at('JaVaScRiPt'),
    because: /link|url|http/i
  },
  {
    name: 'link with a leading space before javascript:',
    classes: [5],
    ...catalog,
    files: link("' javascript:alert(1)'"),
    at: at('javascript:'),
    because: /link|url|http/i
  },
  {
    name: 'link with a newline',
    classes: [5],
    ...catalog,
    files: link('"https://ok.example/\\njavascript:alert(1)"'),
    at: at('https://ok.example/'),
    because: /link|url|http|newline|character/i
  }
]

const refs: HostileCase[] = [
  {
    name: 'dependsOn ref with a newline',
    classes: [5],
    ...catalog,
    files: {
      'idp.yaml': descriptor(
        '  docs: ./docs\n',
        '  docs: ./docs\n  dependsOn: ["component:default/x\\nkind: Group"]\n'
      )
    },
    at: at('dependsOn'),
    because: /ref|dependsOn|invalid|newline|character/i
  },
  {
    name: 'dependsOn ref with spaces',
    classes: [5],
    ...catalog,
    files: {
      'idp.yaml': descriptor(
        '  docs: ./docs\n',
        '  docs: ./docs\n  dependsOn: ["component:default/a b"]\n'
      )
    },
    at: at('dependsOn'),
    because: /ref|dependsOn|invalid|character/i
  },
  {
    name: 'dependsOn ref with a path',
    classes: [5],
    ...catalog,
    files: {
      'idp.yaml': descriptor(
        '  docs: ./docs\n',
        '  docs: ./docs\n  dependsOn: ["resource:../../x"]\n'
      )
    },
    at: at('dependsOn'),
    because: /ref|dependsOn|invalid|character/i
  },
  {
    name: 'dependsOn ref with an empty name',
    classes: [5],
    ...catalog,
    files: {
      'idp.yaml': descriptor(
        '  docs: ./docs\n',
        '  docs: ./docs\n  dependsOn: ["component:default/"]\n'
      )
    },
    at: at('dependsOn'),
    because: /ref|dependsOn|invalid|empty|name/i
  },
  {
    name: 'owner ref with a newline',
    classes: [5],
    ...catalog,
    files: {
      'idp.yaml': descriptor('owner: team-shop', 'owner: "group:default/team-shop\\nspec: {}"')
    },
    at: at('owner:'),
    because: /owner|ref|invalid|newline|character/i
  },
  {
    name: 'owner ref of a User kind with a bad namespace',
    classes: [5],
    ...catalog,
    files: { 'idp.yaml': descriptor('owner: team-shop', "owner: 'group:Bad Namespace/team'") },
    at: at('owner:'),
    because: /owner|ref|invalid|namespace|character/i
  },
  {
    name: 'system with a colon trick',
    classes: [5],
    ...catalog,
    files: { 'idp.yaml': descriptor('system: commerce', "system: 'system:default/commerce:evil'") },
    at: at('system:'),
    because: /system|ref|invalid|character/i
  },
  {
    name: 'tag with a newline',
    classes: [5],
    ...catalog,
    files: { 'idp.yaml': descriptor('  docs: ./docs\n', '  docs: ./docs\n  tags: ["ok\\nbad"]\n') },
    at: at('tags:'),
    because: /tag|invalid|character|newline/i
  }
]

const identity: HostileCase[] = [
  {
    name: 'catalog entity of a service registered to another repository',
    classes: [1],
    ...catalog,
    files: {
      'platform/platform.yaml': withServices(
        '    - { name: payments, repository: acme/payments }\n    - { name: shop, repository: acme/shop }'
      ),
      'idp.yaml': descriptor('name: shop', 'name: payments')
    },
    at: at('name: payments'),
    because: /repositor|regist|payments/i
  },
  {
    name: 'catalog entity with an owner other than the registered one',
    classes: [1],
    ...catalog,
    files: {
      'platform/platform.yaml': withServices(
        '    - { name: shop, repository: acme/shop, owner: team-shop }'
      ),
      'idp.yaml': descriptor('owner: team-shop', 'owner: team-payments')
    },
    at: at('owner: team-payments'),
    because: /owner/i
  },
  {
    name: 'source-repository input claiming the registered repository',
    classes: [1],
    ...catalog,
    inputs: { 'source-repository': 'acme/shop-platform' },
    files: {
      'platform/platform.yaml': withServices('    - { name: shop, repository: acme/shop-platform }')
    },
    because: /repositor|regist/i
  }
]

const network: HostileCase[] = [
  {
    name: 'catalog repository branch that is not a valid ref',
    classes: [10],
    ...catalog,
    inputs: { branch: 'main..evil' },
    because: /branch|ref/i
  },
  {
    name: 'catalog repository branch that is a git option',
    classes: [10],
    ...catalog,
    inputs: { branch: '--upload-pack=touch /tmp/pwned' },
    because: /branch|ref|option/i
  },
  {
    name: 'catalog repository URL with credentials',
    classes: [9, 10],
    ...catalog,
    inputs: { repository: `https://x:${SENTINEL}@127.0.0.1:9/acme/catalog.git` },
    because: /credential|URL|token|user/i
  },
  {
    name: 'SIGKILL while git runs leaves no token outside RUNNER_TEMP',
    classes: [9],
    ...catalog,
    kill: 'SIGKILL',
    because: /./
  },
  {
    name: 'Backstage backend that never answers (timeout input applies)',
    classes: [8],
    ...catalog,
    inputs: {
      mode: 'backstage',
      'backstage-url': '__HTTP__/hang',
      'backstage-token': SENTINEL,
      location: 'https://github.com/acme/shop/blob/main/catalog-info.yaml',
      timeout: '3',
      token: ''
    },
    timeoutMs: 20000,
    because: /time|backstage|respond|answer/i
  },
  {
    name: 'Backstage error body carrying the token is not echoed',
    classes: [9],
    ...catalog,
    inputs: {
      mode: 'backstage',
      'backstage-url': '__HTTP__/echo',
      'backstage-token': 'other-token-value',
      location: 'https://github.com/acme/shop/blob/main/catalog-info.yaml',
      timeout: '3',
      token: ''
    },
    because: /backstage|status|401|500|error|failed/i
  },
  {
    name: 'Backstage answering with a 5 MB error body',
    classes: [8, 9],
    ...catalog,
    inputs: {
      mode: 'backstage',
      'backstage-url': '__HTTP__/huge',
      'backstage-token': SENTINEL,
      location: 'https://github.com/acme/shop/blob/main/catalog-info.yaml',
      timeout: '3',
      token: ''
    },
    because: /backstage|status|500|error|failed/i
  }
]

export const catalogArea: Area = {
  name: 'catalog',
  action: 'register-catalog',
  inputs: {
    descriptor: 'idp.yaml',
    'platform-config': 'platform/platform.yaml',
    mode: 'repository',
    token: SENTINEL
  },
  cases: [...reading, ...annotations, ...links, ...refs, ...identity, ...network]
}
