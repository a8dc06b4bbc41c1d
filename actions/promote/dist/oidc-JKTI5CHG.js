import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  UserError
} from "./chunk-763CVXX6.js";

// shared/src/github/oidc.ts
var OIDC_REQUEST_TIMEOUT_MS = 15e3;
var HINT = "Give the promoting job `permissions: id-token: write` (and run promote in GitHub Actions): the platform's spec.gitops.identity requires each promotion to carry an OIDC token of the service's own run.";
async function requestIdentityToken(env, audience, logger, timeoutMs = OIDC_REQUEST_TIMEOUT_MS) {
  const endpoint = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  const bearer = env.ACTIONS_ID_TOKEN_REQUEST_TOKEN;
  if (!endpoint || !bearer)
    throw new UserError({
      message: "The platform requires promotions to carry an OIDC identity token, but this run cannot request one (ACTIONS_ID_TOKEN_REQUEST_URL is not set: not GitHub Actions, or the job lacks id-token: write).",
      hint: HINT
    });
  logger.setSecret(bearer);
  let url;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UserError({
      message: "ACTIONS_ID_TOKEN_REQUEST_URL is not a URL, so no OIDC identity token can be requested.",
      hint: HINT
    });
  }
  url.searchParams.set("audience", audience);
  const failed = (why) => new UserError({
    message: `Requesting the OIDC identity token for this promotion failed: ${why}.`,
    hint: HINT
  });
  let body;
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${bearer}`, accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs)
    });
    if (!response.ok) throw failed(`the endpoint answered HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    if (error instanceof UserError) throw error;
    const name = error.name;
    throw failed(
      name === "TimeoutError" || name === "AbortError" ? `no answer within ${Math.round(timeoutMs / 1e3)} s` : name === "SyntaxError" ? "the answer is not JSON" : `${error.message}`
    );
  }
  const value = body?.value;
  if (typeof value !== "string" || !/^[\w-]+\.[\w-]+\.[\w-]+$/.test(value))
    throw failed("the answer holds no token");
  logger.setSecret(value);
  return value;
}
export {
  OIDC_REQUEST_TIMEOUT_MS,
  requestIdentityToken
};
