import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  GitopsCheckout,
  checkRequiredEnvironments,
  folderPatternOf,
  gateFinding,
  parseRenderRecord,
  privateTempRoot,
  verifyChange
} from "./chunk-7Q3WWVBO.js";
import "./chunk-VDCT73IW.js";
import {
  assertMayReplace,
  checkBranchName,
  confineGitopsPath,
  isDnsLabel,
  repositoryId,
  resolveGitopsTarget
} from "./chunk-GTTYDLN4.js";
import {
  RENDER_RECORD_PATH
} from "./chunk-WT5I4ZE3.js";
import "./chunk-SUAGJYMS.js";
import {
  copyPublishableFolder,
  listServiceFolder,
  passesThroughLink
} from "./chunk-VFFNRTTA.js";
import {
  UserError,
  inputRefStart
} from "./chunk-FUXD4CWG.js";

// shared/src/gitops/broker-merge.ts
import { mkdtempSync, rmSync as rmSync2 } from "node:fs";
import { join as join4 } from "node:path";

// shared/src/gitops/backoff.ts
var DEFAULT_BACKOFF = {
  initialMs: 1e3,
  multiplier: 1.5,
  maxMs: 3e4,
  jitter: 0.5
};
function backoffDelay(attempt, policy = DEFAULT_BACKOFF, random = Math.random) {
  const nominal = policy.initialMs * Math.pow(policy.multiplier, Math.max(0, attempt - 1));
  const spread = 1 - policy.jitter + 2 * policy.jitter * random();
  return Math.round(Math.min(policy.maxMs, nominal * spread));
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// shared/src/gitops/folder.ts
import { cpSync, existsSync, lstatSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, posix } from "node:path";
function normaliseRepoPath(path, input = "path") {
  const trimmed = path.trim().replace(/^\/+|\/+$/g, "");
  const segments = trimmed.split("/");
  if (trimmed === "" || path.includes("\\") || segments.some((s) => s === "" || s === "." || s === "..") || segments[0] === ".git" || posix.normalize(trimmed) !== trimmed) {
    throw new UserError({
      message: `${inputRefStart(input)} must be a folder inside the repository such as envs/prod/checkout; got '${path}'.`,
      hint: "Use forward slashes, no leading /, no . or .. segments, and not the repository root."
    });
  }
  return trimmed;
}
function replaceFolder(worktree, targetPath, sourceFolder) {
  const target = join(worktree, targetPath);
  if (passesThroughLink(worktree, dirname(target)))
    throw new UserError({
      message: `The repository holds a symbolic link on the way to ${targetPath}; idp does not write through it.`,
      hint: "Replace the link in the repository with a real folder (the repository owners decide), then promote again."
    });
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  cpSync(sourceFolder, target, { recursive: true, dereference: false, verbatimSymlinks: true });
}
function isDirectory(folder) {
  try {
    return lstatSync(folder).isDirectory();
  } catch {
    return false;
  }
}

// shared/src/gitops/publish-path.ts
import { join as join3 } from "node:path";

// shared/src/gitops/path-tree.ts
import { lstatSync as lstatSync2, mkdirSync as mkdirSync2, symlinkSync, writeFileSync } from "node:fs";
import { dirname as dirname2, join as join2, relative, sep } from "node:path";
var TREE_MODE = "040000";
var ReadFailure = class extends Error {
  constructor(message, treeLess = false) {
    super(message);
    this.treeLess = treeLess;
    this.name = "ReadFailure";
  }
  treeLess;
};
var PathTrees = class {
  constructor(git, remote) {
    this.git = git;
    this.remote = remote;
  }
  git;
  remote;
  present = /* @__PURE__ */ new Map();
  /** The entries of a tree, fetching that tree alone when it is not here yet. */
  async entries(id) {
    const known = this.present.get(id);
    if (known) return known;
    if (!await this.git.tryFetchObjects(this.remote, [id], "tree:0"))
      throw new ReadFailure(`could not fetch tree ${id}`);
    const entries = await this.git.lsTree(id);
    this.present.set(id, entries);
    return entries;
  }
  /** The trees from `root` down along `path`, as far as they exist (root first). */
  async chain(root, path) {
    const levels = [{ id: root, entries: await this.entries(root) }];
    for (const name of path.split("/")) {
      const entry = levels[levels.length - 1].entries.find((e) => e.name === name);
      if (!entry) break;
      if (entry.mode === "120000") {
        throw new UserError({
          message: `'${name}' on the path ${path} is a symbolic link in the GitOps repository; idp never writes or reads through links.`,
          hint: "Replace the link with a folder in the GitOps repository (or remove it), then promote again."
        });
      }
      if (entry.type !== "tree") {
        throw new UserError({
          message: `'${name}' on the path ${path} is a file in the repository, not a folder.`,
          hint: "Move that file away in the GitOps repository, or promote to another path."
        });
      }
      levels.push({ id: entry.id, entries: await this.entries(entry.id) });
    }
    return levels;
  }
  /** A file's text under `root`, reading only the trees on its path; undefined when absent. */
  async readFile(root, path) {
    if (!root) return void 0;
    let entries = await this.entries(root);
    const names = path.split("/");
    for (const [i, name] of names.entries()) {
      const entry = entries.find((e) => e.name === name);
      if (!entry) return void 0;
      if (i === names.length - 1) return entry.type === "blob" ? this.blob(entry.id) : void 0;
      if (entry.type !== "tree") return void 0;
      entries = await this.entries(entry.id);
    }
    return void 0;
  }
  /**
   * Writes the files of the folder `id` under `destination` (for the caller's diff and checks): its
   * trees come in one fetch, its blobs in one more.
   */
  async materialise(id, destination) {
    mkdirSync2(destination, { recursive: true });
    if (!await this.git.tryFetchObjects(this.remote, [id], "blob:none"))
      throw new ReadFailure(`could not fetch tree ${id}`);
    const entries = (await this.git.lsTree(id, true)).filter((e) => e.type === "blob");
    const links = entries.filter((e) => e.mode === "120000");
    const files = entries.filter((e) => e.mode !== "120000");
    for (const link of links) {
      if (link.name.split("/").some((s) => s === ".." || s === "." || s === "" || s === ".git"))
        continue;
      const path = join2(destination, ...link.name.split("/"));
      mkdirSync2(dirname2(path), { recursive: true });
      symlinkSync("(not followed)", path);
    }
    if (files.length === 0) return;
    if (!await this.git.tryFetchObjects(
      this.remote,
      files.map((f) => f.id),
      "blob:none"
    ))
      throw new ReadFailure(`could not fetch the files of tree ${id}`);
    for (const file of files) {
      if (file.name.split("/").some((s) => s === ".." || s === "." || s === "" || s === ".git"))
        throw new UserError({
          message: `The folder holds an entry git would refuse ('${file.name}').`
        });
      const path = join2(destination, ...file.name.split("/"));
      mkdirSync2(dirname2(path), { recursive: true });
      writeFileSync(path, await this.blob(file.id));
    }
  }
  /** A blob's text; fetched on demand, and a failed fetch is a ReadFailure. */
  async blob(id) {
    try {
      return await this.git.catBlob(id);
    } catch (error) {
      throw new ReadFailure(`could not read blob ${id}: ${error.message.split("\n")[0]}`);
    }
  }
  /** Stores a local folder (regular files, listed by the caller) as a tree; undefined when empty. */
  async writeFolder(folder, files) {
    const ids = await this.git.hashFiles(files);
    const root = /* @__PURE__ */ new Map();
    files.forEach((file, i) => {
      const parts = relative(folder, file).split(sep);
      let at = root;
      for (const part of parts.slice(0, -1)) {
        if (!at.has(part)) at.set(part, /* @__PURE__ */ new Map());
        at = at.get(part);
      }
      const mode = (lstatSync2(file).mode & 73) !== 0 ? "100755" : "100644";
      at.set(parts[parts.length - 1], { mode, type: "blob", id: ids[i] });
    });
    const write = async (node) => {
      const entries = [];
      for (const [name, child] of node) {
        if (child instanceof Map) {
          const id = await write(child);
          if (id) entries.push({ mode: TREE_MODE, type: "tree", id, name });
        } else entries.push({ ...child, name });
      }
      return entries.length === 0 ? void 0 : this.git.mkTree(entries);
    };
    return write(root);
  }
  /**
   * The new root tree: `folder` (or nothing) at `path`, every tree above it rewritten, every tree
   * beside it kept by id. Folders left empty vanish, as git has them.
   */
  async replaceOnPath(levels, path, folder) {
    const names = path.split("/");
    let child = folder;
    for (let depth = names.length - 1; depth >= 0; depth--) {
      const entries = depth < levels.length ? levels[depth].entries : [];
      const name = names[depth];
      const kept = entries.filter((e) => e.name !== name);
      const next = child ? [...kept, { mode: TREE_MODE, type: "tree", id: child, name }] : kept;
      child = next.length === 0 ? void 0 : await this.git.mkTree(next);
    }
    return child;
  }
};

// shared/src/gitops/publish-path.ts
var READ_RETRIES = 4;
var PUSH_RETRIES = 2;
async function publishFolderByPath(options, checkout, targetPath, maxAttempts) {
  const { logger } = options;
  const { git, branch } = checkout;
  const remote = checkout.remoteName;
  const trees = new PathTrees(git, remote);
  const pushedBranch = options.pushBranch ?? branch;
  const files = () => {
    const listed = listServiceFolder(options.sourceFolder, options.sourceFolder, {
      what: "The folder to publish",
      symlinks: "refuse"
    });
    if (listed.some((f) => f.includes("\n")))
      throw new UserError({ message: "A file name in the folder to publish holds a line break." });
    return listed;
  };
  let treeLessWorked = false;
  let reached = false;
  const fetchCommit = async (name) => {
    let tip;
    try {
      tip = await checkout.remoteTip(name);
      reached = true;
    } catch (error) {
      if (!reached) throw error;
      throw new ReadFailure(error.message.split("\n")[0]);
    }
    if (!tip) return void 0;
    if (!await git.tryFetchBranch(remote, name, { depth: 1, filter: "tree:0" }))
      throw new ReadFailure(`could not fetch ${name}`, true);
    treeLessWorked = true;
    return git.revParse(checkout.remoteRef(name));
  };
  const tipAfterPush = async (name) => {
    for (let tries = 1; ; tries++) {
      try {
        return await checkout.remoteTip(name);
      } catch (error) {
        if (tries > READ_RETRIES) throw error;
        await sleep(backoffDelay(tries, options.backoff ?? DEFAULT_BACKOFF));
      }
    }
  };
  const rootOf = (commit) => commit ? git.treeOf(commit) : Promise.resolve(void 0);
  let readFailures = 0;
  let treeLessFailures = 0;
  let pushFailures = 0;
  let views = 0;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    let outcome;
    try {
      outcome = await prepare(attempt);
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      readFailures++;
      if (error.treeLess) treeLessFailures++;
      if (!treeLessWorked && treeLessFailures >= 3) {
        logger.info(`The server refused a tree-less fetch of ${branch}; using a sparse checkout.`);
        return void 0;
      }
      if (readFailures > READ_RETRIES) {
        throw new UserError({
          message: `Could not read ${branch} of ${options.remote.display} (${READ_RETRIES + 1} tries): ${error.message}.`,
          hint: "The server failed, cut the connection or stalled each time; run promote again later."
        });
      }
      logger.info(`Reading ${branch} failed (${error.message}); trying again.`);
      await sleep(backoffDelay(readFailures, options.backoff ?? DEFAULT_BACKOFF));
      attempt--;
      continue;
    }
    readFailures = 0;
    if ("done" in outcome) return outcome.done;
    const { commit, base, result } = outcome;
    let expected = base;
    if (options.pushBranch) {
      expected = await checkout.remoteTip(pushedBranch);
      const theirs = expected ? await fetchCommit(pushedBranch).catch(() => void 0) : void 0;
      if (theirs && theirs === expected && await rootOf(theirs) === outcome.newRoot) {
        logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
        return result(true, expected, false);
      }
    }
    const push = await git.push(remote, pushedBranch, {
      ...options.pushBranch ? { expectedOld: expected ?? null } : {},
      source: commit
    });
    if (push.exitCode === 0) {
      logger.info(`Pushed ${commit.slice(0, 12)} to ${pushedBranch} (attempt ${attempt}).`);
      return result(true, commit, true);
    }
    const now = await tipAfterPush(pushedBranch);
    if (now === commit) {
      logger.info(`Push reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`);
      return result(true, commit, true);
    }
    if (now === expected && ++pushFailures <= PUSH_RETRIES) {
      logger.info(`Pushing to ${pushedBranch} failed and the branch did not move; trying again.`);
      await sleep(backoffDelay(pushFailures, options.backoff ?? DEFAULT_BACKOFF));
      attempt--;
      continue;
    }
    if (now === expected) {
      throw new UserError({
        message: `Pushing to ${pushedBranch} of ${options.remote.display} was refused, and the branch did not move: ${firstLines(push.stderr)}`,
        hint: "Check that the token may push to this branch and that no branch protection or hook rejects the commit."
      });
    }
    pushFailures = 0;
    if (attempt === maxAttempts) break;
    const wait = backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF);
    logger.info(
      `${pushedBranch} moved to ${now?.slice(0, 12) ?? "(deleted)"} while pushing (attempt ${attempt}/${maxAttempts}); re-applying ${targetPath} on the new tip in ${(wait / 1e3).toFixed(1)} s.`
    );
    await sleep(wait);
  }
  throw new UserError({
    message: `Gave up after ${maxAttempts} attempts: other pushes to ${pushedBranch} of ${options.remote.display} kept winning the race.`,
    hint: "Raise 'max-attempts', or spread promotions to this branch over time."
  });
  async function prepare(attempt) {
    const base = await fetchCommit(branch);
    const root = await rootOf(base);
    const levels = root ? await trees.chain(root, targetPath) : [];
    const depth = targetPath.split("/").length;
    const result = (changed, commitSha, pushed) => ({
      changed,
      commitSha,
      baseSha: base ?? "",
      baseBranch: branch,
      pushedBranch,
      pushed,
      attempts: attempt
    });
    if (options.inspect) {
      const worktree = join3(checkout.dir, "..", `view-${++views}`);
      const folder = join3(worktree, targetPath);
      if (levels.length === depth + 1) await trees.materialise(levels[depth].id, folder);
      const pushTip = options.pushBranch ? await fetchCommit(options.pushBranch) : void 0;
      const pushRoot = pushTip ? await rootOf(pushTip) : void 0;
      await options.inspect({
        worktree,
        targetPath,
        tip: base,
        readFile: (path) => trees.readFile(root, path),
        readPushBranchFile: (path) => trees.readFile(pushRoot, path)
      });
    }
    const folderTree = await trees.writeFolder(options.sourceFolder, files());
    const newRoot = await trees.replaceOnPath(levels, targetPath, folderTree) ?? await git.mkTree([]);
    if (newRoot === root) {
      logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
      return { done: result(false, base ?? "", false) };
    }
    if (options.dryRun) return { done: result(true, "", false) };
    const parents = base ? [base] : [];
    const commit = await git.commitTree(
      newRoot,
      parents,
      options.message,
      options.author ?? DEFAULT_IDENTITY
    );
    return { commit, base, newRoot, result };
  }
}
function firstLines(text) {
  return text.trim().split("\n").slice(0, 4).join(" ").slice(0, 500) || "(git printed nothing)";
}

