// Hostile promotion branches (see gate.ts) whose history, `requires` gate or render record fields
// attack: an old base merged back, an unrelated history, a record claiming the required environment's
// images, fields the merge copies into catalog-info.yaml and the summary.
import { OLD_COMMIT, OLD_IMAGE, PAYMENTS, SHOP, under } from '../gate-harness.js'
import { withServices } from '../template.js'
import type { GateAttack } from './gate-kit.js'
import { kustomization, messageOf, prod, RECORD, shop, withManifest } from './gate-kit.js'

const history: GateAttack[] = [
  {
    name: "old base merged back brings payments' older folder",
    branch: { files: shop(), base: 'old', mergeOld: true },
    because: /newer render of payments|outside its folder/,
    at: PAYMENTS
  },
  {
    name: 'a history unrelated to the deployed branch',
    branch: { files: shop(), orphan: true },
    because: /history/i,
    at: 'shares no history'
  }
]

const gates: GateAttack[] = [
  {
    name: 'requires: prod promotion of a release dev does not run',
    branch: prod({}),
    because: /requires dev/,
    at: 'envs/prod/shop/.idp/render.json'
  },
  {
    name: "requires: record claims dev's images while its manifests run another",
    branch: prod({
      images: { web: OLD_IMAGE },
      source: { repository: 'acme/shop', commit: OLD_COMMIT, descriptor: 'idp.yaml' }
    }),
    because: /images are not what/,
    at: 'envs/prod/shop'
  }
]

