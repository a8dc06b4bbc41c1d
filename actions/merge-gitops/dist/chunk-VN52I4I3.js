import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  UserError,
  inputRefStart
} from "./chunk-CQTZEYZ7.js";

// shared/src/boundary/paths.ts
var DEFAULT_PATH_PATTERN = "envs/{environment}/{service}";
var DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function isDnsLabel(value) {
  return typeof value === "string" && value.length <= 63 && DNS_LABEL.test(value);
}
function checkRecordName(value, field, display, environments) {
  const position = { file: display, line: 1, column: 1 };
  if (!isDnsLabel(value)) {
    throw new UserError({
      message: `The render record names ${field} ${JSON.stringify(value)}, which is not a DNS-1123 label (lower-case letters, digits and -, at most 63).`,
      position,
      hint: "Render the folder again with idp render; do not edit .idp/render.json by hand."
    });
  }
  if (environments && field === "environment" && !environments.includes(value)) {
    throw new UserError({
      message: `The render record was rendered for environment '${value}', which the platform config does not define.`,
      position,
      hint: `Defined environments: ${environments.join(", ")}.`
    });
  }
  return value;
}
var SAFE_SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;
function repoFolderProblem(path) {
  const trimmed = path.replace(/^\/+|\/+$/g, "");
  if (trimmed === "") return "it is the repository root";
  if (path.length > 1024) return "it is longer than 1024 characters";
  if (/^\//.test(path)) return "it is absolute";
  const bad = trimmed.split("/").find((s) => !SAFE_SEGMENT.test(s) || s.length > 255);
  if (bad === void 0) return void 0;
  if (bad === "") return "it has an empty segment (//)";
  if (bad === "." || bad === "..") return `it has a '${bad}' segment`;
  if (bad.toLowerCase().startsWith(".git")) return "it reaches into '.git'";
  return `the segment '${bad}' is not a plain folder name (letters, digits, ., _ and -, not starting with .)`;
}
function fill(pattern, environment, service) {
  return pattern.replace(/\{([^}]*)\}/g, (whole, name) => {
    if (name === "environment") return environment;
    if (name === "service") return service;
    throw new UserError({
      message: `The path pattern '${pattern}' uses ${whole}; only {environment} and {service} are known.`,
      hint: "Use a folder such as envs/{environment}/{service}."
    });
  });
}
function confineGitopsPath(request) {
  const service = checkRecordName(request.service, "service", request.recordDisplay);
  const environment = checkRecordName(
    request.environment,
    "environment",
    request.recordDisplay,
    request.environments
  );
  const pattern = request.platformPattern ?? DEFAULT_PATH_PATTERN;
  const bound = fill(pattern, environment, service).replace(/^\/+|\/+$/g, "");
  const boundProblem = repoFolderProblem(bound);
  if (boundProblem) {
    throw new UserError({
      message: `The platform's GitOps path '${pattern}' gives '${bound}' for ${service} in ${environment}, which is not a folder idp writes: ${boundProblem}.`,
      hint: "Fix gitops.path in the platform config, e.g. envs/{environment}/{service}."
    });
  }
  if (request.inputPath === void 0) return bound;
  const wanted = fill(request.inputPath.trim(), environment, service);
  const problem = repoFolderProblem(wanted);
  if (problem) {
    throw new UserError({
      message: `${inputRefStart("path")} must be a folder inside the repository such as ${bound}; got '${request.inputPath}': ${problem}.`,
      hint: "Use forward slashes, plain folder names, no . or .. segments, and not the repository root."
    });
  }
  const normalised = wanted.replace(/^\/+|\/+$/g, "");
  if (normalised !== bound && !normalised.startsWith(`${bound}/`)) {
    throw new UserError({
      message: `${inputRefStart("path")} is '${request.inputPath}' (${normalised}), outside the folder ${request.platformPattern === void 0 ? "idp uses without a platform config" : "the platform config gives"} for ${service} in ${environment}: ${bound}.`,
      hint: `An input may narrow that folder to a subfolder of it, never leave it: remove 'path' or give ${bound}/<subfolder>.`
    });
  }
  return normalised;
}
function branchNameProblem(name) {
  if (name === "") return "it is empty";
  if (name.length > 255) return "it is longer than 255 characters";
  if (name.startsWith("-")) return "it starts with -";
  if (name === "@" || name === "HEAD") return `'${name}' is not a branch`;
  if (/[\x00-\x20\x7f]/.test(name)) return "it contains a space or a control character";
  const special = /[~^:?*[\\]/.exec(name);
  if (special) return `it contains '${special[0]}'`;
  if (name.includes("..")) return "it contains '..'";
  if (name.includes("@{")) return "it contains '@{'";
  if (name.startsWith("/") || name.endsWith("/") || name.includes("//"))
    return "it has an empty segment (a leading, trailing or double /)";
  if (name.endsWith(".")) return "it ends with .";
  for (const segment of name.split("/")) {
    if (segment.startsWith(".")) return `the segment '${segment}' starts with .`;
    if (segment.endsWith(".lock")) return `the segment '${segment}' ends with .lock`;
  }
  return void 0;
}
function checkBranchName(name, what, position) {
  const problem = branchNameProblem(name);
  if (problem) {
    throw new UserError({
      message: `${what} is not a valid git branch name (${JSON.stringify(name)}): ${problem}.`,
      position,
      hint: "Use a branch name such as main or release/prod (see git check-ref-format)."
    });
  }
  return name;
}
function gitopsTargetProblems(target) {
  const problems = [];
  if (target.branch !== void 0) {
    const problem = branchNameProblem(target.branch);
    if (problem)
      problems.push({
        field: "branch",
        message: `The branch ${JSON.stringify(target.branch)} is not a valid git branch name: ${problem}.`,
        hint: "Use a branch name such as main or release/prod (see git check-ref-format)."
      });
  }
  if (target.path !== void 0) {
    const unknown = [...target.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]).filter((n) => n !== "environment" && n !== "service");
    const filled = target.path.replace(/\{environment\}/g, "env").replace(/\{service\}/g, "svc");
    const problem = unknown.length > 0 ? `it uses {${unknown[0]}}; only {environment} and {service} are known` : !target.path.includes("{service}") ? "it does not use {service}, so every service would write the same folder" : /^\//.test(target.path) ? "it is absolute" : repoFolderProblem(filled);
    if (problem)
      problems.push({
        field: "path",
        message: `The GitOps path '${target.path}' is not a folder pattern idp writes: ${problem}.`,
        hint: "Use a relative folder with {service} (and usually {environment}), e.g. envs/{environment}/{service}."
      });
  }
  return problems;
}

export {
  DEFAULT_PATH_PATTERN,
  isDnsLabel,
  checkRecordName,
  confineGitopsPath,
  checkBranchName,
  gitopsTargetProblems
};