// shared/src/gitops/publish-folder.ts
var DEFAULT_IDENTITY = {
  name: "github-actions[bot]",
  email: "41898282+github-actions[bot]@users.noreply.github.com"
};
async function publishFolder(options) {
  const { logger } = options;
  const targetPath = normaliseRepoPath(options.targetPath);
  if (!isDirectory(options.sourceFolder)) {
    throw new UserError({
      message: `The folder to publish, '${options.sourceFolder}', does not exist or is not a folder.`
    });
  }
  listServiceFolder(options.sourceFolder, options.sourceFolder, {
    what: "The folder to publish",
    symlinks: "refuse"
  });
  const maxAttempts = Math.max(1, options.maxAttempts ?? 10);
  const checkout = await GitopsCheckout.open({
    remote: options.remote,
    token: options.token,
    branch: options.branch,
    sparseFolders: [targetPath],
    logger,
    tempRoot: options.tempRoot,
    fullClone: options.fullClone,
    gitLimits: options.gitLimits
  });
  try {
    if (!options.fullClone) {
      const byPath = await publishFolderByPath(options, checkout, targetPath, maxAttempts);
      if (byPath) return byPath;
    }
    const { git, branch } = checkout;
    const pushedBranch = options.pushBranch ?? branch;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const base = await checkout.resetToRemote(branch);
      const at = base ?? "HEAD";
      if (options.inspect) {
        const pushTip = options.pushBranch ? await checkout.fetchTip(options.pushBranch) : void 0;
        await options.inspect({
          worktree: checkout.dir,
          targetPath,
          tip: base,
          readFile: (path) => base ? checkout.readFile(at, path) : Promise.resolve(void 0),
          readPushBranchFile: (path) => pushTip ? checkout.readFile(pushTip, path) : Promise.resolve(void 0)
        });
      }
      replaceFolder(checkout.dir, targetPath, options.sourceFolder);
      await git.addAll(targetPath);
      const result = (changed, commitSha, pushed) => ({
        changed,
        commitSha,
        baseSha: base ?? "",
        baseBranch: branch,
        pushedBranch,
        pushed,
        attempts: attempt
      });
      if (!await git.hasStagedChanges()) {
        logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
        return result(false, base ?? "", false);
      }
      if (options.dryRun) return result(true, "", false);
      const commit = await git.commit(options.message, options.author ?? DEFAULT_IDENTITY);
      let expected = base;
      if (options.pushBranch) {
        expected = await checkout.remoteTip(pushedBranch);
        if (expected && await checkout.fetch(pushedBranch)) {
          const theirs = await git.tryRevParse(`${checkout.remoteRef(pushedBranch)}^{tree}`);
          const ours = await git.revParse(`${commit}^{tree}`);
          if (theirs === ours) {
            logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
            return result(true, expected, false);
          }
        }
      }
      const push = await git.push(
        checkout.remoteName,
        pushedBranch,
        options.pushBranch ? { expectedOld: expected ?? null } : {}
      );
      if (push.exitCode === 0) {
        logger.info(`Pushed ${commit.slice(0, 12)} to ${pushedBranch} (attempt ${attempt}).`);
        return result(true, commit, true);
      }
      const now = await checkout.remoteTip(pushedBranch);
      if (now === commit) {
        logger.info(`Push reported failure but ${pushedBranch} holds ${commit.slice(0, 12)}.`);
        return result(true, commit, true);
      }
      if (now === expected) {
        throw new UserError({
          message: `Pushing to ${pushedBranch} of ${options.remote.display} was refused, and the branch did not move: ${firstLines2(push.stderr)}`,
          hint: "Check that the token may push to this branch and that no branch protection or hook rejects the commit."
        });
      }
      if (attempt === maxAttempts) break;
      const wait = backoffDelay(attempt, options.backoff ?? DEFAULT_BACKOFF);
      logger.info(
        `${pushedBranch} moved to ${now?.slice(0, 12) ?? "(deleted)"} while pushing (attempt ${attempt}/${maxAttempts}); re-applying ${targetPath} on the new tip in ${(wait / 1e3).toFixed(1)} s.`
      );
      await sleep(wait);
    }
    throw new UserError({
      message: `Gave up after ${maxAttempts} attempts: other pushes to ${pushedBranch} of ${options.remote.display} kept winning the race.`,
      hint: "Raise 'max-attempts', or spread promotions to this branch over time."
    });
  } finally {
    checkout.close();
  }
}
function firstLines2(text) {
  return text.trim().split("\n").slice(0, 4).join(" ").slice(0, 500) || "(git printed nothing)";
}

