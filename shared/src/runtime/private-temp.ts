import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * The folder every clone, staging copy and scratch file of this process lives in: private (mode 0700,
 * as `mkdtemp` creates it), under `RUNNER_TEMP` in an action (the runner wipes that folder after the
 * job, even when the step was killed with SIGKILL), else under the OS temp folder. It is removed
 * when the process exits and on SIGINT, SIGTERM and SIGHUP, before the signal ends the process.
 * The one secret ever written into it, git's auth config, is unlinked as soon as it is opened (see
 * gitops/git-auth-helper.ts), so even a SIGKILL leaves no token on disk.
 */
export function privateTempRoot(env: NodeJS.ProcessEnv = process.env): string {
  const parent = env.RUNNER_TEMP || tmpdir()
  const known = roots.get(parent)
  if (known && existsSync(known)) return known
  const root = mkdtempSync(join(parent, 'idp-run-'))
  roots.set(parent, root)
  watchProcess()
  return root
}

const roots = new Map<string, string>()
let watching = false

function removeAll(): void {
  for (const root of roots.values()) rmSync(root, { recursive: true, force: true })
  roots.clear()
}

function watchProcess(): void {
  if (watching) return
  watching = true
  process.once('exit', removeAll)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      removeAll()
      // Our listener is gone now (once), so the signal does what it would have done without us.
      process.kill(process.pid, signal)
    })
  }
}
