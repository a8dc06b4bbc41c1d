// The one service repository every hostile case starts from (a small, valid service `shop` owned by
// acme/shop), its rendered folders, the GitOps and catalog repositories, and the attacker's targets
// outside the repository. Built once per suite; each case gets a copy and changes one thing.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { contentDigest } from '../../shared/src/render/serialize.js'
import type { RepositoryState, Sandbox } from './harness.js'
import { createBare, gitIn, repositoryState, SENTINEL } from './harness.js'

export const IMAGE = `ghcr.io/acme/shop@sha256:${'a'.repeat(64)}`

/** The service descriptor; cases replace one part of it with `edit`. */
export const DESCRIPTOR = `apiVersion: idp.dev/v1alpha1
kind: Service
metadata:
  name: shop
  owner: team-shop
  system: commerce
  description: Shop API
  links:
    - url: https://runbooks.acme.io/shop
      title: Runbook
  docs: ./docs
spec:
  components:
    - name: web
      type: webservice
      image: ghcr.io/acme/shop
      ports: [8080]
      env:
        LOG_LEVEL: info
        DB_PASSWORD: \${secrets.db.password}
        DB_HOST: \${resources.db.host}
      properties:
        cpu: 250m
      traits:
        - type: scaler
          properties: { replicas: 1 }
  secrets:
    - name: db
      store: vault
      data:
        password: { key: shop/db, property: password }
  resources:
    - name: db
      type: postgresql
      properties: { storageGB: 10 }
  apis:
    - name: shop-api
      type: openapi
      definition: ./openapi.yaml
  environments:
    prod:
      components:
        web:
          traits:
            scaler: { replicas: 2 }
`

/** The platform config (trusted: from the platform repository); `__GITOPS__`/`__CATALOG__` are the sandbox's repositories. */
export const PLATFORM = `apiVersion: idp.dev/v1alpha1
kind: Platform
metadata:
  name: acme
spec:
  gitops:
    repository: __GITOPS__
    branch: main
    path: envs/{environment}/{service}
    mode: push
  environments:
    - name: dev
      namespace: '{service}-dev'
      secretStores:
        vault: { name: vault-dev, kind: ClusterSecretStore }
      labels:
        acme.io/environment: dev
    - name: prod
      namespace: '{service}-prod'
      secretStores:
        vault: { name: vault-prod, kind: ClusterSecretStore }
      labels:
        acme.io/environment: prod
  registries:
    - ghcr.io/acme/
  componentTypes:
    allowed: [webservice, worker, task, cron-task]
  traitTypes:
    allowed: [gateway, scaler, labels, annotations, storage, sidecar, env]
  defaults:
    labels:
      acme.io/managed-by: idp
    annotations:
      acme.io/platform-docs: https://platform.acme.io/docs
  resourceTypes:
    - name: postgresql
      apiVersion: database.acme.io/v1alpha1
      kind: PostgreSQLInstance
      style: claim
      catalogType: database
      connectionSecret: '{service}-{resource}-conn'
      outputs:
        host: host
        password: password
      schema:
        type: object
        additionalProperties: false
        properties:
          storageGB: { type: integer, minimum: 5, maximum: 100 }
  policies:
    - policies/
  catalog:
    argocdAppPattern: '{service}-{environment}'
    repository: __CATALOG__
`

export const POLICY = `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata:
  name: require-managed-by
spec:
  validationFailureAction: Enforce
  rules:
    - name: managed-by
      match:
        any:
          - resources:
              kinds: [Application]
      validate:
        message: Applications carry acme.io/managed-by.
        pattern:
          metadata:
            labels:
              acme.io/managed-by: '?*'
`

const OPENAPI = `openapi: 3.0.3
info: { title: Shop API, version: 1.0.0 }
paths:
  /orders:
    get:
      responses:
        '200': { description: ok }
`

/** Replaces `from` with `to` in `text`; a case whose anchor is gone fails loudly instead of testing nothing. */
export function edit(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`hostile case: anchor not found: ${from}`)
  // A function replacement: `to` is taken literally (`$'` and `$&` in a regex pattern stay as written).
  return text.replace(from, () => to)
}

