// The GitOps-side gate (`idp gitops verify`, the verify-gitops action, and the broker's merge): what a
// change to the GitOps repository may do, checked where the service team cannot reach — the platform's
// own workflow in the GitOps repository, with the platform's config and policies. Each changed service
// folder must be the platform's folder for the service and environment its render record names, be
// written by the repository that owns the service, carry provenance trailers that agree with the
// record, hold exactly the content the record's digest covers, pass validation, hold no cluster-scoped
// kind, and pass the `requires` gates as the GitOps tree holds them. Paths outside service folders may
// only be changed by the platform's identity. Every problem is a finding on the changed file.
import { existsSync } from 'node:fs'
import { join, relative } from 'node:path'
import { readServiceFile } from '../boundary/files.js'
import { listServiceFolder } from '../boundary/folders.js'
import { assertMayReplace, assertServiceBinding, repositoryId } from '../boundary/identity.js'
import { checkRecordTarget } from '../boundary/namespaces.js'
import { confineGitopsPath } from '../boundary/paths.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { Finding } from '../policy/finding.js'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { contentDigest } from '../render/serialize.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import type { DeployedRender, EnvironmentLocation } from './deployed-renders.js'
import type { CommitInfo, GitCommandManager } from './git-command-manager.js'
import { TRAILER_KEYS } from './promote-message.js'
import { parseRenderRecord } from './render-guard.js'
import {
  clusterScoped,
  findingsOf,
  gateFinding,
  gates,
  safeRecord,
  validateFolders
} from './verify-checks.js'
import type { ServiceFolder } from './service-folders.js'
import { folderPatternOf, serviceFoldersOf } from './service-folders.js'
import { parseTrailers } from './trailers.js'
import { olderRenderFinding, recordFieldFindings, folderContentFindings } from './verify-record.js'
import { treeFindings } from './verify-tree.js'
import { identityFindings } from './verify-identity.js'

/** Commits one verification attributes at most (a promotion is one; a pull request a handful). */
export const MAX_VERIFIED_COMMITS = 500

export interface VerifyRequest {
  /** Git on the repository whose worktree holds `head` checked out. */
  readonly git: GitCommandManager
  readonly worktree: string
  /** Commits (SHAs); the change is what `head` adds since their merge base. */
  readonly base: string
  readonly head: string
  readonly platform: PlatformConfig
  /** The platform config file (absolute), for validation with its own policies and CRDs. */
  readonly platformFile: string
  readonly policies: readonly string[]
  readonly crds: readonly string[]
  /**
   * Author names or e-mails of the platform's identity (its App's bot), case-insensitive: they may
   * change files outside service folders and delete service folders. Never `spec.gitops.author`, which
   * promote also writes service commits as.
   */
  readonly platformAuthors: readonly string[]
  /** Broker mode: the one service folder the change may touch; anything else is refused. */
  readonly onlyFolder?: ServiceFolder
  /**
   * The deployed branch's tip in broker mode: a folder's owner (the first-writer rule without a
   * registry) and the `requires` gates are read there. Default: both at the merge base — what is
   * deployed, so a change cannot satisfy prod's gate with its own change to dev.
   */
  readonly ownershipAt?: string
  /** Reads records of environments kept in another repository or branch (`requires` gates). */
  readonly readElsewhere?: (locations: readonly EnvironmentLocation[]) => Promise<DeployedRender[]>
  readonly logger: Logger
}

/** One changed service folder and what verification made of it. */
export interface VerifiedFolder {
  readonly path: string
  readonly record?: RenderRecord
  /** The folder is gone at head. */
  readonly deleted: boolean
  /** Every commit that touched it is the platform's. */
  readonly byPlatform: boolean
}

export interface VerifyOutcome {
  readonly findings: Finding[]
  readonly folders: VerifiedFolder[]
  readonly changedPaths: readonly string[]
  /** The commit the change is measured from (merge base of base and head). */
  readonly from?: string
}

