import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  GitopsCheckout
} from "./chunk-FIMRUAYG.js";
import {
  listServiceFolder,
  passesThroughLink
} from "./chunk-YWF356WQ.js";
import {
  UserError,
  inputRefStart
} from "./chunk-CQTZEYZ7.js";

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

// shared/src/gitops/attempts.ts
function attemptResult(scope) {
  return (changed, commitSha, pushed) => ({
    changed,
    commitSha,
    baseSha: scope.base ?? "",
    baseBranch: scope.branch,
    pushedBranch: scope.pushedBranch,
    pushed,
    attempts: scope.attempt
  });
}
async function waitToReapply(logger, backoff, race) {
  const { attempt, maxAttempts, pushedBranch, movedTo, targetPath, during } = race;
  const wait = backoffDelay(attempt, backoff ?? DEFAULT_BACKOFF);
  logger.info(
    `${pushedBranch} moved to ${movedTo?.slice(0, 12) ?? "(deleted)"} while ${during} (attempt ${attempt}/${maxAttempts}); re-applying ${targetPath} on the new tip in ${(wait / 1e3).toFixed(1)} s.`
  );
  await sleep(wait);
}
function racesLost(maxAttempts, rivals, pushedBranch, remoteDisplay) {
  return new UserError({
    message: `Gave up after ${maxAttempts} attempts: ${rivals} to ${pushedBranch} of ${remoteDisplay} kept winning the race.`,
    hint: "Raise 'max-attempts', or spread promotions to this branch over time."
  });
}
function pushRefused(pushedBranch, remoteDisplay, stderr) {
  return new UserError({
    message: `Pushing to ${pushedBranch} of ${remoteDisplay} was refused, and the branch did not move: ${firstLines(stderr)}`,
    hint: "Check that the token may push to this branch and that no branch protection or hook rejects the commit."
  });
}
function firstLines(text) {
  return text.trim().split("\n").slice(0, 4).join(" ").slice(0, 500) || "(git printed nothing)";
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
  /** Trees known to be here although never listed (a root tree that came with its commit). */
  arrivedHere = /* @__PURE__ */ new Set();
  /** Folders whose trees are all here (`fetchFolderTrees`). */
  foldersHere = /* @__PURE__ */ new Set();
  /** The entries of a tree, fetching that tree alone when it is not here yet. */
  async entries(id) {
    const known = this.present.get(id);
    if (known) return known;
    if (!this.arrivedHere.has(id) && !await this.git.tryFetchObjects(this.remote, [id], "tree:0"))
      throw new ReadFailure(`could not fetch tree ${id}`);
    const entries = await this.git.lsTree(id);
    this.present.set(id, entries);
    return entries;
  }
  /** Records that tree `id` is in the local repository (fetched along with its commit). */
  arrived(id) {
    this.arrivedHere.add(id);
  }
  /**
   * The folders above the target, from `root` down along `path` as far as they exist (root first),
   * and the target folder's tree id when it exists. The target's own tree is not read: replacing it
   * needs only the folders above it, and equal ids already tell that nothing changed.
   */
  async chain(root, path) {
    const levels = [{ id: root, entries: await this.entries(root) }];
    const names = path.split("/");
    for (const [depth, name] of names.entries()) {
      const entry = levels[levels.length - 1].entries.find((e) => e.name === name);
      if (!entry) return { levels };
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
      if (depth === names.length - 1) return { levels, target: entry.id };
      levels.push({ id: entry.id, entries: await this.entries(entry.id) });
    }
    return { levels };
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
   * Fetches the folder `id` with every tree under it, and no file (once per clone). The push needs
   * them: git compares the old folder's trees with the new ones to leave out what the server has,
   * and would otherwise fetch each missing tree by itself, one at a time, in the middle of the push.
   */
  async fetchFolderTrees(id) {
    if (this.foldersHere.has(id)) return;
    if (!await this.git.tryFetchObjects(this.remote, [id], "blob:none"))
      throw new ReadFailure(`could not fetch tree ${id}`);
    this.foldersHere.add(id);
  }
  /**
   * Writes the files of the folder `id` under `destination` (for the caller's diff and checks): its
   * trees come in one fetch (shared with `fetchFolderTrees`), its blobs in one more.
   */
  async materialise(id, destination) {
    mkdirSync2(destination, { recursive: true });
    await this.fetchFolderTrees(id);
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
  let tipFilter = "tree:1";
  const fetchTip = async (name) => {
    if (await git.tryFetchBranch(remote, name, { depth: 1, filter: tipFilter })) {
      reached = true;
      treeLessWorked = true;
      const tip = await git.commitAndTree(checkout.remoteRef(name));
      if (tipFilter === "tree:1") trees.arrived(tip.tree);
      return tip;
    }
    let exists;
    try {
      exists = await checkout.remoteTip(name);
      reached = true;
    } catch (error) {
      if (!reached) throw error;
      throw new ReadFailure(error.message.split("\n")[0]);
    }
    if (!exists) return void 0;
    if (tipFilter === "tree:1") {
      logger.debug(`Fetching ${name} with its root tree failed; fetching trees one by one.`);
      tipFilter = "tree:0";
    }
    throw new ReadFailure(`could not fetch ${name}`, true);
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
    const { commit, base, pushTip, result } = outcome;
    let expected = base;
    if (options.pushBranch) {
      expected = pushTip?.commit;
      if (pushTip && pushTip.tree === outcome.newRoot) {
        logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
        return result(true, pushTip.commit, false);
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
      throw pushRefused(pushedBranch, options.remote.display, push.stderr);
    }
    pushFailures = 0;
    if (attempt === maxAttempts) break;
    await waitToReapply(logger, options.backoff, {
      attempt,
      maxAttempts,
      pushedBranch,
      movedTo: now,
      targetPath,
      during: "pushing"
    });
  }
  throw racesLost(maxAttempts, "other pushes", pushedBranch, options.remote.display);
  async function prepare(attempt) {
    const baseTip = await fetchTip(branch);
    const base = baseTip?.commit;
    const root = baseTip?.tree;
    const pushTip = options.pushBranch ? await fetchTip(options.pushBranch) : void 0;
    const { levels, target } = root ? await trees.chain(root, targetPath) : { levels: [] };
    const result = attemptResult({ base, branch, pushedBranch, attempt });
    if (options.inspect) {
      const worktree = join3(checkout.dir, "..", `view-${++views}`);
      const folder = join3(worktree, targetPath);
      if (target) await trees.materialise(target, folder);
      await options.inspect({
        worktree,
        targetPath,
        tip: base,
        readFile: (path) => trees.readFile(root, path),
        readPushBranchFile: (path) => trees.readFile(pushTip?.tree, path)
      });
    }
    const folderTree = await trees.writeFolder(options.sourceFolder, files());
    const newRoot = await trees.replaceOnPath(levels, targetPath, folderTree) ?? await git.mkTree([]);
    if (newRoot === root) {
      logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
      return { done: result(false, base ?? "", false) };
    }
    if (options.dryRun) return { done: result(true, "", false) };
    if (target) await trees.fetchFolderTrees(target);
    const parents = base ? [base] : [];
    const commit = await git.commitTree(
      newRoot,
      parents,
      options.message,
      options.author ?? DEFAULT_IDENTITY
    );
    return { commit, base, pushTip, newRoot, result };
  }
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
    // The path-only route needs no worktree; the sparse checkout is set up only if it is refused.
    sparseFolders: [],
    logger,
    tempRoot: options.tempRoot,
    fullClone: options.fullClone,
    gitLimits: options.gitLimits
  });
  try {
    if (!options.fullClone) {
      const byPath = await publishFolderByPath(options, checkout, targetPath, maxAttempts);
      if (byPath) return byPath;
      await checkout.git.sparseCheckoutSet([targetPath]);
    }
    const { git, branch } = checkout;
    const pushedBranch = options.pushBranch ?? branch;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const base = await checkout.resetToRemote(branch);
      const at = base ?? "HEAD";
      const pushTip = options.pushBranch ? await checkout.fetchTip(options.pushBranch) : void 0;
      if (options.inspect) {
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
      const result = attemptResult({ base, branch, pushedBranch, attempt });
      if (!await git.hasStagedChanges()) {
        logger.info(`${targetPath} on ${branch} already holds this content; nothing to commit.`);
        return result(false, base ?? "", false);
      }
      if (options.dryRun) return result(true, "", false);
      const commit = await git.commit(options.message, options.author ?? DEFAULT_IDENTITY);
      let expected = base;
      if (options.pushBranch) {
        expected = pushTip;
        if (pushTip) {
          const theirs = await git.tryRevParse(`${pushTip}^{tree}`);
          const ours = await git.revParse(`${commit}^{tree}`);
          if (theirs === ours) {
            logger.info(`${pushedBranch} already holds this content on top of ${branch}.`);
            return result(true, pushTip, false);
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
        throw pushRefused(pushedBranch, options.remote.display, push.stderr);
      }
      if (attempt === maxAttempts) break;
      await waitToReapply(logger, options.backoff, {
        attempt,
        maxAttempts,
        pushedBranch,
        movedTo: now,
        targetPath,
        during: "pushing"
      });
    }
    throw racesLost(maxAttempts, "other pushes", pushedBranch, options.remote.display);
  } finally {
    checkout.close();
  }
}

export {
  publishFolder
};
