// Hostile promotion branches against the GitOps gate (issue #11): in broker mode the service pipeline
// pushes `idp/<environment>/<service>` and controls everything on it — content, render record, commit
// message and author, tree entries, history. The platform's workflow runs verify-gitops (on the branch's
// checkout, against main) and merge-gitops (which verifies and applies). Every case runs through both
// (a few only through merge-gitops: entries git refuses to check out, or what only a branch name tells)
// and must leave main and the catalog repository unchanged, with one failure and findings naming the
// file or folder. Case names start with "gate:" (IDP_HOSTILE_ONLY='gate:').
import type { Area, HostileCase } from '../harness.js'
import type { GateBranch } from '../gate-harness.js'
import { GATE_PLATFORM, PAYMENTS, prepareGate, SHOP, under } from '../gate-harness.js'
import { withServices } from '../template.js'
import { attacks as entryAttacks } from './gate-entries.js'
import type { GateAttack } from './gate-kit.js'
import { EVIL_IMAGE, messageOf, digestOf, RECORD, shop, shopAnd, withManifest } from './gate-kit.js'
import { attacks as recordAttacks } from './gate-records.js'

const content: GateAttack[] = [
  {
    name: 'content edited after rendering (the digest no longer matches)',
    branch: {
      files: f => ({
        ...under(SHOP, f.resealed()),
        [`${SHOP}/application.yaml`]: f.shop['application.yaml'].replaceAll(
          String(Object.values(f.shopRecord.images as object)[0]),
          EVIL_IMAGE
        )
      })
    },
    because: /digest|changed after/i,
    at: RECORD
  },
  {
    name: 'forged record digest (trailers agree with the forged record)',
    branch: {
      files: f => {
        const files = f.resealed({ 'application.yaml': `${f.shop['application.yaml']}# edited\n` })
        const record = JSON.parse(files['.idp/render.json'])
        record.digest = `sha256:${'1'.repeat(64)}`
        return under(SHOP, { ...files, '.idp/render.json': JSON.stringify(record) })
      }
    },
    because: /digest/i,
    at: RECORD
  },
  {
    name: 'trailers name another digest than the record',
    branch: {
      files: shop(),
      message: messageOf((m, f) => m.replace(digestOf(f), `sha256:${'2'.repeat(64)}`))
    },
    because: /Idp-Content-Digest/,
    at: RECORD
  },
  {
    name: 'trailers name another source repository than the record',
    branch: {
      files: shop(),
      message: messageOf(m =>
        m.replace(/^Idp-Source-Repository: .*$/m, 'Idp-Source-Repository: acme/evil')
      )
    },
    because: /Idp-Source-Repository/,
    at: RECORD
  },
  {
    name: 'commit without provenance trailers',
    branch: { files: shop(), message: () => 'update shop\n' },
    because: /trailer/i,
    at: RECORD
  }
]

const ownership: GateAttack[] = [
  {
    name: "writes another service's folder too",
    branch: {
      files: shopAnd(() => ({
        [`${PAYMENTS}/kustomization.yaml`]: 'resources: []\n# shop was here\n'
      }))
    },
    because: /payments/,
    at: PAYMENTS
  },
  {
    name: "deletes another service's folder",
    branch: { files: shopAnd(() => ({ [PAYMENTS]: null })) },
    because: /payments/,
    at: PAYMENTS
  },
  {
    name: "deletes another service's folder as the platform's author name",
    branch: {
      files: shopAnd(() => ({ [PAYMENTS]: null })),
      author: { name: 'idp-platform[bot]', email: 'pipeline@example.com' }
    },
    because: /payments/,
    at: PAYMENTS,
    // verify-gitops trusts platform-authors (documented: authorship is self-declared; rulesets decide
    // who may push the deployed branch); broker mode confines a branch to its folder whoever wrote it.
    only: 'merge'
  },
  {
    name: "renames its folder into another service's",
    branch: {
      files: f => ({ [SHOP]: null, [PAYMENTS]: null, ...under(PAYMENTS, f.resealed()) })
    },
    because: /payments/,
    at: PAYMENTS
  },
  {
    name: 'its folder holds a render naming another service',
    branch: { files: shop({}, { service: 'payments', namespace: 'payments-dev' }) },
    because: /payments/,
    at: RECORD
  },
  {
    name: "branch for payments carries shop's render into payments' folder",
    branch: {
      branch: 'idp/dev/payments',
      files: f => ({
        [PAYMENTS]: null,
        ...under(PAYMENTS, f.resealed({}, { service: 'payments', namespace: 'payments-dev' }))
      })
    },
    because: /acme\/payments|acme\/shop|owner|repositor/i,
    at: `${PAYMENTS}/.idp/render.json`
  },
  {
    name: "branch for payments whose change is shop's folder",
    branch: { branch: 'idp/dev/payments', files: shop() },
    because: /outside its folder|payments/,
    at: SHOP,
    only: 'merge'
  },
  {
    name: 'record names a source repository other than the registered one',
    branch: {
      files: shop(
        {},
        { source: { repository: 'acme/evil', commit: 'c'.repeat(40), descriptor: 'idp.yaml' } }
      ),
      platform: t =>
        withServices(
          '    - { name: shop, repository: acme/shop }\n    - { name: payments, repository: acme/payments }',
          t
        )
    },
    because: /acme\/evil|regist|repositor/i,
    at: RECORD
  },
  {
    name: "record names a source repository other than the folder's first writer",
    branch: {
      files: shop(
        {},
        { source: { repository: 'acme/evil', commit: 'c'.repeat(40), descriptor: 'idp.yaml' } }
      )
    },
    because: /acme\/evil|acme\/shop|owner|repositor/i,
    at: RECORD
  },
  {
    name: 'deletes its own folder',
    branch: { files: () => ({ [SHOP]: null }) },
    because: /delet|nothing to merge|no render/i,
    at: SHOP
  }
]