/** Whether a commit is the platform's own (author name or e-mail listed, case-insensitive). */
export function byPlatformIdentity(
  commit: CommitInfo,
  platformAuthors: readonly string[]
): boolean {
  const known = platformAuthors.map(a => a.trim().toLowerCase()).filter(Boolean)
  return (
    known.includes(commit.author.name.toLowerCase()) ||
    known.includes(commit.author.email.toLowerCase())
  )
}

/** Runs every GitOps-side check on the change from `base` to `head`. */
export async function verifyChange(request: VerifyRequest): Promise<VerifyOutcome> {
  const { git, platform, head } = request
  const findings: Finding[] = []
  const from = await git.mergeBase(request.base, head)
  // A history the gate cannot measure is one failure of the whole change, not a finding on a file.
  if (!from)
    throw new UserError({
      message: `${short(head)} shares no history with the base ${short(request.base)}, so what it changes cannot be told.`,
      hint: 'Build the change on the deployed branch (promote does), not on a history of its own.'
    })
  const changedPaths = await git.changedPaths(from, head)
  const shas = await git.commitsBetween(from, head, MAX_VERIFIED_COMMITS)
  if (shas.length > MAX_VERIFIED_COMMITS)
    throw new UserError({
      message: `The change holds more than ${MAX_VERIFIED_COMMITS} commits; idp attributes at most that many.`,
      hint: 'Verify smaller changes (one promotion is one commit).'
    })
  // Entries git or a checkout would act on, and what no render writes, before any file is read.
  const only = request.onlyFolder
  const folderOf = (path: string) =>
    serviceFoldersOf(path, platform)[0]?.path ??
    (only && (path === only.path || path.startsWith(`${only.path}/`)) ? only.path : undefined)
  const entryFindings = await treeFindings(git, head, changedPaths, folderOf)
  if (entryFindings.length > 0) return { findings: entryFindings, folders: [], changedPaths, from }
  const commits: { info: CommitInfo; paths: string[] }[] = []
  for (const sha of shas)
    commits.push({ info: await git.commitInfo(sha), paths: await git.commitPaths(sha) })
  const isPlatform = (c: CommitInfo) => byPlatformIdentity(c, request.platformAuthors)
  const touching = (prefix: string) =>
    commits.filter(c => c.paths.some(p => p === prefix || p.startsWith(`${prefix}/`)))

  // Group the changed paths by the service folder they lie in.
  const folders = new Map<string, ServiceFolder[]>()
  // Broker mode: one finding per folder (or file) outside the promotion's own folder.
  const outside = new Map<string, string[]>()
  for (const path of changedPaths) {
    if (request.onlyFolder && !path.startsWith(`${request.onlyFolder.path}/`)) {
      const where = serviceFoldersOf(path, platform)[0]?.path ?? path
      outside.set(where, [...(outside.get(where) ?? []), path])
      continue
    }
    const candidates = serviceFoldersOf(path, platform)
    if (candidates.length === 0) {
      const authors = touching(path)
      const foreign = authors.filter(c => !isPlatform(c.info))
      if (foreign.length > 0 || authors.length === 0)
        findings.push(
          gateFinding(
            'outside-service-folders',
            path,
            `${path} lies outside every service folder, and ${foreign.length > 0 ? `commit ${short(foreign[0].info.sha)} by ${foreign[0].info.author.name} <${foreign[0].info.author.email}>` : 'a commit idp cannot attribute'} changes it; only the platform's identity may.`,
            `Only the platform's identity (platform-authors: ${request.platformAuthors.join(', ') || 'none given'}) changes files outside the service folders the platform's GitOps path gives.`
          )
        )
      continue
    }
    for (const c of candidates) folders.set(c.path, [...(folders.get(c.path) ?? []), c])
  }

  for (const [where, paths] of outside) {
    const only = request.onlyFolder!
    findings.push(
      gateFinding(
        'outside-promotion-folder',
        paths[0],
        `The promotion branch for ${only.service} in ${only.environment} changes ${where === paths[0] ? where : `${where} (${paths.length} file${paths.length === 1 ? '' : 's'})`}, outside its folder ${only.path}.`,
        `A promotion branch changes only its service's folder (${only.path}); other changes go through the platform team.`
      )
    )
  }

  const verified: VerifiedFolder[] = []
  const toValidate: string[] = []
  for (const [path, candidates] of folders) {
    const result = await verifyFolder(request, path, candidates, from, touching(path), isPlatform)
    findings.push(...result.findings)
    verified.push(result.folder)
    if (result.findings.length === 0 && !result.folder.deleted) toValidate.push(path)
  }
  if (toValidate.length > 0) findings.push(...(await validateFolders(request, toValidate)))
  return { findings, folders: verified, changedPaths, from }
}

