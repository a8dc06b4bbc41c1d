import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  inputRefStart
} from "./chunk-BEPZNKYW.js";
import {
  UserError
} from "./chunk-763CVXX6.js";

// shared/src/gitops/trailers.ts
function withTrailers(message, trailers) {
  const lines = trailers.map((t) => ({ key: t.key, value: t.value.replace(/\s+/g, " ").trim() })).filter((t) => t.value.length > 0).map((t) => `${t.key}: ${t.value}`);
  const body = message.replace(/\s+$/, "");
  return lines.length === 0 ? `${body}
` : `${body}

${lines.join("\n")}
`;
}

// shared/src/gitops/promote-message.ts
var DEFAULT_COMMIT_MESSAGE = "promote {service} to {environment}: {images}";
var MESSAGE_PLACEHOLDERS = [
  "service",
  "environment",
  "images",
  "digest",
  "commit",
  "short-commit",
  "repository",
  "run-number"
];
var TRAILER_KEYS = {
  repository: "Idp-Source-Repository",
  commit: "Idp-Source-Commit",
  runUrl: "Idp-Run-Url",
  environment: "Idp-Environment",
  service: "Idp-Service",
  digest: "Idp-Content-Digest",
  /** An OIDC token of the promoting run, when the platform requires one (spec.gitops.identity). */
  identity: "Idp-Identity"
};
function identityAudience(environment, service, digest) {
  return `idp:${environment}:${service}:${digest}`;
}
function renderCommitMessage(template, record, runUrl, identityToken) {
  const values = {
    service: record.service,
    environment: record.environment,
    images: Object.values(record.images ?? {}).join(", ") || "no images",
    digest: record.digest,
    commit: record.source?.commit ?? "unknown",
    "short-commit": (record.source?.commit ?? "unknown").slice(0, 7),
    repository: record.source?.repository ?? "unknown",
    "run-number": record.source?.runNumber !== void 0 ? String(record.source.runNumber) : ""
  };
  const subject = template.replace(/\{([a-z-]+)\}/g, (whole, name) => {
    if (!Object.hasOwn(values, name)) {
      throw new UserError({
        message: `${inputRefStart("commit-message")} uses {${name}}, which is not a known placeholder.`,
        hint: `Use ${MESSAGE_PLACEHOLDERS.map((p) => `{${p}}`).join(", ")}.`
      });
    }
    return values[name];
  });
  return withTrailers(subject, [
    { key: TRAILER_KEYS.repository, value: record.source?.repository ?? "" },
    { key: TRAILER_KEYS.commit, value: record.source?.commit ?? "" },
    { key: TRAILER_KEYS.runUrl, value: record.source?.runUrl ?? runUrl ?? "" },
    { key: TRAILER_KEYS.environment, value: record.environment },
    { key: TRAILER_KEYS.service, value: record.service },
    { key: TRAILER_KEYS.digest, value: record.digest },
    { key: TRAILER_KEYS.identity, value: identityToken ?? "" }
  ]);
}

// shared/src/runtime/control-characters.ts
var OTHERS = "\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
var LINE_CONTROL = new RegExp(`[\\u0000-\\u001f${OTHERS}]`);
var TEXT_CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`);

export {
  DEFAULT_COMMIT_MESSAGE,
  MESSAGE_PLACEHOLDERS,
  identityAudience,
  renderCommitMessage,
  LINE_CONTROL,
  TEXT_CONTROL
};