const outside: GateAttack[] = [
  {
    name: 'changes a file outside envs/',
    branch: { files: shopAnd(() => ({ 'README.md': '# owned\n' })) },
    because: /outside/,
    at: 'README.md'
  },
  {
    name: "changes the platform's cluster folder",
    branch: {
      files: shopAnd(() => ({
        'clusters/dev/tenants.yaml': 'apiVersion: v1\nkind: Namespace\nmetadata: { name: evil }\n'
      }))
    },
    because: /outside/,
    at: 'clusters/dev/tenants.yaml'
  },
  {
    name: 'adds a file at envs/<env>/ level',
    branch: {
      files: shopAnd(() => ({
        'envs/dev/kustomization.yaml': 'resources: [shop, ../../clusters]\n'
      }))
    },
    because: /outside/,
    at: 'envs/dev/kustomization.yaml'
  },
  {
    name: 'adds a file at envs/ level',
    branch: { files: shopAnd(() => ({ 'envs/evil.yaml': 'kind: ClusterRole\n' })) },
    because: /outside/,
    at: 'envs/evil.yaml'
  },
  {
    name: 'adds .gitmodules at the root',
    branch: {
      files: shopAnd(() => ({
        '.gitmodules': '[submodule "x"]\n\tpath = envs/dev/x\n\turl = ../evil\n'
      }))
    },
    because: /outside/,
    at: '.gitmodules'
  }
]

const kinds: GateAttack[] = [
  {
    name: 'cluster-scoped kind in its folder',
    branch: {
      files: withManifest(
        'crb.yaml',
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: shop-admin }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: shop-dev }]\n'
      )
    },
    because: /cluster-scoped|ClusterRoleBinding/,
    at: `${SHOP}/crb.yaml`
  },
  {
    name: 'a Namespace object in its folder',
    branch: {
      files: withManifest(
        'ns.yaml',
        'apiVersion: v1\nkind: Namespace\nmetadata: { name: payments-dev }\n'
      )
    },
    because: /cluster-scoped|Namespace/,
    at: `${SHOP}/ns.yaml`
  },
  {
    name: 'a kind with no known scope',
    branch: {
      files: withManifest(
        'widget.yaml',
        'apiVersion: example.com/v1\nkind: Widget\nmetadata: { name: w, namespace: shop-dev }\n'
      )
    },
    because: /scope|Widget/,
    at: `${SHOP}/widget.yaml`
  },
  {
    name: 'a namespace of another service',
    branch: {
      files: f =>
        under(
          SHOP,
          f.resealed({
            'application.yaml': f.shop['application.yaml'].replaceAll('shop-dev', 'payments-dev')
          })
        )
    },
    because: /payments-dev|namespace/i,
    at: `${SHOP}/application.yaml`
  }
]

const attacks: GateAttack[] = [
  ...content,
  ...ownership,
  ...outside,
  ...kinds,
  ...recordAttacks,
  ...entryAttacks
]

const casesFor = (action: 'verify' | 'merge'): HostileCase[] =>
  attacks
    .filter(a => !a.only || a.only === action)
    .map((a): HostileCase => ({
      name: `gate: ${action}: ${a.name}`,
      classes: [11],
      action: action === 'verify' ? 'verify-gitops' : 'merge-gitops',
      inputs: action === 'merge' ? { branch: a.branch.branch ?? 'idp/dev/shop' } : undefined,
      prepare: (sandbox, rendered) =>
        void prepareGate(sandbox, rendered, a.branch, action === 'verify' ? 'branch' : 'main'),
      at: { file: a.at, whole: true },
      because: a.because,
      timeoutMs: a.timeoutMs
    }))

const inputs = { 'platform-config': GATE_PLATFORM, 'platform-authors': 'idp-platform[bot]' }
/** The control: shop's legitimate new render on idp/dev/shop. */
const legitimate: GateBranch = { files: shop() }

export const gateVerifyArea: Area = {
  name: 'gate (verify-gitops)',
  action: 'verify-gitops',
  inputs: { ...inputs, base: 'origin/main' },
  prepare: (sandbox, rendered) => void prepareGate(sandbox, rendered, legitimate, 'branch'),
  cases: casesFor('verify')
}

export const gateMergeArea: Area = {
  name: 'gate (merge-gitops)',
  action: 'merge-gitops',
  inputs: { ...inputs, branch: 'idp/dev/shop', repository: '__GITOPS__' },
  prepare: (sandbox, rendered) => void prepareGate(sandbox, rendered, legitimate, 'main'),
  cases: casesFor('merge')
}
