// Broker mode: service pipelines push only `idp/<environment>/<service>` branches; the platform's own
// workflow in the GitOps repository verifies each one (verify.ts) and applies its service folder onto
// the deployed branch with the platform's token. Applying goes through publishFolder: one commit on the
// current tip, re-applied on a lost race, so a concurrent merge of another service's branch is never
// lost. The branch is deleted afterwards with a lease on the tip that was verified, so a newer push to it
// is left for its own gate run.
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { copyPublishableFolder } from '../boundary/folders.js'
import { assertMayReplace, repositoryId } from '../boundary/identity.js'
import { checkBranchName, confineGitopsPath, isDnsLabel } from '../boundary/paths.js'
import { resolveGitopsTarget } from '../descriptor/platform.js'
import type { PlatformConfig } from '../descriptor/types.js'
import type { Finding } from '../policy/finding.js'
import { levelOf } from '../policy/result-set.js'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { UserError } from '../runtime/errors.js'
import type { Logger } from '../runtime/logger.js'
import { privateTempRoot } from '../runtime/private-temp.js'
import type { BackoffPolicy } from './backoff.js'
import type { DeployedRender, EnvironmentLocation } from './deployed-renders.js'
import { checkRequiredEnvironments } from './gates.js'
import type { CommitIdentity } from './git-command-manager.js'
import { GitopsCheckout } from './gitops-checkout.js'
import { publishFolder } from './publish-folder.js'
import type { GitRemote } from './remote.js'
import { parseRenderRecord } from './render-guard.js'
import type { ServiceFolder } from './service-folders.js'
import { folderPatternOf } from './service-folders.js'
import type { VerifiedFolder } from './verify.js'
import { gateFinding } from './verify-checks.js'
import { verifyChange } from './verify.js'
import { treeFindings } from './verify-tree.js'
import { TEXT_CONTROL } from '../runtime/control-characters.js'

export const PROMOTION_BRANCH_PREFIX = 'idp/'

export interface BrokerMergeRequest {
  readonly remote: GitRemote
  /** The platform's token: the only credential that may write the deployed branch. */
  readonly token?: string
  /** `idp/<environment>/<service>`. */
  readonly branch: string
  /** The deployed branch; the platform's branch for the environment, else the remote's default. */
  readonly into?: string
  readonly platform: PlatformConfig
  readonly platformFile: string
  readonly platformAuthors: readonly string[]
  /**
   * The merge commit's author (`spec.gitops.author`). Not a platform author for verification: promote
   * writes the service pipelines' commits with the same identity.
   */
  readonly author?: CommitIdentity
  readonly maxAttempts: number
  readonly backoff?: BackoffPolicy
  readonly logger: Logger
  readonly tempRoot?: string
  /** Reads records kept in other repositories for `requires` gates. */
  readonly readElsewhere?: (locations: readonly EnvironmentLocation[]) => Promise<DeployedRender[]>
}

export interface BrokerMergeResult {
  /** True when the branch's folder is now on the deployed branch (or already was). */
  readonly merged: boolean
  readonly findings: Finding[]
  readonly folders: VerifiedFolder[]
  readonly commitSha: string
  readonly into: string
  /** The promotion branch's tip that was verified ('' when the branch does not exist). */
  readonly verifiedSha: string
  readonly branchDeleted: boolean
  /** The merged folder's render record, as verified (set only when merged): what the catalog records. */
  readonly record?: RenderRecord
}

/** Reads `idp/<environment>/<service>`; anything else is refused before git sees it. */
export function parsePromotionBranch(branch: string, platform: PlatformConfig): ServiceFolder {
  checkBranchName(branch, `The branch '${branch}'`)
  const parts = branch.split('/')
  const environments = platform.spec.environments.map(e => e.name)
  if (
    parts.length !== 3 ||
    `${parts[0]}/` !== PROMOTION_BRANCH_PREFIX ||
    !isDnsLabel(parts[1]) ||
    !isDnsLabel(parts[2]) ||
    !environments.includes(parts[1])
  )
    throw new UserError({
      message: `'${branch}' is not a promotion branch: idp merges only idp/<environment>/<service>, with an environment of the platform config (${environments.join(', ')}).`,
      hint: 'Service pipelines promote in pull-request mode, which pushes idp/<environment>/<service>.'
    })
  const [, environment, service] = parts
  const path = confineGitopsPath({
    environment,
    service,
    platformPattern: folderPatternOf(platform, environment),
    recordDisplay: branch,
    environments
  })
  return { environment, service, path }
}

