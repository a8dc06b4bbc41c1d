import type { Logger } from '../runtime/logger.js'

/** The environment that hands the token to git, and how to undo it. */
export interface GitAuth {
  /** `GIT_CONFIG_COUNT`/`KEY`/`VALUE` entries that set the auth header; empty without a token. */
  readonly env: Readonly<Record<string, string>>
  /** Nothing to remove any more (no file is written); kept so callers stay in `finally` form. */
  remove(): void
}

/**
 * Hands a token to git as actions/checkout does — an `http.<origin>/.extraheader` with
 * `AUTHORIZATION: basic base64(x-access-token:<token>)` — but through environment-provided config
 * (`GIT_CONFIG_COUNT`, `GIT_CONFIG_KEY_n`, `GIT_CONFIG_VALUE_n`, git 2.31+) of the git processes idp
 * spawns, and never through a file. So the token is never in a URL, never in argv, never in
 * `.git/config`, and never on disk: a promote killed with SIGKILL leaves nothing behind that holds it
 * (a file, even under `RUNNER_TEMP`, would outlive the process until the runner cleans up, and on a
 * developer's machine for good). The header applies only to the remote's own origin.
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
  const base = Number(env.GIT_CONFIG_COUNT ?? '0') || 0
  return {
    env: {
      GIT_CONFIG_COUNT: String(base + 1),
      [`GIT_CONFIG_KEY_${base}`]: `http.${origin}/.extraheader`,
      [`GIT_CONFIG_VALUE_${base}`]: `AUTHORIZATION: basic ${basic}`
    },
    remove: () => undefined
  }
}

/** `https://host[:port]` of an HTTP(S) remote; undefined for `file://`, paths and SSH. */
export function httpOrigin(remoteUrl: string): string | undefined {
  if (!/^https?:\/\//i.test(remoteUrl)) return undefined
  const url = new URL(remoteUrl)
  return `${url.protocol}//${url.host}`
}