/** Edits the descriptor. */
export const descriptor = (from: string, to: string) => edit(DESCRIPTOR, from, to)
/** Edits the platform config. */
export const platform = (from: string, to: string) => edit(PLATFORM, from, to)

/** Registers services (`spec.services`) in the platform config. */
export function withServices(entries: string, base = PLATFORM): string {
  return edit(base, '  registries:\n', `  services:\n${entries}\n  registries:\n`)
}

export interface Templates {
  readonly root: string
  /** The repositories' state in the templates (every sandbox starts from it). */
  readonly before: RepositoryState
  readonly workspace: string
  readonly gitops: string
  readonly catalog: string
  /** The rendered dev folder's files (path → text), as render wrote them. */
  readonly renderedDev: Readonly<Record<string, string>>
  readonly headSha: string
}

/** A render record of another service's folder, as its own repository (acme/payments) wrote it. */
export function foreignRecord(service: string, environment: string, repository: string): string {
  const files = new Map([['kustomization.yaml', 'resources: []\n']])
  return `${JSON.stringify(
    {
      service,
      environment,
      namespace: `${service}-${environment}`,
      owner: 'team-payments',
      source: { repository, commit: 'b'.repeat(40), descriptor: 'idp.yaml', runNumber: 99 },
      images: {},
      digest: contentDigest(files),
      renderer: { name: 'idp', version: '0.1.0' },
      files: ['kustomization.yaml'],
      sourceMap: []
    },
    null,
    2
  )}\n`
}

/** The service repository, the repositories and the outside targets, before any case. */
export function buildTemplates(suiteRoot: string): Omit<Templates, 'renderedDev'> {
  const root = join(suiteRoot, 'template')
  const workspace = join(root, 'workspace')
  const files: Record<string, string> = {
    'idp.yaml': DESCRIPTOR,
    'platform/platform.yaml': PLATFORM,
    'platform/policies/require-managed-by.yaml': POLICY,
    // The service's own policy file (the policies area replaces it with hostile ones).
    'policies/hostile.yaml': POLICY.replace('name: require-managed-by', 'name: hostile'),
    'openapi.yaml': OPENAPI,
    'docs/index.md': '# Shop\n',
    'mkdocs.yml': 'site_name: shop\nnav:\n  - index.md\n'
  }
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(workspace, file, '..'), { recursive: true })
    writeFileSync(join(workspace, file), text)
  }
  gitIn(workspace, 'init', '--quiet', '--initial-branch=main')
  gitIn(workspace, 'remote', 'add', 'origin', 'https://github.com/acme/shop.git')
  gitIn(workspace, 'add', '--all')
  gitIn(
    workspace,
    '-c',
    'user.name=dev',
    '-c',
    'user.email=dev@example.com',
    'commit',
    '--quiet',
    '-m',
    'shop service'
  )
  const headSha = gitIn(workspace, 'rev-parse', 'HEAD').trim()
  const gitops = join(root, 'gitops.git')
  createBare(
    gitops,
    {
      'README.md': '# gitops\n',
      // Another service's folder, written by its own repository: the prize of identity attacks.
      'envs/dev/payments/kustomization.yaml': 'resources: []\n',
      'envs/dev/payments/.idp/render.json': foreignRecord('payments', 'dev', 'acme/payments'),
      // A platform-owned file outside every service folder.
      'clusters/dev/tenants.yaml': 'apiVersion: v1\nkind: List\nitems: []\n'
    },
    'gitops: initial'
  )
  const catalog = join(root, 'catalog.git')
  createBare(catalog, { 'README.md': '# catalog\n' }, 'catalog: initial')
  const before = { gitops: repositoryState(gitops), catalog: repositoryState(catalog) }
  return { root, workspace, gitops, catalog, headSha, before }
}

let counter = 0

