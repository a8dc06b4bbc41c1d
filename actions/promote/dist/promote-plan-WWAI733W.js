import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  environmentConfig,
  resolveGitopsTarget
} from "./chunk-74SSBYFB.js";
import {
  assertMayReplace,
  assertServiceBinding,
  withRecordFallback
} from "./chunk-DZA6KNET.js";
import {
  RENDER_RECORD_PATH,
  readIncomingRecord,
  resolveRemote
} from "./chunk-FNAH22MD.js";
import "./chunk-N4WKYIF2.js";
import {
  DEFAULT_PATH_PATTERN,
  checkBranchName,
  checkRecordName,
  confineGitopsPath
} from "./chunk-P774GGE4.js";
import {
  inputRef,
  inputRefStart
} from "./chunk-BEPZNKYW.js";
import {
  UserError
} from "./chunk-763CVXX6.js";

// shared/src/gitops/promote-plan.ts
function planPromotion(settings, platform) {
  const record = readIncomingRecord(settings.manifests, settings.manifestsDisplay);
  const recordDisplay = `${settings.manifestsDisplay}/${RENDER_RECORD_PATH}`;
  const environments = platform?.spec.environments.map((e) => e.name);
  checkRecordName(record.service, "service", recordDisplay);
  checkRecordName(record.environment, "environment", recordDisplay, environments);
  if (settings.branch !== void 0) checkBranchName(settings.branch, inputRefStart("branch"));
  const identity = withRecordFallback(
    settings.identity ?? { source: "no GITHUB_REPOSITORY and no git origin" },
    record
  );
  assertServiceBinding({
    platform,
    service: record.service,
    owner: record.owner,
    identity,
    recordRepository: record.source?.repository,
    servicePosition: { file: recordDisplay, line: 1, column: 1 },
    subject: "the render record"
  });
  const environment = settings.environment ?? record.environment;
  if (environment !== record.environment) {
    throw new UserError({
      message: `${inputRefStart("environment")} is '${environment}', but ${settings.manifestsDisplay} was rendered for '${record.environment}'.`,
      hint: `Promote the folder rendered for ${environment} (e.g. rendered/${environment}), or fix 'environment'.`
    });
  }
  const service = record.service;
  const platformTarget = platform ? resolveGitopsTarget(platform, environment, service) : void 0;
  const platformMode = platformTarget?.mode ?? "push";
  if (platformMode === "pull-request" && settings.mode === "push") {
    throw new UserError({
      message: `${inputRefStart("mode")} is push, but the platform config requires pull requests for ${environment}.`,
      hint: "An input may tighten push to pull-request, never loosen it; remove 'mode' or set it to pull-request."
    });
  }
  const mode = settings.mode ?? platformMode;
  const repository = settings.repository ?? platformTarget?.repository;
  if (!repository) {
    throw new UserError({
      message: `No GitOps repository for ${environment}: ${inputRef("repository")} is empty and ${platform ? "the platform config names none" : `no ${inputRef("platform-config")} was given`}.`,
      hint: "Set 'repository' (owner/name or a URL), or spec.gitops.repository in the platform config."
    });
  }
  const remote = resolveRemote(repository, settings.serverUrl, settings.workspace);
  if (!platform && remote.github && !settings.noPlatform)
    throw new UserError({
      message: `No ${inputRef("platform-config")} was given, so promote to ${remote.display} would skip the platform's requires gates, pull-request mode and folder patterns.`,
      hint: `Pass ${inputRef("platform-config")}, or set ${inputRef("no-platform")} to true to promote without it on purpose.`
    });
  const pathOf = (env, inputPath) => confineGitopsPath({
    environment: env,
    service,
    platformPattern: platform ? platformPathPattern(platform, env) : void 0,
    inputPath,
    recordDisplay,
    environments
  });
  const path = pathOf(environment, settings.path);
  const requiresOf = (env) => platform ? environmentConfig(platform, env).requires ?? [] : [];
  const target = {
    environment,
    remote,
    branch: settings.branch ?? platformTarget?.branch,
    path,
    requires: requiresOf(environment)
  };
  const locate = (env) => {
    if (env === environment) return target;
    const t = resolveGitopsTarget(platform, env, service);
    const overridden = settings.repository !== void 0 && t.repository === platformTarget?.repository;
    const other = t.repository && !overridden ? resolveRemote(t.repository, settings.serverUrl, settings.workspace) : remote;
    return {
      environment: env,
      remote: other,
      branch: t.branch,
      path: pathOf(env),
      requires: requiresOf(env)
    };
  };
  return {
    manifests: settings.manifests,
    manifestsDisplay: settings.manifestsDisplay,
    record,
    environment,
    target,
    mode,
    requires: requiresOf(environment).map(locate),
    environments: platform ? platform.spec.environments.map((e) => locate(e.name)) : [target],
    token: settings.token,
    commitMessage: settings.commitMessage,
    author: platform?.spec.gitops?.author,
    maxAttempts: settings.maxAttempts,
    allowRollback: settings.allowRollback,
    dryRun: settings.dryRun,
    labels: settings.labels,
    autoMerge: settings.autoMerge,
    apiUrl: settings.apiUrl,
    runUrl: settings.runUrl,
    backoff: settings.backoff,
    githubRetryUnitMs: settings.githubRetryUnitMs,
    githubWriteSpacingMs: settings.githubWriteSpacingMs,
    transport: settings.transport,
    mayReplace: (held, where) => assertMayReplace(platform, held, identity, where)
  };
}
function platformPathPattern(platform, environment) {
  return environmentConfig(platform, environment).gitops?.path ?? platform.spec.gitops?.path;
}
export {
  DEFAULT_PATH_PATTERN,
  planPromotion
};
