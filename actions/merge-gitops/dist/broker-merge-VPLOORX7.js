import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  publishFolder
} from "./chunk-Q2KDR6LY.js";
import {
  levelOf
} from "./chunk-SW4C2UYP.js";
import {
  checkRequiredEnvironments,
  folderPatternOf,
  gateFinding,
  parseRenderRecord,
  treeFindings,
  verifyChange
} from "./chunk-2FWCEXIJ.js";
import {
  GitopsCheckout,
  privateTempRoot
} from "./chunk-FIMRUAYG.js";
import "./chunk-GWN7IGE3.js";
import {
  assertMayReplace,
  repositoryId,
  resolveGitopsTarget
} from "./chunk-DS76NJ7D.js";
import "./chunk-J5U6FARA.js";
import {
  checkBranchName,
  confineGitopsPath,
  isDnsLabel
} from "./chunk-VN52I4I3.js";
import {
  RENDER_RECORD_PATH
} from "./chunk-PULTVLQO.js";
import {
  TEXT_CONTROL
} from "./chunk-MOQFNRDJ.js";
import {
  copyPublishableFolder
} from "./chunk-YWF356WQ.js";
import "./chunk-QRTTHIBF.js";
import "./chunk-B6TU5DWR.js";
import "./chunk-RBHNWEPJ.js";
import {
  UserError
} from "./chunk-CQTZEYZ7.js";

