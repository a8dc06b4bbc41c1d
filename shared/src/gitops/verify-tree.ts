// The GitOps gate's look at a change's tree entries, read from git before anything is checked out: the
// service pipeline builds the branch's trees, so they may hold what no render writes and what a
// checkout or the cluster's GitOps engine would act on — names git refuses or treats specially (`..`,
// `.git`), control characters, symbolic links, submodules (gitlinks), executable files, hidden files
// (.gitmodules, .argocd-source*.yaml) and absurd nesting. Each is refused as a finding on the path.
import type { Finding } from '../policy/finding.js'
import { RENDER_RECORD_PATH } from '../render/record.js'
import type { GitCommandManager } from './git-command-manager.js'
import { gateFinding } from './verify-checks.js'
import { LINE_CONTROL } from '../runtime/control-characters.js'

/** Path segments of one changed path (render writes a handful; a GitOps engine walks them all). */
export const MAX_PATH_DEPTH = 24
/** Characters of one changed path (Windows checkouts and some engines stop near 260). */
export const MAX_PATH_LENGTH = 512

/** `.git` as git on any file system reads it: any case, trailing dots or spaces, NTFS short name. */
const GIT_DIR = /^(\.git[. ]*|git~\d+)$/i

/** Why a path may not be in a GitOps tree at all (git or a checkout would act on it), if it may not. */
export function unsafePathProblem(path: string): string | undefined {
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`
  const segments = path.split('/')
  if (segments.length > MAX_PATH_DEPTH) return `is nested deeper than ${MAX_PATH_DEPTH} folders`
  for (const segment of segments) {
    if (LINE_CONTROL.test(segment)) return 'holds a control character in its name'
    if (segment === '' || segment === '.' || segment === '..')
      return `holds the path segment '${segment}'`
    if (GIT_DIR.test(segment)) return `holds '${segment}', which git reads as its own folder`
    if (segment.includes('\\')) return 'holds a backslash, a folder separator on Windows'
  }
  return undefined
}

/** Why an entry of a service folder is not what render writes (a regular, non-executable file). */
export function serviceEntryProblem(name: string, mode: string): string | undefined {
  if (mode === '120000') return 'is a symbolic link'
  if (mode === '160000') return 'is a submodule (gitlink)'
  if (mode === '100755') return 'is an executable file'
  if (mode !== '100644') return `has the git mode ${mode}`
  if (name !== RENDER_RECORD_PATH && name.split('/').some(s => s.startsWith('.')))
    return 'is a hidden file, which render never writes'
  return undefined
}

/** The part of a path that is safe to name as an annotation's file (up to its first odd segment). */
function shownPath(path: string): string {
  const safe: string[] = []
  for (const segment of path.split('/')) {
    if (unsafePathProblem(segment) !== undefined || segment.length > 100) break
    safe.push(segment)
  }
  return safe.join('/') || '.'
}

/**
 * Findings on the entries of `head` at `changedPaths`: every changed path must be one git checks out
 * plainly, and in a service folder (`folderOf` gives it) an entry must be a regular file render writes.
 */
export async function treeFindings(
  git: GitCommandManager,
  head: string,
  changedPaths: readonly string[],
  folderOf: (path: string) => string | undefined
): Promise<Finding[]> {
  const findings: Finding[] = []
  const changed = new Set(changedPaths)
  for (const path of changedPaths) {
    const problem = unsafePathProblem(path)
    if (problem)
      findings.push(
        gateFinding(
          'tree-entry',
          shownPath(path),
          `The change writes ${JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path)}, which ${problem}.`,
          'A promotion writes only the files idp render wrote; push the rendered folder as it is (idp promote does).'
        )
      )
  }
  if (findings.length > 0) return findings
  for (const entry of await git.lsTree(head, true)) {
    if (!changed.has(entry.name)) continue
    const folder = folderOf(entry.name)
    if (folder === undefined) continue
    const problem = serviceEntryProblem(entry.name.slice(folder.length + 1), entry.mode)
    if (problem)
      findings.push(
        gateFinding(
          'tree-entry',
          entry.name,
          `${entry.name} ${problem}; a service folder holds only the regular files render wrote.`,
          'Push the rendered folder as render wrote it (idp promote does): no links, submodules, executable or hidden files.'
        )
      )
  }
  return findings
}
