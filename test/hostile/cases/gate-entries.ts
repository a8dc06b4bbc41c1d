// Hostile tree entries on a promotion branch (see gate.ts): links, gitlinks, executable bits, names
// that differ from another service's folder only in case or Unicode, names git itself refuses to check
// out (`..`, `.git`), control characters in names, and sizes (a huge file, deep nesting, many files).
import type { GateFixture } from '../gate-harness.js'
import { SHOP, under } from '../gate-harness.js'
import type { GateAttack } from './gate-kit.js'

/** shop's folder sealed with `files` as text, then some entries replaced by entries of another mode. */
const sealedWith =
  (files: Record<string, string>, entries: (f: GateFixture) => Record<string, unknown>) =>
  (f: GateFixture) =>
    ({ ...under(SHOP, f.resealed(files)), ...under(SHOP, entries(f) as never) }) as never
const kustomizationWith = (f: GateFixture, ...names: string[]) =>
  `${f.shop['kustomization.yaml']}${names.map(n => `  - ${n}\n`).join('')}`

const entries: GateAttack[] = [
  {
    name: "symlink entry (120000) to another service's file",
    branch: {
      files: sealedWith({ 'link.yaml': '../payments/kustomization.yaml' }, () => ({
        'link.yaml': { mode: '120000', content: '../payments/kustomization.yaml' }
      }))
    },
    because: /link/i,
    at: `${SHOP}/link.yaml`
  },
  {
    name: 'symlink entry (120000) out of the repository',
    branch: {
      files: sealedWith({ 'passwd.yaml': '/etc/passwd' }, () => ({
        'passwd.yaml': { mode: '120000', content: '/etc/passwd' }
      }))
    },
    because: /link/i,
    at: `${SHOP}/passwd.yaml`
  },
  {
    name: "its folder is a symlink to another service's folder",
    branch: { files: () => ({ [SHOP]: { mode: '120000', content: 'payments' } }) },
    because: /link|render|shop/i,
    at: SHOP
  },
  {
    name: 'gitlink (160000) in its folder',
    branch: {
      files: f => ({
        ...under(SHOP, f.resealed()),
        [`${SHOP}/vendor`]: { mode: '160000', content: 'c'.repeat(40) }
      })
    },
    because: /submodule \(gitlink\)/,
    at: `${SHOP}/vendor`
  },
  {
    name: '.gitmodules in its folder',
    branch: {
      files: f =>
        under(
          SHOP,
          f.resealed({ '.gitmodules': '[submodule "v"]\n\tpath = v\n\turl = ../../evil\n' })
        )
    },
    because: /hidden file/,
    at: `${SHOP}/.gitmodules`
  },
  {
    name: 'executable bit (100755) on a rendered file',
    branch: {
      files: sealedWith({}, f => ({
        'application.yaml': { mode: '100755', content: f.shop['application.yaml'] }
      }))
    },
    because: /executable file/,
    at: `${SHOP}/application.yaml`
  }
]

const names: GateAttack[] = [
  {
    name: "folder differs only in case from another service's (envs/dev/Payments)",
    branch: { files: f => under('envs/dev/Payments', f.resealed()) },
    because: /Payments/,
    at: 'envs/dev/Payments'
  },
  {
    name: "folder in fullwidth Unicode for another service's (envs/dev/ｐayments)",
    branch: { files: f => under('envs/dev/\uff50ayments', f.resealed()) },
    because: /ayments/,
    at: 'envs/dev/'
  },
  {
    name: 'folder with a Cyrillic look-alike of its own name (envs/dev/ѕhop)',
    branch: { files: f => under('envs/dev/\u0455hop', f.resealed()) },
    because: /hop/,
    at: 'envs/dev/'
  },
  {
    name: "a '..' entry in its folder leads into payments'",
    branch: {
      files: f => ({
        ...under(SHOP, f.resealed()),
        [`${SHOP}/../payments/kustomization.yaml`]: 'resources: [../../../clusters]\n'
      })
    },
    because: /segment '\.\.'/,
    at: SHOP,
    only: 'merge'
  },
  {
    name: "a '.git' entry in its folder",
    branch: {
      files: f => ({
        ...under(SHOP, f.resealed()),
        [`${SHOP}/.git/config`]: '[core]\n\tfsmonitor = touch /tmp/owned\n'
      })
    },
    because: /git reads as its own folder/,
    at: SHOP,
    only: 'merge'
  },
  {
    name: 'a file name with a line break and a workflow command',
    branch: {
      files: f => {
        const name = 'x\n::set-output name=merged::true\n.yaml'
        return under(SHOP, f.resealed({ [name]: 'kind: ConfigMap\n' }))
      }
    },
    because: /name|control|character|x/i,
    at: SHOP
  },
  {
    name: 'a file name with a terminal escape',
    branch: {
      files: f => under(SHOP, f.resealed({ 'x\u001b[2J.yaml': 'kind: ConfigMap\n' }))
    },
    because: /name|control|character|x/i,
    at: SHOP
  }
]

const sizes: GateAttack[] = [
  {
    name: 'a huge file (40 MiB) in its folder',
    branch: {
      files: f =>
        under(
          SHOP,
          f.resealed({
            'big.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: big }\ndata:\n  x: ${'x'.repeat(40 * 1024 * 1024)}\n`,
            'kustomization.yaml': kustomizationWith(f, 'big.yaml')
          })
        )
    },
    because: /large|size|MiB|bytes/i,
    at: `${SHOP}/big.yaml`,
    timeoutMs: 60000
  },
  {
    name: 'deeply nested folders (400 levels)',
    branch: {
      files: f =>
        under(
          SHOP,
          f.resealed({
            [`${'d/'.repeat(400)}x.yaml`]:
              'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x }\n'
          })
        )
    },
    because: /nested deeper|longer than/,
    at: SHOP,
    timeoutMs: 60000
  },
  {
    name: 'very many files (20000) in its folder',
    branch: {
      files: f => {
        const many: Record<string, string> = {}
        for (let i = 0; i < 20000; i++) many[`m/${i}.yaml`] = 'kind: ConfigMap\n'
        return under(SHOP, f.resealed(many))
      }
    },
    because: /files|many|more than/i,
    at: SHOP,
    timeoutMs: 90000
  }
]

export const attacks: GateAttack[] = [...entries, ...names, ...sizes]