/** A fresh sandbox for one case: copies of the templates, an outside folder holding the sentinel. */
export function createSandbox(
  templates: Omit<Templates, 'renderedDev'>,
  suiteRoot: string,
  name: string
): Sandbox {
  const root = join(
    suiteRoot,
    'cases',
    `${String(++counter).padStart(3, '0')}-${name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`
  )
  const sandbox: Sandbox = {
    root,
    workspace: join(root, 'workspace'),
    outside: join(root, 'outside'),
    gitops: join(root, 'gitops.git'),
    catalog: join(root, 'catalog.git'),
    runnerTemp: join(root, 'runner-temp'),
    tmp: join(root, 'tmp'),
    home: join(root, 'home'),
    bin: join(root, 'bin')
  }
  cpSync(templates.workspace, sandbox.workspace, { recursive: true })
  cpSync(templates.gitops, sandbox.gitops, { recursive: true })
  cpSync(templates.catalog, sandbox.catalog, { recursive: true })
  for (const dir of [sandbox.outside, sandbox.runnerTemp, sandbox.tmp, sandbox.home])
    mkdirSync(dir, { recursive: true })
  // What a hostile repository would like to read: a credential next to the checkout.
  writeFileSync(join(sandbox.outside, 'secret.txt'), `token=${SENTINEL}\n`)
  writeFileSync(
    join(sandbox.outside, 'idp.yaml'),
    DESCRIPTOR.replace('description: Shop API', `description: ${SENTINEL}`)
  )
  mkdirSync(join(sandbox.outside, 'docs'), { recursive: true })
  writeFileSync(join(sandbox.outside, 'docs', 'index.md'), `# ${SENTINEL}\n`)
  // The platform config points at this sandbox's own repositories.
  const platformFile = join(sandbox.workspace, 'platform/platform.yaml')
  writeFileSync(
    platformFile,
    readFileSync(platformFile, 'utf8')
      .replaceAll('__GITOPS__', `file://${sandbox.gitops}`)
      .replaceAll('__CATALOG__', `file://${sandbox.catalog}`)
  )
  return sandbox
}

export function removeSandbox(sandbox: Sandbox): void {
  rmSync(sandbox.root, { recursive: true, force: true })
}

export function suiteFolder(): string {
  return mkdtempSync(join(tmpdir(), 'idp-hostile-'))
}

/** Re-seals a rendered folder after a case changed it, as an attacker controlling the pipeline would. */
export function seal(
  files: Readonly<Record<string, string>>,
  record: Record<string, unknown>
): Record<string, string> {
  const content = new Map(Object.entries(files).filter(([name]) => !name.startsWith('.idp/')))
  const sealed = {
    ...record,
    digest: contentDigest(content),
    files: [...content.keys()].sort()
  }
  return { ...files, '.idp/render.json': `${JSON.stringify(sealed, null, 2)}\n` }
}

/**
 * The template's rendered dev folder with `changes` applied (text replaces or adds a file, null removes
 * it; new YAML files join the kustomization) and `record` merged into its render record, re-sealed.
 * Returned as workspace files under `rendered/dev/`.
 */
export function tampered(
  rendered: { readonly dev: Readonly<Record<string, string>> },
  changes: Readonly<Record<string, string | null>> = {},
  record: Readonly<Record<string, unknown>> = {}
): Record<string, string> {
  const files: Record<string, string> = {}
  for (const [name, text] of Object.entries(rendered.dev))
    if (!name.startsWith('.idp/')) files[name] = text
  for (const [name, text] of Object.entries(changes)) {
    if (text === null) delete files[name]
    else {
      if (!(name in files) && /\.ya?ml$/.test(name) && !name.includes('/'))
        files['kustomization.yaml'] = `${files['kustomization.yaml']}  - ${name}\n`
      files[name] = text
    }
  }
  const base = JSON.parse(rendered.dev['.idp/render.json']) as Record<string, unknown>
  const sealed = seal(files, { ...base, ...record })
  return Object.fromEntries(Object.entries(sealed).map(([n, t]) => [`rendered/dev/${n}`, t]))
}

/** The rendered Application with one more component appended (YAML at the components' indent). */
export function withComponent(
  rendered: { readonly dev: Readonly<Record<string, string>> },
  component: string
): string {
  return `${rendered.dev['application.yaml']}${component}`
}