async function verifyFolder(
  request: VerifyRequest,
  path: string,
  candidates: readonly ServiceFolder[],
  from: string,
  commits: readonly { info: CommitInfo; paths: string[] }[],
  isPlatform: (c: CommitInfo) => boolean
): Promise<{ folder: VerifiedFolder; findings: Finding[] }> {
  const { git, platform, head } = request
  const findings: Finding[] = []
  const recordFile = `${path}/${RENDER_RECORD_PATH}`
  const byPlatform = commits.length > 0 && commits.every(c => isPlatform(c.info))
  const text = await git.tryShowFile(head, recordFile)
  const done = (record?: RenderRecord, deleted = false) => ({
    folder: { path, record, deleted, byPlatform },
    findings
  })
  if (text === undefined) {
    const deleted = !existsSync(join(request.worktree, path))
    if (deleted && byPlatform) return done(undefined, true)
    findings.push(
      deleted
        ? gateFinding(
            'service-folder-deleted',
            path,
            `${path} (${candidates[0].service} in ${candidates[0].environment}) is deleted by a commit that is not the platform's.`,
            "Only the platform's identity removes a service's folder."
          )
        : gateFinding(
            'render-record',
            path,
            `${path} holds no ${RENDER_RECORD_PATH}, so idp cannot tell which render wrote it.`,
            'Promote folders written by idp render; do not edit service folders by hand.'
          )
    )
    return done(undefined, deleted)
  }
  let record: RenderRecord
  try {
    record = parseRenderRecord(text, recordFile)
  } catch (error) {
    findings.push(...findingsOf('render-record', recordFile, error))
    return done()
  }
  findings.push(...recordFieldFindings(record, recordFile))

  // 1. The platform's folder for the service and environment the record names is this one.
  const environments = platform.spec.environments.map(e => e.name)
  try {
    const expected = confineGitopsPath({
      environment: record.environment,
      service: record.service,
      platformPattern: environments.includes(record.environment)
        ? folderPatternOf(platform, record.environment)
        : undefined,
      recordDisplay: recordFile,
      environments
    })
    if (expected !== path)
      findings.push(
        gateFinding(
          'service-folder-pattern',
          recordFile,
          `${path} holds a render of ${record.service} in ${record.environment}, whose folder by the platform's GitOps path is ${expected}.`,
          "A service writes only the folder the platform's gitops.path gives it; promote the render to its own folder."
        )
      )
    const only = request.onlyFolder
    if (only && (only.service !== record.service || only.environment !== record.environment))
      findings.push(
        gateFinding(
          'service-folder-pattern',
          recordFile,
          `The promotion branch is for ${only.service} in ${only.environment}, but ${path} holds a render of ${record.service} in ${record.environment}.`,
          `Push a render of ${record.service} to idp/${record.environment}/${record.service}.`
        )
      )
    checkRecordTarget(record, platform, recordFile)
  } catch (error) {
    findings.push(...findingsOf('service-folder-pattern', recordFile, error))
    return done(record)
  }

  // 2. The repository the record names may write this service.
  const recordRepository = repositoryId(record.source?.repository)
  try {
    assertServiceBinding({
      platform,
      service: record.service,
      owner: record.owner,
      identity: {
        repository: recordRepository,
        source: 'its render record',
        fromRecord: true
      },
      servicePosition: { file: recordFile, line: 1, column: 1 },
      subject: 'the render record'
    })
    if (!platform.spec.services) {
      if (!recordRepository)
        findings.push(
          gateFinding(
            'service-ownership',
            recordFile,
            `The render record of ${path} names no source repository, so idp cannot tell whether it may write ${record.service}.`,
            'Render in GitHub Actions or from a clone with an origin remote, so the record names its repository.'
          )
        )
      const heldText = await git.tryShowFile(request.ownershipAt ?? from, recordFile)
      const held = heldText === undefined ? undefined : safeRecord(heldText, recordFile)
      assertMayReplace(
        platform,
        held,
        { repository: recordRepository, source: 'its render record' },
        path
      )
    }
  } catch (error) {
    findings.push(...findingsOf('service-ownership', recordFile, error))
  }

  // 3. The commit that wrote the folder says the same as the record. Whoever the author claims to be:
  // git authorship is self-declared, and promote writes service commits as the platform's author.
  // A merge commit (the deployed branch merged into a pull request) carries no provenance of its own;
  // what it brings is held to the record by the digest below.
  const latest = commits.find(c => c.info.parents.length <= 1)
  if (latest) {
    const trailers = parseTrailers(latest.info.message)
    const expected: [string, string | undefined, (a: string) => string | undefined][] = [
      [TRAILER_KEYS.repository, recordRepository, repositoryId],
      [TRAILER_KEYS.service, record.service, v => v],
      [TRAILER_KEYS.environment, record.environment, v => v],
      [TRAILER_KEYS.digest, record.digest, v => v]
    ]
    for (const [key, want, normalise] of expected) {
      const got = trailers[key]
      if (got === undefined || normalise(got) !== want)
        findings.push(
          gateFinding(
            'provenance-trailers',
            recordFile,
            `Commit ${short(latest.info.sha)} changes ${path} with ${got === undefined ? `no ${key} trailer` : `${key}: ${got}`}, but its render record says ${want ?? '(nothing)'}.`,
            'Promote with idp promote, which writes the provenance trailers from the render record.'
          )
        )
    }
  }

  // 3b. Opt-in: an OIDC token of the service's own run, bound to this content (verify-identity.ts).
  findings.push(...(await identityFindings(platform, record, recordFile, latest?.info)))

  // 4. The folder holds exactly the files the record's digest covers, and only regular files.
  try {
    const files = listServiceFolder(request.worktree, join(request.worktree, path), {
      what: 'The service folder',
      display: path,
      symlinks: 'refuse'
    })
    const content = new Map<string, string>()
    for (const file of files) {
      const name = relative(join(request.worktree, path), file).split('\\').join('/')
      if (!name.startsWith('.idp/'))
        content.set(
          name,
          readServiceFile(request.worktree, file, {
            what: 'The rendered file',
            display: `${path}/${name}`
          })
        )
    }
    const digest = contentDigest(content)
    if (digest !== record.digest)
      findings.push(
        gateFinding(
          'content-digest',
          recordFile,
          `${path} holds content with digest ${digest}, but its render record says ${record.digest}: the folder was changed after it was rendered.`,
          'Promote the rendered folder unchanged; change idp.yaml and render again instead of editing manifests.'
        )
      )
  } catch (error) {
    findings.push(...findingsOf('folder-content', path, error))
    return done(record)
  }

  // Only kinds render writes, and the images the record names (the catalog's, the gates') are the ones they run.
  findings.push(...(await folderContentFindings(request, path, record, recordFile)))
  // No older render replaces a newer one, unless the platform's identity rolls it back in a pull
  // request (reviewed; authorship is self-declared). Broker mode never trusts authorship: the platform
  // rolls back by writing the deployed branch itself.
  if (!byPlatform || request.onlyFolder) {
    const heldText = await git.tryShowFile(request.ownershipAt ?? from, recordFile)
    const held = heldText === undefined ? undefined : safeRecord(heldText, recordFile)
    findings.push(...olderRenderFinding(held, record, path, recordFile))
  }

  // 5. No cluster-scoped kind.
  findings.push(...(await clusterScoped(request, path)))

  // 6. The `requires` gates, as this tree (or the other repositories) holds them.
  findings.push(...(await gates(request, record, recordFile, request.ownershipAt ?? from)))
  return done(record)
}

function short(sha: string): string {
  return sha.slice(0, 12)
}