// shared/src/gitops/broker-merge.ts
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
var PROMOTION_BRANCH_PREFIX = "idp/";
function parsePromotionBranch(branch, platform) {
  checkBranchName(branch, `The branch '${branch}'`);
  const parts = branch.split("/");
  const environments = platform.spec.environments.map((e) => e.name);
  if (parts.length !== 3 || `${parts[0]}/` !== PROMOTION_BRANCH_PREFIX || !isDnsLabel(parts[1]) || !isDnsLabel(parts[2]) || !environments.includes(parts[1]))
    throw new UserError({
      message: `'${branch}' is not a promotion branch: idp merges only idp/<environment>/<service>, with an environment of the platform config (${environments.join(", ")}).`,
      hint: "Service pipelines promote in pull-request mode, which pushes idp/<environment>/<service>."
    });
  const [, environment, service] = parts;
  const path = confineGitopsPath({
    environment,
    service,
    platformPattern: folderPatternOf(platform, environment),
    recordDisplay: branch,
    environments
  });
  return { environment, service, path };
}
async function brokerMerge(request) {
  const { logger, platform } = request;
  const folder = parsePromotionBranch(request.branch, platform);
  const into = request.into ?? platform.spec.environments.find((e) => e.name === folder.environment)?.gitops?.branch ?? platform.spec.gitops?.branch;
  if (into !== void 0) checkBranchName(into, "The deployed branch ('into')");
  const checked = await verifyBranch(request, folder, into);
  const base = {
    into: checked.into,
    findings: checked.findings,
    folders: checked.folders,
    verifiedSha: checked.verifiedSha,
    commitSha: "",
    branchDeleted: false
  };
  if (!checked.staging || !checked.record) return { ...base, merged: false };
  const { staging, record } = checked;
  try {
    const where = `${request.remote.display}:${folder.path}`;
    const published = await publishFolder({
      remote: request.remote,
      token: request.token,
      branch: checked.into,
      targetPath: folder.path,
      sourceFolder: staging,
      message: checked.message,
      author: request.author,
      maxAttempts: request.maxAttempts,
      backoff: request.backoff,
      logger,
      tempRoot: request.tempRoot,
      // On every attempt, against the tip this commit will sit on: the folder's owner and the gates
      // may have changed since verification.
      inspect: async (view) => {
        const file = `${folder.path}/${RENDER_RECORD_PATH}`;
        const text = await view.readFile(file);
        const held = text === void 0 ? void 0 : parseRenderRecord(text, `${where}/${RENDER_RECORD_PATH}`);
        const identity = {
          repository: repositoryId(record.source?.repository),
          source: "its render record"
        };
        assertMayReplace(platform, held, identity, where);
        await recheckGates(view.readFile, record, platform, request);
      }
    });
    logger.info(
      published.changed ? `Merged ${request.branch} (${checked.verifiedSha.slice(0, 12)}) into ${checked.into} as ${published.commitSha.slice(0, 12)}.` : `${checked.into} already holds ${folder.path} as on ${request.branch}.`
    );
    const branchDeleted = await deleteBranch(request, checked.verifiedSha);
    return { ...base, merged: true, commitSha: published.commitSha, branchDeleted, record };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
async function verifyBranch(request, folder, into) {
  const { logger, platform } = request;
  const checkout = await GitopsCheckout.open({
    remote: request.remote,
    token: request.token,
    branch: into,
    sparseFolders: [folder.path],
    logger,
    tempRoot: request.tempRoot
  });
  const none = { into: checkout.branch, findings: [], folders: [], verifiedSha: "", message: "" };
  try {
    const { git } = checkout;
    if (!await checkout.remoteTip(request.branch)) {
      logger.info(
        `${request.branch} does not exist (already merged, or never pushed); nothing to do.`
      );
      return none;
    }
    if (!await checkout.remoteTip(checkout.branch))
      throw new UserError({
        message: `The deployed branch ${checkout.branch} of ${request.remote.display} does not exist.`,
        hint: "Create it first (the platform's bootstrap commit), or name the right branch with 'into'."
      });
    for (const branch of [checkout.branch, request.branch]) {
      const fetched = await git.tryFetchBranch(checkout.remoteName, branch, { filter: "blob:none" }) || await git.tryFetchBranch(checkout.remoteName, branch, {});
      if (!fetched)
        throw new UserError({
          message: `Could not fetch ${branch} from ${request.remote.display}.`,
          hint: "Check that the token may read the GitOps repository."
        });
    }
    const verifiedSha = await git.revParse(checkout.remoteRef(request.branch));
    const deployedSha = await git.revParse(checkout.remoteRef(checkout.branch));
    const from = await git.mergeBase(deployedSha, verifiedSha);
    if (from) {
      const changed = await git.changedPaths(from, verifiedSha);
      const inFolder = (p) => p === folder.path || p.startsWith(`${folder.path}/`) ? folder.path : void 0;
      const entries = await treeFindings(git, verifiedSha, changed, inFolder);
      if (entries.length > 0) return { ...none, findings: entries, verifiedSha };
      await git.checkoutReset("idp-verify", verifiedSha);
    }
    const outcome = await verifyChange({
      git,
      worktree: checkout.dir,
      base: deployedSha,
      head: verifiedSha,
      platform,
      platformFile: request.platformFile,
      policies: [],
      crds: [],
      platformAuthors: request.platformAuthors,
      onlyFolder: folder,
      ownershipAt: deployedSha,
      readElsewhere: request.readElsewhere,
      logger
    });
    const mine = outcome.folders.find((f) => f.path === folder.path);
    const findings = [...outcome.findings];
    const refused = () => findings.some((f) => levelOf(f) === "error");
    if (!refused() && (!mine?.record || mine.deleted))
      findings.push(
        gateFinding(
          "render-record",
          folder.path,
          `${request.branch} brings no render to ${folder.path}; there is nothing to merge.`,
          "Push a promotion made by idp promote (pull-request mode)."
        )
      );
    const { message } = await git.commitInfo(verifiedSha);
    const messageProblem = commitMessageProblem(message);
    if (messageProblem)
      findings.push(
        gateFinding(
          "commit-message",
          folder.path,
          `The commit message of ${request.branch} (${verifiedSha.slice(0, 12)}) ${messageProblem}; the merge commit would carry it onto ${checkout.branch}.`,
          "Promote with idp promote, whose commit message is the platform template and the provenance trailers."
        )
      );
    const checked = { ...none, findings, folders: outcome.folders, verifiedSha };
    if (refused()) return checked;
    const staging = mkdtempSync(join(request.tempRoot ?? privateTempRoot(), "idp-broker-"));
    try {
      copyPublishableFolder(join(checkout.dir, folder.path), staging, {
        what: "The promotion branch folder",
        display: `${request.branch}:${folder.path}`
      });
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    return {
      ...checked,
      staging,
      record: mine.record,
      message: withBrokerTrailer(message, request.branch, verifiedSha)
    };
  } finally {
    checkout.close();
  }
}
async function recheckGates(readFile, record, platform, request) {
  const env = platform.spec.environments.find((e) => e.name === record.environment);
  const here = resolveGitopsTarget(platform, record.environment, record.service);
  const required = [];
  for (const environment of env?.requires ?? []) {
    const target = resolveGitopsTarget(platform, environment, record.service);
    if ((target.repository ?? "") !== (here.repository ?? "")) continue;
    if ((target.branch ?? "") !== (here.branch ?? "")) continue;
    const path = confineGitopsPath({
      environment,
      service: record.service,
      platformPattern: folderPatternOf(platform, environment),
      recordDisplay: request.branch
    });
    const text = await readFile(`${path}/${RENDER_RECORD_PATH}`);
    required.push({
      location: { environment, remote: { url: "", display: "the deployed branch" }, path },
      record: text === void 0 ? void 0 : parseRenderRecord(text, `${path}/${RENDER_RECORD_PATH}`)
    });
  }
  if (required.length > 0) checkRequiredEnvironments(record.environment, record, required);
}
async function deleteBranch(request, verifiedSha) {
  const checkout = await GitopsCheckout.open({
    remote: request.remote,
    token: request.token,
    sparseFolders: [],
    logger: request.logger,
    tempRoot: request.tempRoot
  });
  try {
    const result = await checkout.git.deleteRemoteBranch(
      checkout.remoteName,
      request.branch,
      verifiedSha
    );
    if (result.exitCode === 0) return true;
    const now = await checkout.remoteTip(request.branch);
    if (now === void 0) return true;
    request.logger.info(
      `${request.branch} moved to ${now.slice(0, 12)} after verification; it is left for its own gate run.`
    );
    return false;
  } finally {
    checkout.close();
  }
}
var MAX_COMMIT_MESSAGE_BYTES = 16 * 1024;
function commitMessageProblem(message) {
  if (Buffer.byteLength(message) > MAX_COMMIT_MESSAGE_BYTES)
    return `is longer than ${MAX_COMMIT_MESSAGE_BYTES / 1024} KiB`;
  const control = TEXT_CONTROL.exec(message);
  if (control)
    return `holds the control character U+${control[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0")}`;
  return void 0;
}
function withBrokerTrailer(message, branch, sha) {
  const body = message.replace(/\s+$/, "");
  return `${body}
Idp-Promotion-Branch: ${branch}@${sha}
`;
}
export {
  MAX_COMMIT_MESSAGE_BYTES,
  PROMOTION_BRANCH_PREFIX,
  brokerMerge,
  commitMessageProblem,
  parsePromotionBranch
};