// shared/src/gitops/broker-merge.ts
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
    return { ...base, merged: true, commitSha: published.commitSha, branchDeleted };
  } finally {
    rmSync2(staging, { recursive: true, force: true });
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
    await git.checkoutReset("idp-verify", verifiedSha);
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
    const refused = () => findings.some((f) => f.result === "fail" && f.severity === "error");
    if (!refused() && (!mine?.record || mine.deleted))
      findings.push(
        gateFinding(
          "render-record",
          folder.path,
          `${request.branch} brings no render to ${folder.path}; there is nothing to merge.`,
          "Push a promotion made by idp promote (pull-request mode)."
        )
      );
    const checked = { ...none, findings, folders: outcome.folders, verifiedSha };
    if (refused()) return checked;
    const staging = mkdtempSync(join4(request.tempRoot ?? privateTempRoot(), "idp-broker-"));
    try {
      copyPublishableFolder(join4(checkout.dir, folder.path), staging, {
        what: "The promotion branch folder",
        display: `${request.branch}:${folder.path}`
      });
    } catch (error) {
      rmSync2(staging, { recursive: true, force: true });
      throw error;
    }
    const { message } = await git.commitInfo(verifiedSha);
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
function withBrokerTrailer(message, branch, sha) {
  const body = message.replace(/\s+$/, "");
  return `${body}
Idp-Promotion-Branch: ${branch}@${sha}
`;
}
export {
  PROMOTION_BRANCH_PREFIX,
  brokerMerge,
  parsePromotionBranch
};