const DEPLOYMENT = (namespace: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: side, namespace: ${namespace} }\nspec:\n  selector: { matchLabels: { app: side } }\n  template:\n    metadata: { labels: { app: side } }\n    spec: { containers: [{ name: c, image: 'ghcr.io/acme/shop@sha256:${'d'.repeat(64)}' }] }\n`

gates.push({
  name: 'requires: a workload beside the Application runs an image the record does not name',
  branch: {
    files: withManifest('side.yaml', DEPLOYMENT('shop-dev'))
  },
  because: /Deployment \(apps\/v1\) is not a kind render writes/,
  at: `${SHOP}/side.yaml`
})

/** shop's dev render made a faithful prod one (namespace, store, environment label). */
const prodRender = prod({}, t =>
  t
    .replaceAll('vault-dev', 'vault-prod')
    .replace(
      /(acme\.io\/environment|app\.oam\.dev\/environment|idp\.dev\/environment)(["']?:\s*)dev\b/g,
      '$1$2prod'
    )
)
gates.push({
  name: 'requires: one change promotes the release to dev and prod together',
  branch: {
    ...prodRender,
    files: shop(),
    then: {
      files: prodRender.files,
      message: f =>
        f.message({
          '.idp/render.json': prodRender.files(f)['envs/prod/shop/.idp/render.json'] as string
        })
    }
  },
  because: /requires dev/,
  at: 'envs/prod/shop/.idp/render.json',
  // A promotion branch holds one folder; a pull request may hold both.
  only: 'verify'
})

const injection: GateAttack[] = [
  {
    name: 'catalog: runUrl is a javascript: link',
    branch: {
      files: f =>
        shop(
          {},
          {
            source: {
              ...(f.shopRecord.source as object),
              runUrl: 'javascript:alert(document.cookie)'
            }
          }
        )(f)
    },
    because: /source\.runUrl/,
    at: RECORD
  },
  {
    name: 'catalog: runUrl breaks out of the YAML line',
    branch: {
      files: f =>
        shop(
          {},
          {
            source: {
              ...(f.shopRecord.source as object),
              runUrl: 'https://x\n    idp.dev/owner: evil'
            }
          }
        )(f)
    },
    because: /runUrl|control|line break/i,
    at: RECORD
  },
  {
    name: 'catalog: runUrl holds markdown for the summary',
    branch: {
      files: f =>
        shop(
          {},
          {
            source: {
              ...(f.shopRecord.source as object),
              runUrl: 'https://github.com/acme/shop) [approve](https://evil.example'
            }
          }
        )(f)
    },
    because: /source\.runUrl/,
    at: RECORD
  },
  {
    name: 'catalog: an image forges another component in the images annotation',
    branch: {
      files: f =>
        shop(
          {},
          {
            images: {
              web: `${String(Object.values(f.shopRecord.images as object)[0])}, db=evil.example/x:1`
            }
          }
        )(f)
    },
    because: /image of web|images are not what/,
    at: RECORD
  }
]

const BOMB = [
  'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
  ...Array.from({ length: 9 }, (_, i) => {
    const [me, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)]
    return `${me}: &${me} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`
  })
].join('\n')

const records: GateAttack[] = [
  {
    name: 'record: its folder without a render record',
    branch: { files: f => ({ ...shop()(f), [RECORD]: null }) },
    because: /holds no \.idp\/render\.json/,
    at: SHOP
  },
  {
    name: 'record: not JSON',
    branch: {
      files: f => ({ ...shop()(f), [RECORD]: '{"service": "shop",' }),
      message: f => f.message(f.resealed())
    },
    because: /render\.json|JSON/,
    at: RECORD
  },
  {
    name: 'record: arrays nested 200000 deep',
    branch: {
      files: f => ({
        ...shop()(f),
        // A complete record with one more field nested deeper than any parser's stack.
        [RECORD]: (shop()(f)[RECORD] as string).replace(
          /^\{/,
          `{"x": ${'['.repeat(200000)}${']'.repeat(200000)},`
        )
      }),
      message: f => f.message(f.resealed())
    },
    because: /never writes|render\.json|nest|deep/i,
    at: RECORD
  },
  {
    name: 'record: 40 MiB',
    branch: {
      files: f => {
        const files = shop()(f)
        const record = JSON.parse(files[RECORD] as string)
        record.padding = 'x'.repeat(40 * 1024 * 1024)
        return { ...files, [RECORD]: JSON.stringify(record) }
      }
    },
    because: /large|size|MiB|bytes/i,
    at: RECORD,
    timeoutMs: 60000
  },
  {
    name: 'record: names environment prod in the dev folder',
    branch: { files: shop({}, { environment: 'prod', namespace: 'shop-prod' }) },
    because: /prod/,
    at: RECORD
  },
  {
    name: 'record: claims another namespace than its manifests',
    branch: { files: shop({}, { namespace: 'payments-dev' }) },
    because: /namespace|payments-dev/i,
    at: SHOP
  },
  {
    name: 'record: another file beside it in .idp/',
    branch: { files: f => ({ ...shop()(f), [`${SHOP}/.idp/extra.yaml`]: 'kind: ClusterRole\n' }) },
    because: /hidden file/,
    at: `${SHOP}/.idp/extra.yaml`
  },
  {
    name: 'record: an owner other than the registered one',
    branch: {
      files: shop({}, { owner: 'team-payments' }),
      platform: t =>
        withServices('    - { name: shop, repository: acme/shop, owner: team-shop }', t)
    },
    because: /owner/,
    at: RECORD
  },
  {
    name: 'record: a trailer value with a terminal escape',
    branch: {
      files: shop(),
      message: messageOf(m =>
        m.replace(
          /^Idp-Content-Digest: .*$/m,
          'Idp-Content-Digest: \u001b[2J\u001b]52;c;b3duZWQ=\u0007'
        )
      )
    },
    because: /Idp-Content-Digest/,
    at: RECORD
  },
  {
    name: 'history: a commit message the merge would copy, with escapes and workflow commands',
    branch: {
      files: shop(),
      message: messageOf(m =>
        m.replace(
          /^[^\n]*/,
          'promote shop \u001b[2J\u001b]8;;https://evil.example\u0007\r::stop-commands::x'
        )
      )
    },
    because: /commit message/,
    at: SHOP,
    // verify-gitops copies no message; merge-gitops would put it on the deployed branch.
    only: 'merge'
  },
  {
    name: 'history: a commit author with a terminal escape changes a file outside envs/',
    branch: {
      files: f => ({ ...shop()(f), 'README.md': '# owned\n' }),
      author: { name: 'evil\u001b[2J', email: 'evil\u001b]52;c;eA==\u0007@example.com' }
    },
    because: /outside/,
    at: 'README.md'
  },
  {
    name: 'history: more commits than the gate attributes (501)',
    branch: { files: shop(), extraCommits: 501 },
    because: /more than 500 commits/,
    at: 'commits',
    timeoutMs: 60000
  }
]

const validation: GateAttack[] = [
  {
    name: "validation: kustomization pulls another service's folder",
    branch: {
      files: f => under(SHOP, f.resealed({ 'kustomization.yaml': kustomization(f, '../payments') }))
    },
    because: /payments|kustomization|outside/i,
    at: `${SHOP}/kustomization.yaml`
  },
  {
    name: 'validation: kustomization with a remote base',
    branch: {
      files: f =>
        under(
          SHOP,
          f.resealed({
            'kustomization.yaml': kustomization(f, 'https://github.com/evil/k8s//rbac?ref=main')
          })
        )
    },
    because: /remote|kustomization|https/i,
    at: `${SHOP}/kustomization.yaml`
  },
  {
    name: 'validation: a ClusterRole inside a v1 List',
    branch: {
      files: withManifest(
        'list.yaml',
        'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: rbac.authorization.k8s.io/v1\n    kind: ClusterRole\n    metadata: { name: own }\n    rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }]\n'
      )
    },
    because: /cluster-scoped|ClusterRole|List/,
    at: `${SHOP}/list.yaml`
  },
  {
    name: 'validation: an image of another registry, the record agreeing',
    branch: {
      files: f => {
        const image = String(Object.values(f.shopRecord.images as object)[0])
        const evil = `docker.io/evil/miner@sha256:${'f'.repeat(64)}`
        return shop(
          { 'application.yaml': f.shop['application.yaml'].replaceAll(image, evil) },
          { images: { web: evil } }
        )(f)
      }
    },
    because: /registr|docker\.io/i,
    at: `${SHOP}/application.yaml`
  },
  {
    name: 'validation: a YAML alias bomb',
    branch: { files: withManifest('bomb.yaml', `${BOMB}\n`) },
    because: /alias|large|expand|Kubernetes object/i,
    at: `${SHOP}/bomb.yaml`
  }
]

const branches: GateAttack[] = [
  ['idp/dev/Shop', 'a branch name in another case'],
  ['idp/staging/shop', 'a branch for an environment the platform does not have'],
  ['idp/dev/shop/x', 'a branch with more than three parts']
].map(([branch, name]) => ({
  name: `branch: ${name} (${branch})`,
  branch: { branch, files: shop() },
  because: /not a promotion branch|branch/,
  at: branch,
  only: 'merge' as const
}))

export const attacks: GateAttack[] = [
  ...history,
  ...gates,
  ...injection,
  ...records,
  ...validation,
  ...branches
]
