// The GitOps gate's checks that read more than the commit graph: cluster-scoped kinds, the `requires`
// gates, validation with the platform's config and policies; and how a failed check becomes a finding
// on a file of the GitOps repository. verify.ts runs them per changed service folder.
import { platformKindDeclarations, resolveScope } from '../boundary/kinds.js'
import { confineGitopsPath } from '../boundary/paths.js'
import { environmentConfig, resolveGitopsTarget } from '../descriptor/platform.js'
import type { Finding } from '../policy/finding.js'
import { plainFinding } from '../policy/finding.js'
import type { RenderRecord } from '../render/record.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import { isUserError } from '../runtime/errors.js'
import type { DeployedRender, EnvironmentLocation } from './deployed-renders.js'
import { checkRequiredEnvironments } from './gates.js'
import { parseRenderRecord } from './render-guard.js'
import { folderPatternOf } from './service-folders.js'
import type { VerifyRequest } from './verify.js'

export type GateRule =
  | 'history'
  | 'outside-service-folders'
  | 'outside-promotion-folder'
  | 'render-record'
  | 'service-folder-pattern'
  | 'service-ownership'
  | 'service-folder-deleted'
  | 'provenance-trailers'
  | 'content-digest'
  | 'folder-content'
  | 'cluster-scoped-kind'
  | 'promotion-gate'
  | 'validation'
  | 'tree-entry'
  | 'older-render'
  | 'commit-message'
  | 'rendered-kind'
  | 'identity'

/** A failed check as a finding on a file of the GitOps repository. */
export function gateFinding(
  rule: GateRule,
  file: string | undefined,
  message: string,
  help?: string,
  line = 1
): Finding {
  return {
    source: 'gitops-verify',
    policy: 'idp-gitops-gate',
    rule,
    result: 'fail',
    severity: 'error',
    category: 'GitOps gate',
    title: rule,
    message,
    ...(help ? { help } : {}),
    ...(file ? { position: { file, line, column: 1 } } : {})
  }
}

/** The user errors a boundary check threw, as findings on `file`; anything else is rethrown. */
export function findingsOf(rule: GateRule, file: string, error: unknown): Finding[] {
  if (!isUserError(error)) throw error
  return error.problems.map(p =>
    gateFinding(rule, p.position?.file ?? file, p.message, p.hint, p.position?.line ?? 1)
  )
}

export function safeRecord(text: string, display: string): RenderRecord | undefined {
  try {
    return parseRenderRecord(text, display)
  } catch (error) {
    if (isUserError(error)) return undefined
    throw error
  }
}

export async function clusterScoped(request: VerifyRequest, path: string): Promise<Finding[]> {
  const { loadManifests, isBuildFile } = await import('../policy/manifests.js')
  const declarations = platformKindDeclarations(request.platform)
  const findings: Finding[] = []
  try {
    const loaded = loadManifests([path], request.worktree, request.logger)
    for (const m of loaded.manifests) {
      if (isBuildFile(m)) continue
      const apiVersion = String(m.object.apiVersion ?? '')
      const kind = String(m.object.kind ?? '')
      if (!apiVersion || !kind) continue
      const scope = resolveScope(apiVersion, kind, undefined, declarations)
      if (scope === 'Namespaced') continue
      const at = m.positionOf(m.embedded?.at ?? '')
      findings.push(
        gateFinding(
          'cluster-scoped-kind',
          m.file,
          scope === 'Cluster'
            ? `${kind} (${apiVersion}) is cluster-scoped; a service folder holds only namespaced objects.`
            : `The scope of ${kind} (${apiVersion}) is unknown, so it is not assumed namespaced.`,
          scope === 'Cluster'
            ? 'Cluster-scoped objects belong to the platform team: ask them to add it to the platform folder.'
            : "Declare the kind in the platform config's spec.kinds, or give its CRD in spec.crds.",
          at.line
        )
      )
    }
  } catch (error) {
    findings.push(...findingsOf('folder-content', path, error))
  }
  return findings
}

export async function gates(
  request: VerifyRequest,
  record: RenderRecord,
  recordFile: string,
  deployedAt: string
): Promise<Finding[]> {
  const { platform } = request
  const requires = environmentConfig(platform, record.environment).requires ?? []
  if (requires.length === 0) return []
  const here = resolveGitopsTarget(platform, record.environment, record.service)
  const required: DeployedRender[] = []
  const elsewhere: EnvironmentLocation[] = []
  try {
    for (const environment of requires) {
      const target = resolveGitopsTarget(platform, environment, record.service)
      const path = confineGitopsPath({
        environment,
        service: record.service,
        platformPattern: folderPatternOf(platform, environment),
        recordDisplay: recordFile
      })
      const location: EnvironmentLocation = {
        environment,
        remote: { url: '', display: 'this repository' },
        branch: target.branch,
        path
      }
      const sameTree =
        (target.repository ?? '') === (here.repository ?? '') &&
        (target.branch ?? '') === (here.branch ?? '')
      if (!sameTree) {
        elsewhere.push({
          ...location,
          remote: { url: target.repository ?? '', display: target.repository ?? '' }
        })
        continue
      }
      // What is deployed, never the change itself: promoting dev in the same change does not count.
      const text = await request.git.tryShowFile(deployedAt, `${path}/${RENDER_RECORD_PATH}`)
      required.push({
        location,
        record: text === undefined ? undefined : safeRecord(text, `${path}/${RENDER_RECORD_PATH}`)
      })
    }
    if (elsewhere.length > 0) {
      if (!request.readElsewhere)
        return [
          gateFinding(
            'promotion-gate',
            recordFile,
            `${record.environment} requires ${elsewhere.map(l => l.environment).join(', ')}, kept in another repository or branch that this verification cannot read.`,
            'Give the gate a repository it can read (repository and token inputs of the merge), or keep the environments in one repository.'
          )
        ]
      required.push(...(await request.readElsewhere(elsewhere)))
    }
    checkRequiredEnvironments(record.environment, record, required)
    return []
  } catch (error) {
    return findingsOf('promotion-gate', recordFile, error)
  }
}

/**
 * Validates the service folders with the platform's config, policies and CRDs. Findings land on the
 * rendered files of the GitOps repository (not on the service's idp.yaml, which is not here).
 */
export async function validateFolders(
  request: VerifyRequest,
  folders: string[]
): Promise<Finding[]> {
  const { validateManifests } = await import('../policy/validate.js')
  try {
    const outcome = await validateManifests(
      {
        workspace: request.worktree,
        manifests: folders,
        platformConfig: request.platformFile,
        policies: request.policies,
        crds: request.crds,
        builtinPolicies: true,
        failOn: 'error',
        annotate: false
      },
      request.logger
    )
    return outcome.results.findings.map(f =>
      f.manifest
        ? {
            // Some engines' findings read their fields through getters, which a spread skips.
            ...plainFinding(f),
            position: {
              file: f.manifest.file,
              line: f.manifest.line ?? 1,
              column: f.manifest.column ?? 1
            }
          }
        : f
    )
  } catch (error) {
    if (!isUserError(error)) throw error
    return error.problems.map(p =>
      gateFinding(
        'validation',
        p.position?.file ?? folders[0],
        p.message,
        p.hint,
        p.position?.line ?? 1
      )
    )
  }
}
