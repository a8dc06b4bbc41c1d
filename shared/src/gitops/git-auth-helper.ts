import { randomUUID } from 'node:crypto'
import { closeSync, existsSync, openSync, rmSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { privateTempRoot } from '../runtime/private-temp.js'
import type { Logger } from '../runtime/logger.js'

/** The file descriptor git is given as its fourth standard stream (fd 3 in git and its helpers). */
export const AUTH_FD = 3

/** What hands the token to git, and how to undo it. */
export interface GitAuth {
  /** `GIT_CONFIG_COUNT`/`KEY`/`VALUE` entries that include the auth config; empty without a token. */
  readonly env: Readonly<Record<string, string>>
  /** An open descriptor of the auth config that every git process gets as fd 3 (Linux). */
  readonly fd?: number
  /** Closes the descriptor and deletes any file; safe to call twice. Callers run it in `finally`. */
  remove(): void
}

/**
 * Hands a token to git the way actions/checkout does — an `http.<origin>/.extraheader` with
 * `AUTHORIZATION: basic base64(x-access-token:<token>)` — minus anything that lasts or that another
 * process could read: the header goes into a private config file (mode 0600, in the 0700 run folder
 * under `RUNNER_TEMP`), which is opened and at once unlinked. Git and the helpers it starts
 * (git-remote-https) inherit the open descriptor as fd 3 and include it as `/proc/self/fd/3` through
 * environment-provided config. So the token is never in a URL, argv, the environment of a spawned
 * process, `.git/config`, or a file left behind — not even after SIGKILL, since an unlinked file
 * vanishes with the last descriptor. Where `/proc/self/fd` does not exist (macOS), the file stays
 * until `remove()` or the run folder's removal on exit and on signals; under `RUNNER_TEMP` the runner
 * wipes it even after SIGKILL.
 */
export function configureGitAuth(
  remoteUrl: string,
  token: string | undefined,
  logger: Logger,
  env: NodeJS.ProcessEnv = process.env
): GitAuth {
  const origin = httpOrigin(remoteUrl)
  if (!token || !origin) return { env: {}, remove: () => undefined }
  const basic = Buffer.from(`x-access-token:${token}`, 'utf8').toString('base64')
  // Masked on the lines that create them: the raw token and the header value derived from it.
  logger.setSecret(token)
  logger.setSecret(basic)
  const file = join(privateTempRoot(env), `git-auth-${randomUUID()}.config`)
  writeFileSync(file, `[http "${origin}/"]\n\textraheader = AUTHORIZATION: basic ${basic}\n`, {
    mode: 0o600,
    flag: 'wx'
  })
  const base = Number(env.GIT_CONFIG_COUNT ?? '0') || 0
  const include = (path: string) => ({
    GIT_CONFIG_COUNT: String(base + 1),
    [`GIT_CONFIG_KEY_${base}`]: 'include.path',
    [`GIT_CONFIG_VALUE_${base}`]: path
  })
  if (!existsSync('/proc/self/fd')) {
    return { env: include(file), remove: () => rmSync(file, { force: true }) }
  }
  const fd = openSync(file, 'r')
  unlinkSync(file)
  let closed = false
  return {
    env: include(`/proc/self/fd/${AUTH_FD}`),
    fd,
    remove: () => {
      if (closed) return
      closed = true
      closeSync(fd)
    }
  }
}

/** `https://host[:port]` of an HTTP(S) remote; undefined for `file://`, paths and SSH. */
export function httpOrigin(remoteUrl: string): string | undefined {
  if (!/^https?:\/\//i.test(remoteUrl)) return undefined
  const url = new URL(remoteUrl)
  return `${url.protocol}//${url.host}`
}
