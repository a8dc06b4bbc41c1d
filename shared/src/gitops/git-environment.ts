/**
 * The environment every git process idp spawns gets: the parent's, minus the action's inputs
 * (`INPUT_*`, which hold the token input verbatim), the runner's own credentials (`ACTIONS_*`) and
 * any variable whose name says it holds a secret (`*TOKEN*`, `*SECRET*`, `*PASSWORD*`, keys and
 * credentials) — git and the helpers it runs need none of them; the token reaches git only through
 * the auth helper's configuration. Prompts are off, so a missing or wrong token fails at once.
 */
const SECRET_NAME =
  /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL|AUTH/i

/** Needed by git or its helpers although the name looks like a secret's; holds no secret itself. */
const KEEP = new Set(['SSH_AUTH_SOCK', 'GCM_CREDENTIAL_STORE'])

export function gitEnvironment(
  parent: NodeJS.ProcessEnv,
  extra: Readonly<Record<string, string>> = {}
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(parent)) {
    if (value === undefined) continue
    if (/^INPUT_/i.test(name) || /^ACTIONS_/i.test(name)) continue
    if (SECRET_NAME.test(name) && !KEEP.has(name)) continue
    env[name] = value
  }
  return {
    ...env,
    // A missing or wrong token must fail, never wait for a password on a terminal.
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
    ...extra
  }
}
