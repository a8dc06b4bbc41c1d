// Test helpers for the GitOps-side gate: rendered folders whose digest is the one render computes, a
// platform config for them, and branches pushed onto a bare GitOps repository as a (possibly hostile)
// service pipeline would push them.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { RenderRecord } from '../../render/record.js'
import { RENDER_RECORD_PATH } from '../../render/record.js'
import { contentDigest } from '../../render/serialize.js'
import { renderCommitMessage } from '../promote-message.js'
import { git } from './git-fixtures.js'

export interface RenderOptions {
  readonly service: string
  readonly environment: string
  readonly repository?: string
  readonly image?: string
  readonly commitTime?: string
  /** Extra or replacing files (name → content). */
  readonly files?: Readonly<Record<string, string>>
}

/** The files of a rendered folder (record included), keyed by path inside the folder. */
export function renderedFiles(options: RenderOptions): {
  files: Record<string, string>
  record: RenderRecord
} {
  const { service, environment } = options
  const image = options.image ?? `ghcr.io/acme/${service}:1.0.0`
  const files: Record<string, string> = {
    'application.yaml': [
      'apiVersion: core.oam.dev/v1beta1',
      'kind: Application',
      'metadata:',
      `  name: ${service}`,
      `  namespace: ${service}-${environment}`,
      '  labels:',
      '    idp.dev/owner: team-test',
      'spec:',
      '  components:',
      '    - name: api',
      '      type: webservice',
      '      properties:',
      `        image: ${image}`,
      ''
    ].join('\n'),
    'kustomization.yaml': [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      'resources:',
      '  - application.yaml',
      ''
    ].join('\n'),
    ...options.files
  }
  const record: RenderRecord = {
    service,
    environment,
    namespace: `${service}-${environment}`,
    owner: 'team-test',
    source: {
      repository: options.repository ?? `acme/${service}`,
      commit: 'a'.repeat(40),
      commitTime: options.commitTime ?? '2026-11-01T10:00:00Z',
      runNumber: 1,
      descriptor: 'idp.yaml'
    },
    images: { api: image },
    digest: contentDigest(new Map(Object.entries(files))),
    renderer: { name: 'idp', version: '0.1.0' },
    files: Object.keys(files).sort(),
    sourceMap: []
  }
  return {
    files: { ...files, [RENDER_RECORD_PATH]: JSON.stringify(record, null, 2) + '\n' },
    record
  }
}

/** The commit message promote writes for a record (subject and provenance trailers). */
export function promotionMessage(record: RenderRecord): string {
  return renderCommitMessage('promote {service} to {environment}: {images}', record, undefined)
}

/**
 * Pushes a branch to a bare repository: `from` (a branch of it) plus `files` (repository path →
 * content, `null` deletes), committed as `author` with `message`.
 */
export function pushBranch(
  bare: string,
  branch: string,
  options: {
    readonly from: string
    readonly files: Readonly<Record<string, string | null>>
    readonly message: string
    readonly author?: { name: string; email: string }
    /** Symbolic links to commit (repository path → link target). */
    readonly links?: Readonly<Record<string, string>>
  }
): string {
  const scratch = mkdtempSync(join(tmpdir(), 'idp-test-branch-'))
  try {
    git(scratch, 'init', '--quiet', `--initial-branch=${branch.replace(/\//g, '-')}`)
    git(scratch, 'remote', 'add', 'origin', bare)
    git(scratch, 'fetch', '--quiet', 'origin', options.from)
    git(scratch, 'checkout', '--quiet', '-B', 'work', 'FETCH_HEAD')
    for (const [file, content] of Object.entries(options.files)) {
      const full = join(scratch, file)
      if (content === null) rmSync(full, { recursive: true, force: true })
      else {
        mkdirSync(dirname(full), { recursive: true })
        writeFileSync(full, content)
      }
    }
    for (const [file, target] of Object.entries(options.links ?? {})) {
      mkdirSync(dirname(join(scratch, file)), { recursive: true })
      symlinkSync(target, join(scratch, file))
    }
    const who = options.author ?? { name: 'service-pipeline', email: 'pipeline@example.com' }
    git(scratch, 'add', '--all')
    git(
      scratch,
      '-c',
      `user.name=${who.name}`,
      '-c',
      `user.email=${who.email}`,
      'commit',
      '--quiet',
      '--allow-empty',
      '-m',
      options.message
    )
    git(scratch, 'push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`)
    return git(scratch, 'rev-parse', 'HEAD').trim()
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
}

/** `files` of a rendered folder placed under `folder` (repository paths). */
export function under(
  folder: string,
  files: Readonly<Record<string, string>>
): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [`${folder}/${k}`, v]))
}

/** A platform config: dev → prod (prod requires dev), optional registry, no policies. */
export function writeGatePlatform(
  file: string,
  options: { services?: readonly { name: string; repository: string }[] } = {}
): void {
  const store = 'secretStores:\n        vault: { name: vault, kind: ClusterSecretStore }'
  const lines = [
    'apiVersion: idp.dev/v1alpha1',
    'kind: Platform',
    'metadata:',
    '  name: test',
    'spec:',
    '  gitops:',
    '    path: envs/{environment}/{service}',
    '    branch: main',
    '    author:',
    '      name: idp-platform[bot]',
    '      email: platform-bot@example.com',
    '  environments:',
    '    - name: dev',
    "      namespace: '{service}-dev'",
    `      ${store}`,
    '    - name: prod',
    "      namespace: '{service}-prod'",
    '      requires: [dev]',
    `      ${store}`
  ]
  if (options.services) {
    lines.push('  services:')
    for (const s of options.services)
      lines.push(`    - name: ${s.name}`, `      repository: ${s.repository}`)
  }
  writeFileSync(file, lines.join('\n') + '\n')
}