/** Verifies one promotion branch and, when it passes, applies its service folder to the deployed branch. */
export async function brokerMerge(request: BrokerMergeRequest): Promise<BrokerMergeResult> {
  const { logger, platform } = request
  const folder = parsePromotionBranch(request.branch, platform)
  const into =
    request.into ??
    platform.spec.environments.find(e => e.name === folder.environment)?.gitops?.branch ??
    platform.spec.gitops?.branch
  if (into !== undefined) checkBranchName(into, "The deployed branch ('into')")
  const checked = await verifyBranch(request, folder, into)
  const base = {
    into: checked.into,
    findings: checked.findings,
    folders: checked.folders,
    verifiedSha: checked.verifiedSha,
    commitSha: '',
    branchDeleted: false
  }
  if (!checked.staging || !checked.record) return { ...base, merged: false }
  const { staging, record } = checked
  try {
    const where = `${request.remote.display}:${folder.path}`
    const published = await publishFolder({
      remote: request.remote,
      token: request.token,
      branch: checked.into,
      targetPath: folder.path,
      sourceFolder: staging,
      message: checked.message,
      author: request.author,
      maxAttempts: request.maxAttempts,
      backoff: request.backoff,
      logger,
      tempRoot: request.tempRoot,
      // On every attempt, against the tip this commit will sit on: the folder's owner and the gates
      // may have changed since verification.
      inspect: async view => {
        const file = `${folder.path}/${RENDER_RECORD_PATH}`
        const text = await view.readFile(file)
        const held =
          text === undefined ? undefined : parseRenderRecord(text, `${where}/${RENDER_RECORD_PATH}`)
        const identity = {
          repository: repositoryId(record.source?.repository),
          source: 'its render record'
        }
        assertMayReplace(platform, held, identity, where)
        await recheckGates(view.readFile, record, platform, request)
      }
    })
    logger.info(
      published.changed
        ? `Merged ${request.branch} (${checked.verifiedSha.slice(0, 12)}) into ${checked.into} as ${published.commitSha.slice(0, 12)}.`
        : `${checked.into} already holds ${folder.path} as on ${request.branch}.`
    )
    const branchDeleted = await deleteBranch(request, checked.verifiedSha)
    return { ...base, merged: true, commitSha: published.commitSha, branchDeleted, record }
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
}

interface CheckedBranch {
  readonly into: string
  readonly findings: Finding[]
  readonly folders: VerifiedFolder[]
  readonly verifiedSha: string
  /** Set only when the branch passed: a copy of its folder, its commit message and its record. */
  readonly staging?: string
  readonly message: string
  readonly record?: RenderRecord
}

/** Fetches the deployed branch and the promotion branch, verifies the change, copies the folder. */
async function verifyBranch(
  request: BrokerMergeRequest,
  folder: ServiceFolder,
  into: string | undefined
): Promise<CheckedBranch> {
  const { logger, platform } = request
  const checkout = await GitopsCheckout.open({
    remote: request.remote,
    token: request.token,
    branch: into,
    sparseFolders: [folder.path],
    logger,
    tempRoot: request.tempRoot
  })
  const none = { into: checkout.branch, findings: [], folders: [], verifiedSha: '', message: '' }
  try {
    const { git } = checkout
    if (!(await checkout.remoteTip(request.branch))) {
      logger.info(
        `${request.branch} does not exist (already merged, or never pushed); nothing to do.`
      )
      return none
    }
    if (!(await checkout.remoteTip(checkout.branch)))
      throw new UserError({
        message: `The deployed branch ${checkout.branch} of ${request.remote.display} does not exist.`,
        hint: "Create it first (the platform's bootstrap commit), or name the right branch with 'into'."
      })
    // Full (blobless) history of both: the change is measured from their merge base.
    for (const branch of [checkout.branch, request.branch]) {
      const fetched =
        (await git.tryFetchBranch(checkout.remoteName, branch, { filter: 'blob:none' })) ||
        (await git.tryFetchBranch(checkout.remoteName, branch, {}))
      if (!fetched)
        throw new UserError({
          message: `Could not fetch ${branch} from ${request.remote.display}.`,
          hint: 'Check that the token may read the GitOps repository.'
        })
    }
    const verifiedSha = await git.revParse(checkout.remoteRef(request.branch))
    const deployedSha = await git.revParse(checkout.remoteRef(checkout.branch))
    // The branch's trees are the service pipeline's: entries a checkout would refuse or act on (`..`,
    // `.git`, control characters) are findings before anything is checked out.
    const from = await git.mergeBase(deployedSha, verifiedSha)
    if (from) {
      const changed = await git.changedPaths(from, verifiedSha)
      const inFolder = (p: string) =>
        p === folder.path || p.startsWith(`${folder.path}/`) ? folder.path : undefined
      const entries = await treeFindings(git, verifiedSha, changed, inFolder)
      if (entries.length > 0) return { ...none, findings: entries, verifiedSha }
      await git.checkoutReset('idp-verify', verifiedSha)
    }
    const outcome = await verifyChange({
      git,
      worktree: checkout.dir,
      base: deployedSha,
      head: verifiedSha,
      platform,
      platformFile: request.platformFile,
      policies: [],
      crds: [],
      platformAuthors: request.platformAuthors,
      onlyFolder: folder,
      ownershipAt: deployedSha,
      readElsewhere: request.readElsewhere,
      logger
    })
    const mine = outcome.folders.find(f => f.path === folder.path)
    const findings = [...outcome.findings]
    // Refused on exactly what the report fails on: an engine's error (a document it cannot read) as
    // much as a rule that failed.
    const refused = () => findings.some(f => levelOf(f) === 'error')
    if (!refused() && (!mine?.record || mine.deleted))
      findings.push(
        gateFinding(
          'render-record',
          folder.path,
          `${request.branch} brings no render to ${folder.path}; there is nothing to merge.`,
          'Push a promotion made by idp promote (pull-request mode).'
        )
      )
    // The merge commit carries the branch commit's message onto the deployed branch, where `git log`
    // shows it to whoever reads the history.
    const { message } = await git.commitInfo(verifiedSha)
    const messageProblem = commitMessageProblem(message)
    if (messageProblem)
      findings.push(
        gateFinding(
          'commit-message',
          folder.path,
          `The commit message of ${request.branch} (${verifiedSha.slice(0, 12)}) ${messageProblem}; the merge commit would carry it onto ${checkout.branch}.`,
          'Promote with idp promote, whose commit message is the platform template and the provenance trailers.'
        )
      )
    const checked = { ...none, findings, folders: outcome.folders, verifiedSha }
    if (refused()) return checked
    const staging = mkdtempSync(join(request.tempRoot ?? privateTempRoot(), 'idp-broker-'))
    try {
      copyPublishableFolder(join(checkout.dir, folder.path), staging, {
        what: 'The promotion branch folder',
        display: `${request.branch}:${folder.path}`
      })
    } catch (error) {
      rmSync(staging, { recursive: true, force: true })
      throw error
    }
    return {
      ...checked,
      staging,
      record: mine!.record,
      message: withBrokerTrailer(message, request.branch, verifiedSha)
    }
  } finally {
    checkout.close()
  }
}

/** The `requires` gates against the deployed tip (gates kept in this branch only; others were read). */
async function recheckGates(
  readFile: (path: string) => Promise<string | undefined>,
  record: RenderRecord,
  platform: PlatformConfig,
  request: BrokerMergeRequest
): Promise<void> {
  const env = platform.spec.environments.find(e => e.name === record.environment)
  const here = resolveGitopsTarget(platform, record.environment, record.service)
  const required: DeployedRender[] = []
  for (const environment of env?.requires ?? []) {
    // Environments kept in another repository or branch were read during verification.
    const target = resolveGitopsTarget(platform, environment, record.service)
    if ((target.repository ?? '') !== (here.repository ?? '')) continue
    if ((target.branch ?? '') !== (here.branch ?? '')) continue
    const path = confineGitopsPath({
      environment,
      service: record.service,
      platformPattern: folderPatternOf(platform, environment),
      recordDisplay: request.branch
    })
    const text = await readFile(`${path}/${RENDER_RECORD_PATH}`)
    required.push({
      location: { environment, remote: { url: '', display: 'the deployed branch' }, path },
      record:
        text === undefined ? undefined : parseRenderRecord(text, `${path}/${RENDER_RECORD_PATH}`)
    })
  }
  if (required.length > 0) checkRequiredEnvironments(record.environment, record, required)
}

/** Deletes the promotion branch while it still points at the verified tip. */
async function deleteBranch(request: BrokerMergeRequest, verifiedSha: string): Promise<boolean> {
  const checkout = await GitopsCheckout.open({
    remote: request.remote,
    token: request.token,
    sparseFolders: [],
    logger: request.logger,
    tempRoot: request.tempRoot
  })
  try {
    const result = await checkout.git.deleteRemoteBranch(
      checkout.remoteName,
      request.branch,
      verifiedSha
    )
    if (result.exitCode === 0) return true
    const now = await checkout.remoteTip(request.branch)
    if (now === undefined) return true
    request.logger.info(
      `${request.branch} moved to ${now.slice(0, 12)} after verification; it is left for its own gate run.`
    )
    return false
  } finally {
    checkout.close()
  }
}

/** A promotion commit message is at most this long (a template and a few trailers). */
export const MAX_COMMIT_MESSAGE_BYTES = 16 * 1024
/** Why a promotion commit's message may not be copied onto the deployed branch, if it may not. */
export function commitMessageProblem(message: string): string | undefined {
  if (Buffer.byteLength(message) > MAX_COMMIT_MESSAGE_BYTES)
    return `is longer than ${MAX_COMMIT_MESSAGE_BYTES / 1024} KiB`
  const control = TEXT_CONTROL.exec(message)
  if (control)
    return `holds the control character U+${control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`
  return undefined
}

/** The branch commit's message (with its provenance trailers) plus where the merge came from. */
function withBrokerTrailer(message: string, branch: string, sha: string): string {
  const body = message.replace(/\s+$/, '')
  return `${body}\nIdp-Promotion-Branch: ${branch}@${sha}\n`
}
