import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Logger } from '../runtime/logger.js'

/** The environment that makes git read the temporary auth config, and how to undo it. */
export interface GitAuth {
  /** `GIT_CONFIG_COUNT`/`KEY`/`VALUE` entries that include the auth file; empty without a token. */
  readonly env: Readonly<Record<string, string>>
  /** Deletes the auth file; safe to call twice. Callers run it in `finally`. */
  remove(): void
}

/**
 * Hands a token to git the way actions/checkout does, minus anything that lasts: an
 * `http.<origin>/.extraheader` with `AUTHORIZATION: basic base64(x-access-token:<token>)` written to a
 * private temporary config file, which git includes through environment-provided config
 * (`GIT_CONFIG_COUNT` + `include.path`). The token is therefore never in a URL, never in argv (the file
 * is written by Node, not by `git config`), never in `.git/config`, and the file is removed by
 * `remove()`. The file lives under `RUNNER_TEMP` when set, which the runner wipes even after `kill -9`.
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
  const folder = mkdtempSync(join(env.RUNNER_TEMP || tmpdir(), 'idp-git-auth-'))
  const file = join(folder, `git-credentials-${randomUUID()}.config`)
  writeFileSync(file, `[http "${origin}/"]\n\textraheader = AUTHORIZATION: basic ${basic}\n`, {
    mode: 0o600
  })
  const base = Number(env.GIT_CONFIG_COUNT ?? '0') || 0
  let removed = false
  return {
    env: {
      GIT_CONFIG_COUNT: String(base + 1),
      [`GIT_CONFIG_KEY_${base}`]: 'include.path',
      [`GIT_CONFIG_VALUE_${base}`]: file
    },
    remove: () => {
      if (removed) return
      removed = true
      rmSync(folder, { recursive: true, force: true })
    }
  }
}

/** `https://host[:port]` of an HTTP(S) remote; undefined for `file://`, paths and SSH. */
export function httpOrigin(remoteUrl: string): string | undefined {
  if (!/^https?:\/\//i.test(remoteUrl)) return undefined
  const url = new URL(remoteUrl)
  return `${url.protocol}//${url.host}`
}
