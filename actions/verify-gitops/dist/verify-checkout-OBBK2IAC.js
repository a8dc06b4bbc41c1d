import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  checkRecordTarget,
  plainFinding,
  platformKindDeclarations,
  resolveScope
} from "./chunk-IRH6RS6N.js";
import {
  DEFAULT_PATH_PATTERN,
  assertMayReplace,
  assertServiceBinding,
  checkBranchName,
  confineGitopsPath,
  environmentConfig,
  gitEnvironment,
  isDnsLabel,
  registrationFor,
  repositoryId,
  requiredIdentity,
  resolveGitopsTarget
} from "./chunk-EVW3AYBC.js";
import {
  RENDER_RECORD_PATH,
  listServiceFolder,
  parseRenderRecord
} from "./chunk-FLOR4JXI.js";
import {
  LINE_CONTROL
} from "./chunk-MOQFNRDJ.js";
import {
  require_dist
} from "./chunk-D3JQWYZC.js";
import {
  readServiceFile
} from "./chunk-UVEOR3I6.js";
import {
  UserError,
  __export,
  __toESM,
  inputRef,
  inputRefStart,
  isUserError
} from "./chunk-CQTZEYZ7.js";

// shared/src/gitops/deployed-renders.ts
import { posix } from "node:path";

// shared/src/gitops/gitops-checkout.ts
import { mkdirSync, mkdtempSync as mkdtempSync2, rmSync as rmSync3 } from "node:fs";
import { join as join3 } from "node:path";

// shared/src/runtime/private-temp.ts
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
function privateTempRoot(env = process.env) {
  const parent = env.RUNNER_TEMP || tmpdir();
  const known = roots.get(parent);
  if (known && existsSync(known)) return known;
  const root = mkdtempSync(join(parent, "idp-run-"));
  roots.set(parent, root);
  watchProcess();
  return root;
}
var roots = /* @__PURE__ */ new Map();
var watching = false;
function removeAll() {
  for (const root of roots.values()) rmSync(root, { recursive: true, force: true });
  roots.clear();
}
function watchProcess() {
  if (watching) return;
  watching = true;
  process.once("exit", removeAll);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.once(signal, () => {
      removeAll();
      process.kill(process.pid, signal);
    });
  }
}

// shared/src/gitops/git-auth-helper.ts
import { randomUUID } from "node:crypto";
import { closeSync, existsSync as existsSync2, openSync, rmSync as rmSync2, unlinkSync, writeFileSync } from "node:fs";
import { join as join2 } from "node:path";
var AUTH_FD = 3;
function configureGitAuth(remoteUrl, token, logger, env = process.env) {
  const origin = httpOrigin(remoteUrl);
  if (!token || !origin) return { env: {}, remove: () => void 0 };
  const basic = Buffer.from(`x-access-token:${token}`, "utf8").toString("base64");
  logger.setSecret(token);
  logger.setSecret(basic);
  const file = join2(privateTempRoot(env), `git-auth-${randomUUID()}.config`);
  writeFileSync(file, `[http "${origin}/"]
	extraheader = AUTHORIZATION: basic ${basic}
`, {
    mode: 384,
    flag: "wx"
  });
  const base = Number(env.GIT_CONFIG_COUNT ?? "0") || 0;
  const include = (path) => ({
    GIT_CONFIG_COUNT: String(base + 1),
    [`GIT_CONFIG_KEY_${base}`]: "include.path",
    [`GIT_CONFIG_VALUE_${base}`]: path
  });
  if (!existsSync2("/proc/self/fd")) {
    return { env: include(file), remove: () => rmSync2(file, { force: true }) };
  }
  const fd = openSync(file, "r");
  unlinkSync(file);
  let closed = false;
  return {
    env: include(`/proc/self/fd/${AUTH_FD}`),
    fd,
    remove: () => {
      if (closed) return;
      closed = true;
      closeSync(fd);
    }
  };
}
function httpOrigin(remoteUrl) {
  if (!/^https?:\/\//i.test(remoteUrl)) return void 0;
  const url = new URL(remoteUrl);
  return `${url.protocol}//${url.host}`;
}

// shared/src/gitops/git-process.ts
import { spawn } from "node:child_process";
var DEFAULT_GIT_LIMITS = {
  commandTimeoutMs: 10 * 6e4,
  lowSpeedLimit: 1e3,
  lowSpeedTime: 30
};
var runningGroups = /* @__PURE__ */ new Set();
var exitHookInstalled = false;
function killGroup(pid) {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
    }
  }
}
function trackGroup(pid) {
  runningGroups.add(pid);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on("exit", () => {
    for (const group of runningGroups) killGroup(group);
  });
}
function runGit(context, args, options = {}) {
  const cwd = options.cwd ?? context.workingDirectory;
  context.logger.debug(`git ${args.join(" ")}`);
  const name = args[0] === "-c" ? args.find((a) => !a.includes("=") && a !== "-c") : args[0];
  const { commandTimeoutMs, lowSpeedLimit, lowSpeedTime } = context.limits;
  const limited = [
    ...["-c", `http.lowSpeedLimit=${lowSpeedLimit}`, "-c", `http.lowSpeedTime=${lowSpeedTime}`],
    ...args
  ];
  return new Promise((resolve2, reject) => {
    const child = spawn("git", limited, {
      // Its own process group: a timeout kills git and everything it started (ssh, helpers).
      detached: true,
      cwd,
      // No INPUT_* and no other secret of idp's environment; prompts off (git-environment.ts).
      env: gitEnvironment(process.env, context.extraEnv),
      stdio: [
        options.input === void 0 ? "ignore" : "pipe",
        "pipe",
        "pipe",
        ...context.authFd === void 0 ? [] : [context.authFd]
      ]
    });
    const out = [];
    const err = [];
    child.stdout?.on("data", (chunk) => out.push(chunk));
    child.stderr?.on("data", (chunk) => err.push(chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid !== void 0) killGroup(child.pid);
    }, commandTimeoutMs);
    if (child.pid !== void 0) trackGroup(child.pid);
    const settle = () => {
      clearTimeout(timer);
      if (child.pid !== void 0) runningGroups.delete(child.pid);
    };
    child.on("error", (error) => {
      settle();
      reject(error);
    });
    child.on("close", (code) => {
      settle();
      if (timedOut) {
        reject(
          new Error(
            `git ${name} did not finish within ${commandTimeoutMs / 1e3} s; idp stopped it. Check that the remote is reachable and answers.`
          )
        );
        return;
      }
      const result = {
        exitCode: code ?? 128,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8")
      };
      if (result.exitCode !== 0 && !options.allowAllExitCodes) {
        reject(new Error(`git ${name} failed (exit ${result.exitCode}): ${result.stderr.trim()}`));
        return;
      }
      resolve2(result);
    });
    if (child.stdin) {
      child.stdin.on("error", () => void 0);
      child.stdin.end(options.input);
    }
  });
}

// shared/src/gitops/git-command-manager.ts
var MINIMUM_GIT_VERSION = [2, 31];
var GitCommandManager = class _GitCommandManager {
  constructor(workingDirectory, logger, extraEnv, limits, authFd) {
    this.workingDirectory = workingDirectory;
    this.logger = logger;
    this.extraEnv = extraEnv;
    this.limits = limits;
    this.authFd = authFd;
  }
  workingDirectory;
  logger;
  extraEnv;
  limits;
  authFd;
  static async create(workingDirectory, logger, extraEnv = {}, limits = DEFAULT_GIT_LIMITS) {
    const git = new _GitCommandManager(workingDirectory, logger, extraEnv, limits);
    await git.assertVersion();
    return git;
  }
  /** The same manager with more environment (e.g. the auth include); no version check again. */
  withEnv(extraEnv) {
    return new _GitCommandManager(
      this.workingDirectory,
      this.logger,
      { ...this.extraEnv, ...extraEnv },
      this.limits,
      this.authFd
    );
  }
  /** The same manager handing git the token as `configureGitAuth` prepared it. */
  withAuth(auth) {
    return new _GitCommandManager(
      this.workingDirectory,
      this.logger,
      { ...this.extraEnv, ...auth.env },
      this.limits,
      auth.fd
    );
  }
  async init(branch) {
    await this.exec(["init", "--quiet", `--initial-branch=${branch}`]);
  }
  async remoteAdd(name, url) {
    await this.exec(["remote", "add", name, url]);
  }
  async config(key, value) {
    await this.exec(["config", "--local", key, value]);
  }
  /** Removes a local config key; false when it was not set. */
  async tryConfigUnset(key) {
    const result = await this.exec(["config", "--local", "--unset-all", key], {
      allowAllExitCodes: true
    });
    return result.exitCode === 0;
  }
  /** Cone-mode sparse checkout of the given folders (files at the root come along, by git's rule). */
  async sparseCheckoutSet(folders) {
    await this.exec(["sparse-checkout", "set", "--cone", "--", ...folders]);
  }
  /** `refs/heads/<branch>` on the remote, or undefined when the branch does not exist. */
  async lsRemoteBranch(remote, branch) {
    const out = await this.exec(["ls-remote", "--heads", remote, `refs/heads/${branch}`]);
    const line = out.stdout.split("\n").find((l) => l.endsWith(`	refs/heads/${branch}`));
    return line ? line.split("	")[0] : void 0;
  }
  /** The branch the remote's HEAD points at, or undefined for an empty repository. */
  async lsRemoteDefaultBranch(remote) {
    const out = await this.exec(["ls-remote", "--symref", remote, "HEAD"]);
    const match = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(out.stdout);
    return match ? match[1] : void 0;
  }
  /**
   * Fetches one branch tip into `refs/remotes/<remote>/<branch>`. Returns false when the server
   * refused the fetch (so a caller can retry without the filter).
   */
  async tryFetchBranch(remote, branch, options) {
    const args = ["fetch", "--quiet", "--no-tags", "--prune", "--no-recurse-submodules"];
    args.push("--no-auto-maintenance");
    if (options.depth) args.push(`--depth=${options.depth}`);
    if (options.filter) args.push(`--filter=${options.filter}`);
    args.push(remote, `+refs/heads/${branch}:refs/remotes/${remote}/${branch}`);
    const result = await this.exec(args, { allowAllExitCodes: true });
    if (result.exitCode !== 0) this.logger.debug(`git fetch failed: ${result.stderr.trim()}`);
    return result.exitCode === 0;
  }
  /** Points `branch` at `startPoint` and makes the (sparse) worktree match it exactly. */
  async checkoutReset(branch, startPoint) {
    await this.exec(["checkout", "--quiet", "--force", "-B", branch, startPoint]);
    await this.exec(["reset", "--quiet", "--hard", startPoint]);
  }
  /** Starts a branch with no history (the first promotion into an empty repository or branch). */
  async checkoutOrphan(branch) {
    await this.exec(["symbolic-ref", "HEAD", `refs/heads/${branch}`]);
    await this.exec(["update-ref", "-d", `refs/heads/${branch}`]);
    await this.exec(["read-tree", "--empty"]);
  }
  /** Stages every addition, change and removal under `path`, and nothing else. */
  async addAll(path) {
    await this.exec(["add", "--all", "--", path]);
  }
  async hasStagedChanges() {
    const result = await this.exec(["diff", "--cached", "--quiet"], { allowAllExitCodes: true });
    if (result.exitCode > 1) throw new Error(`git diff --cached failed: ${result.stderr.trim()}`);
    return result.exitCode === 1;
  }
  /** Commits the index; the message goes through stdin so it never shows up on a command line. */
  async commit(message2, identity) {
    const who = [
      "-c",
      `user.name=${identity.name}`,
      "-c",
      `user.email=${identity.email}`,
      "-c",
      "commit.gpgsign=false"
    ];
    await this.exec([...who, "commit", "--quiet", "--no-verify", "--file=-"], {
      input: message2
    });
    return this.revParse("HEAD");
  }
  async revParse(rev) {
    return (await this.exec(["rev-parse", "--verify", "--end-of-options", rev])).stdout.trim();
  }
  async tryRevParse(rev) {
    const result = await this.exec(["rev-parse", "--verify", "--quiet", "--end-of-options", rev], {
      allowAllExitCodes: true
    });
    return result.exitCode === 0 ? result.stdout.trim() : void 0;
  }
  /** A file's text at a revision (fetched lazily in a blobless clone), or undefined when absent. */
  async tryShowFile(rev, path) {
    const result = await this.exec(["show", `${rev}:${path}`], { allowAllExitCodes: true });
    return result.exitCode === 0 ? result.stdout : void 0;
  }
  /** The names of the folders directly inside `folder` at a revision (trees only; no blob is read). */
  async lsTreeFolders(rev, folder) {
    const args = ["ls-tree", "-d", "-z", "--name-only", rev, "--", `${folder}/`];
    const result = await this.exec(args, { allowAllExitCodes: true });
    if (result.exitCode !== 0) return [];
    return result.stdout.split("\0").filter(Boolean).map((path) => path.slice(folder.length + 1));
  }
  /** The best common ancestor of two commits, or undefined when they share no history. */
  async mergeBase(a, b) {
    const result = await this.exec(["merge-base", "--end-of-options", a, b], {
      allowAllExitCodes: true
    });
    return result.exitCode === 0 ? result.stdout.trim() : void 0;
  }
  /** Paths that differ between two commits (renames as a removal and an addition). */
  async changedPaths(from, to) {
    const args = ["diff", "--name-only", "-z", "--no-renames", "--no-ext-diff", from, to, "--"];
    return (await this.exec(args)).stdout.split("\0").filter(Boolean);
  }
  /** Commits reachable from `head` but not from `base`, newest first, at most `max` (+1 to detect more). */
  async commitsBetween(base, head, max) {
    const args = ["rev-list", `--max-count=${max + 1}`, head, `^${base}`, "--"];
    return (await this.exec(args)).stdout.split("\n").filter(Boolean);
  }
  /** Author, committer, parents and full message of one commit. */
  async commitInfo(sha) {
    const format = "%H%x00%P%x00%an%x00%ae%x00%cn%x00%ce%x00%B";
    const out = (await this.exec(["show", "-s", `--format=${format}`, sha, "--"])).stdout;
    const [commit, parents, authorName, authorEmail, committerName, committerEmail, ...rest] = out.split("\0");
    return {
      sha: commit,
      parents: parents.split(" ").filter(Boolean),
      author: { name: authorName, email: authorEmail },
      committer: { name: committerName, email: committerEmail },
      message: rest.join("\0").replace(/\n$/, "")
    };
  }
  /** Paths one commit changed against each of its parents (against nothing for a root commit). */
  async commitPaths(sha) {
    const args = ["diff-tree", "-r", "-z", "-m", "--root", "--no-commit-id", "--name-only", sha];
    const paths = (await this.exec(args)).stdout.split("\0").filter(Boolean);
    return [...new Set(paths)];
  }
  /** Deletes a remote branch only while it still points at `expectedOld` (a lease). */
  async deleteRemoteBranch(remote, branch, expectedOld) {
    const args = ["push", "--porcelain", "--no-verify"];
    args.push(`--force-with-lease=refs/heads/${branch}:${expectedOld}`);
    args.push(remote, `:refs/heads/${branch}`);
    return this.exec(args, { allowAllExitCodes: true });
  }
  /** Pushes `HEAD` (or `source`) to the remote branch; the exit code is returned, never trusted for the reason. */
  async push(remote, branch, options = {}) {
    const args = ["push", "--porcelain", "--no-verify"];
    if (options.expectedOld !== void 0)
      args.push(`--force-with-lease=refs/heads/${branch}:${options.expectedOld ?? ""}`);
    args.push(remote, `${options.source ?? "HEAD"}:refs/heads/${branch}`);
    return this.exec(args, { allowAllExitCodes: true });
  }
  /** Unified diff of two folders or files outside any repository (for dry runs). */
  async diffNoIndex(cwd, before, after) {
    const result = await this.exec(
      ["diff", "--no-index", "--no-color", "--no-ext-diff", "--no-prefix", "--", before, after],
      { allowAllExitCodes: true, cwd }
    );
    if (result.exitCode > 1) throw new Error(`git diff --no-index failed: ${result.stderr.trim()}`);
    return result.stdout;
  }
  // Plumbing for path-only promotion (publish-path.ts): objects are fetched by id, trees are read and
  // written one folder at a time, and no index or worktree of the repository is ever built.
  /** Fetches objects by id with a filter (`tree:0`: just those trees); false when git could not. */
  async tryFetchObjects(remote, ids, filter) {
    const args = ["-c", "fetch.negotiationAlgorithm=noop", "fetch", "--quiet", "--no-tags"];
    args.push("--no-write-fetch-head", "--no-recurse-submodules", "--no-auto-maintenance");
    args.push(`--filter=${filter}`, remote);
    const result = await this.exec([...args, ...ids], { allowAllExitCodes: true });
    if (result.exitCode !== 0)
      this.logger.debug(`git fetch of objects failed: ${result.stderr.trim()}`);
    return result.exitCode === 0;
  }
  /** The entries of one tree (not recursive), or with `recursive` every blob under it. */
  async lsTree(tree, recursive = false) {
    const args = ["ls-tree", "-z", "--full-tree", ...recursive ? ["-r"] : [], tree];
    return (await this.exec(args)).stdout.split("\0").filter(Boolean).map((line) => {
      const [meta, name] = [line.slice(0, line.indexOf("	")), line.slice(line.indexOf("	") + 1)];
      const [mode, type, id] = meta.split(" ");
      return { mode, type, id, name };
    });
  }
  /** Writes a tree from entries whose objects may be absent here (the folders beside the path). */
  async mkTree(entries) {
    const input = entries.map((e) => `${e.mode} ${e.type} ${e.id}	${e.name}\0`).join("");
    return (await this.exec(["mktree", "-z", "--missing"], { input })).stdout.trim();
  }
  /** Stores files as blobs (no filters, no attributes); their ids in order. */
  async hashFiles(paths) {
    if (paths.length === 0) return [];
    const args = ["hash-object", "-w", "--no-filters", "--stdin-paths"];
    const out = await this.exec(args, { input: paths.join("\n") + "\n" });
    return out.stdout.split("\n").filter(Boolean);
  }
  /**
   * A commit's id and its root tree's id in one process, read from the commit object alone (`%T` is
   * the commit's tree field: the tree itself is neither read nor fetched).
   */
  async commitAndTree(rev) {
    const args = ["log", "-1", "--no-walk", "--format=%H %T", "--end-of-options", rev, "--"];
    const [commit, tree] = (await this.exec(args)).stdout.trim().split(" ");
    if (!/^[0-9a-f]{40,64}$/.test(commit) || !/^[0-9a-f]{40,64}$/.test(tree ?? ""))
      throw new Error(`git log printed no commit and tree for ${rev}`);
    return { commit, tree };
  }
  /** A blob's bytes as text (fetched lazily in a partial clone). */
  async catBlob(id) {
    return (await this.exec(["cat-file", "blob", id])).stdout;
  }
  /** Makes a commit object of a tree; the message goes through stdin. */
  async commitTree(tree, parents, message2, identity) {
    const who = ["-c", `user.name=${identity.name}`, "-c", `user.email=${identity.email}`];
    const args = [...who, "-c", "commit.gpgsign=false", "commit-tree", tree];
    for (const parent of parents) args.push("-p", parent);
    return (await this.exec([...args, "-F", "-"], { input: message2 })).stdout.trim();
  }
  async version() {
    const out = await this.exec(["--version"]);
    const match = /(\d+)\.(\d+)(?:\.(\d+))?/.exec(out.stdout);
    return match ? match.slice(1).map((n) => Number(n ?? 0)) : [0, 0, 0];
  }
  async assertVersion() {
    const [major, minor] = await this.version();
    const [wantMajor, wantMinor] = MINIMUM_GIT_VERSION;
    if (major < wantMajor || major === wantMajor && minor < wantMinor) {
      throw new Error(
        `git ${major}.${minor} is too old; idp needs git ${wantMajor}.${wantMinor} or newer on PATH.`
      );
    }
  }
  exec(args, options = {}) {
    const { workingDirectory, logger, extraEnv, limits, authFd } = this;
    return runGit({ workingDirectory, logger, extraEnv, limits, authFd }, args, options);
  }
};

// shared/src/gitops/gitops-checkout.ts
var REMOTE = "origin";
var GitopsCheckout = class _GitopsCheckout {
  constructor(git, dir, remote, branch, cleanup, logger, fullClone) {
    this.git = git;
    this.dir = dir;
    this.remote = remote;
    this.branch = branch;
    this.cleanup = cleanup;
    this.logger = logger;
    this.fullClone = fullClone;
  }
  git;
  dir;
  remote;
  branch;
  cleanup;
  logger;
  fullClone;
  /** Set once the server refused a filtered fetch; retries then skip straight to a plain one. */
  filterRefused = false;
  static async open(options) {
    const { logger } = options;
    const root = mkdtempSync2(join3(options.tempRoot || privateTempRoot(), "idp-gitops-"));
    const auth = configureGitAuth(options.remote.url, options.token, logger);
    const cleanup = () => {
      auth.remove();
      rmSync3(root, { recursive: true, force: true });
    };
    try {
      const dir = join3(root, "repo");
      mkdirSync(dir);
      const git = (await GitCommandManager.create(dir, logger, {}, options.gitLimits)).withAuth(
        auth
      );
      const branch = options.branch || await reachable(options.remote, () => git.lsRemoteDefaultBranch(options.remote.url)) || "main";
      checkBranchName(branch, `The branch of ${options.remote.display}`);
      await git.init(branch);
      await git.remoteAdd(REMOTE, options.remote.url);
      await git.config("core.hooksPath", "/dev/null");
      if (!options.fullClone && options.sparseFolders.length > 0)
        await git.sparseCheckoutSet(options.sparseFolders);
      return new _GitopsCheckout(
        git,
        dir,
        options.remote,
        branch,
        cleanup,
        logger,
        options.fullClone === true
      );
    } catch (error) {
      cleanup();
      throw error;
    }
  }
  /** The remote tip of `branch` right now (ref state, straight from the server). */
  remoteTip(branch = this.branch) {
    return reachable(this.remote, () => this.git.lsRemoteBranch(REMOTE, branch));
  }
  /**
   * Fetches the tip of `branch` and makes the worktree match it; an absent branch gives an empty
   * orphan worktree. Returns the tip that the next commit will sit on (undefined for an orphan).
   */
  async resetToRemote(branch = this.branch) {
    const tip = await this.fetchTip(branch);
    if (!tip) {
      await this.git.checkoutOrphan(branch);
      return void 0;
    }
    await this.git.checkoutReset(branch, this.remoteRef(branch));
    return this.git.revParse("HEAD");
  }
  /** Fetches the tip of `branch` (no worktree change); undefined when the branch does not exist. */
  async fetchTip(branch = this.branch) {
    if (!await this.remoteTip(branch)) return void 0;
    if (!await this.fetch(branch)) {
      throw new UserError({
        message: `Could not fetch ${branch} from ${this.remote.display}, although the branch exists.`,
        hint: "Run with debug logging (ACTIONS_STEP_DEBUG or --verbose) to see what git said."
      });
    }
    return this.git.revParse(this.remoteRef(branch));
  }
  /** Fetches a branch tip without touching the worktree; false when git could not fetch it. */
  async fetch(branch) {
    if (this.fullClone) return this.git.tryFetchBranch(REMOTE, branch, {});
    if (this.filterRefused) return this.git.tryFetchBranch(REMOTE, branch, { depth: 1 });
    if (await this.git.tryFetchBranch(REMOTE, branch, { depth: 1, filter: "blob:none" }))
      return true;
    this.filterRefused = true;
    this.logger.info(
      `The server refused a blobless fetch of ${branch}; fetching it without a filter.`
    );
    for (const key of [
      `remote.${REMOTE}.promisor`,
      `remote.${REMOTE}.partialclonefilter`,
      "extensions.partialclone"
    ])
      await this.git.tryConfigUnset(key);
    return this.git.tryFetchBranch(REMOTE, branch, { depth: 1 });
  }
  /** A file's text at a fetched revision, or undefined when it does not exist there. */
  readFile(rev, path) {
    return this.git.tryShowFile(rev, path);
  }
  remoteRef(branch) {
    return `refs/remotes/${REMOTE}/${branch}`;
  }
  get remoteName() {
    return REMOTE;
  }
  /** Removes the clone and the auth file; call in `finally`. */
  close() {
    this.cleanup();
  }
};
async function reachable(remote, call) {
  try {
    return await call();
  } catch (error) {
    throw new UserError({
      // git's stderr on one line: one message, however many lines git printed.
      message: `Could not reach ${remote.display}: ${error.message.trim().replace(/\s*\n\s*/g, " ")}`,
      hint: "Check the repository name and that the token may read and push to it."
    });
  }
}

// shared/src/gitops/remote.ts
import { existsSync as existsSync3 } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { pathToFileURL } from "node:url";
var OWNER_NAME = /^([A-Za-z0-9][A-Za-z0-9-]*)\/([A-Za-z0-9_.-]+)$/;
function resolveRemote(repository, serverUrl, workspace) {
  const value = repository.trim();
  const shorthand = OWNER_NAME.exec(value);
  if (shorthand && !existsSync3(resolve(workspace, value))) {
    const [, owner, name] = shorthand;
    const repo = name.replace(/\.git$/, "");
    const server = serverUrl.replace(/\/+$/, "");
    return {
      url: `${server}/${owner}/${repo}.git`,
      display: `${owner}/${repo}`,
      github: { owner, repo }
    };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    let url;
    try {
      url = new URL(value);
    } catch {
      throw new UserError({
        message: `${inputRefStart("repository")} is not a valid URL: '${value}'.`,
        hint: "Use owner/name, an https:// or file:// URL, or a path."
      });
    }
    if (url.username || url.password) {
      throw new UserError({
        message: `${inputRefStart("repository")} must not contain credentials.`,
        hint: `Give the URL without user:password@ and pass the token as ${inputRef("token")}.`
      });
    }
    if (!["https:", "http:", "file:"].includes(url.protocol)) {
      throw new UserError({
        message: `${inputRefStart("repository")} uses ${url.protocol.replace(":", "")}://, which promote does not support.`,
        hint: "Use owner/name, an https:// or file:// URL, or a path."
      });
    }
    const segments = url.pathname.replace(/\.git$/, "").split("/").filter(Boolean);
    const github = url.protocol !== "file:" && segments.length >= 2 ? { owner: segments[segments.length - 2], repo: segments[segments.length - 1] } : void 0;
    return { url: url.href, display: url.protocol === "file:" ? url.pathname : url.href, github };
  }
  if (/^[\w.-]+@[\w.-]+:/.test(value)) {
    throw new UserError({
      message: `${inputRefStart("repository")} is an SSH address ('${value}'); promote talks HTTPS with a token.`,
      hint: "Use owner/name or an https:// URL."
    });
  }
  const path = isAbsolute(value) ? value : resolve(workspace, value);
  if (!existsSync3(path)) {
    throw new UserError({
      message: `${inputRefStart("repository")} is neither owner/name nor a URL, and no folder '${value}' exists.`,
      hint: "Use owner/name, an https:// or file:// URL, or the path of a git repository."
    });
  }
  return { url: pathToFileURL(path).href, display: path };
}
function byRemoteBranch(items) {
  const groups = /* @__PURE__ */ new Map();
  for (const item of items) {
    const key = `${item.remote.url}#${item.branch ?? ""}`;
    groups.set(key, [...groups.get(key) ?? [], item]);
  }
  return [...groups.values()];
}

// shared/src/gitops/render-guard.ts
function parseRenderRecord2(text, display) {
  return parseRenderRecord(text, display, ["service", "environment", "digest", "images", "source"]);
}
function compareRenders(deployed, incoming) {
  const a = timeOf(deployed);
  const b = timeOf(incoming);
  if (a !== void 0 && b !== void 0 && a !== b) return b > a ? "newer" : "older";
  const ra = deployed.source?.runNumber;
  const rb = incoming.source?.runNumber;
  if (ra !== void 0 && rb !== void 0 && ra !== rb) return rb > ra ? "newer" : "older";
  if (a === void 0 && b === void 0 && ra === void 0 && rb === void 0) return "unknown";
  return "same";
}
function timeOf(record) {
  const t = record.source?.commitTime ? Date.parse(record.source.commitTime) : NaN;
  return Number.isNaN(t) ? void 0 : t;
}
function describeRender(record) {
  const commit = record.source?.commit ? record.source.commit.slice(0, 12) : "unknown commit";
  const time = record.source?.commitTime ?? "unknown time";
  const run = record.source?.runNumber !== void 0 ? `run #${record.source.runNumber}` : "no run";
  return `${commit} (${time}, ${run}, ${record.digest})`;
}

// shared/src/gitops/deployed-renders.ts
async function readDeployedRenders(locations, token, logger, tempRoot) {
  const out = /* @__PURE__ */ new Map();
  for (const group of byRemoteBranch(locations)) {
    const checkout = await GitopsCheckout.open({
      remote: group[0].remote,
      token,
      branch: group[0].branch,
      sparseFolders: [],
      logger,
      tempRoot
    });
    try {
      const commit = await checkout.fetchTip();
      for (const location of group) {
        const file = posix.join(location.path, RENDER_RECORD_PATH);
        const text = commit ? await checkout.readFile(commit, file) : void 0;
        const display = `${location.remote.display}@${checkout.branch}:${file}`;
        out.set(location, {
          location,
          commit,
          record: text === void 0 ? void 0 : parseRenderRecord2(text, display)
        });
      }
    } finally {
      checkout.close();
    }
  }
  return locations.map((l) => out.get(l));
}

// shared/src/gitops/verify.ts
import { existsSync as existsSync4 } from "node:fs";
import { join as join4, relative } from "node:path";

// shared/src/render/serialize.ts
var import_yaml = __toESM(require_dist(), 1);
import { createHash } from "node:crypto";
var YAML_1_1_AND_1_2_NON_STRINGS = (() => {
  const tests = [];
  for (const version of ["1.1", "1.2"]) {
    for (const tag2 of new import_yaml.Document(null, { version }).schema.tags) {
      if (tag2.test && tag2.tag !== "tag:yaml.org,2002:str") tests.push(tag2.test);
    }
  }
  return tests;
})();
function contentDigest(files) {
  const hash = createHash("sha256");
  for (const name of [...files.keys()].sort()) {
    const bytes = Buffer.from(files.get(name), "utf8");
    hash.update(`${name}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return `sha256:${hash.digest("hex")}`;
}

// shared/src/gitops/trailers.ts
function parseTrailers(message2) {
  const paragraphs = message2.trim().split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1] : "";
  const out = {};
  for (const line of last.split("\n")) {
    const match = /^([A-Za-z0-9-]+): (.*)$/.exec(line);
    if (match) out[match[1]] = match[2];
  }
  return out;
}

// shared/src/gitops/promote-message.ts
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

// shared/src/gitops/gates.ts
import { isDeepStrictEqual } from "node:util";
function holdsSameRelease(deployed, incoming) {
  if (!isDeepStrictEqual({ ...deployed.images }, { ...incoming.images })) return false;
  if (deployed.digest === incoming.digest) return true;
  const a = deployed.source?.commit;
  const b = incoming.source?.commit;
  return a !== void 0 && a === b;
}
function checkRequiredEnvironments(environment, incoming, required) {
  const problems = [];
  for (const { location, record } of required) {
    const where = `${location.remote.display}${location.branch ? `@${location.branch}` : ""}:${location.path}`;
    if (!record) {
      problems.push({
        message: `${environment} requires ${location.environment} first, but ${location.environment} (${where}) holds no render of ${incoming.service} yet.`
      });
    } else if (!holdsSameRelease(record, incoming)) {
      problems.push({
        message: `${environment} requires ${location.environment} to run this release first. ${location.environment} (${where}) holds ${describeImages(record)} at ${describeRender(record)}; this promotion is ${describeImages(incoming)} at ${describeRender(incoming)}.`
      });
    }
  }
  if (problems.length > 0) {
    throw new UserError([
      ...problems.slice(0, -1),
      {
        ...problems[problems.length - 1],
        hint: `Promote the same build to ${required.map((r) => r.location.environment).join(", ")} first.`
      }
    ]);
  }
}
function describeImages(record) {
  const entries = Object.entries(record.images ?? {});
  return entries.length === 0 ? "no images" : entries.map(([k, v]) => `${k}=${v}`).join(", ");
}

// shared/src/gitops/service-folders.ts
function folderPatternOf(platform, environment) {
  const env = environmentConfig(platform, environment);
  return env.gitops?.path ?? platform.spec.gitops?.path ?? DEFAULT_PATH_PATTERN;
}
function serviceFoldersOf(path, platform) {
  const segments = path.split("/");
  const out = [];
  for (const env of platform.spec.environments) {
    const pattern = folderPatternOf(platform, env.name).replace(/^\/+|\/+$/g, "").split("/");
    if (segments.length <= pattern.length) continue;
    let service;
    let matched = true;
    for (let i = 0; i < pattern.length && matched; i++) {
      const found = matchSegment(pattern[i], segments[i], env.name);
      if (found === void 0) matched = false;
      else if (found !== "") {
        if (service !== void 0 && service !== found) matched = false;
        service = found;
      }
    }
    if (matched && service !== void 0)
      out.push({
        environment: env.name,
        service,
        path: segments.slice(0, pattern.length).join("/")
      });
  }
  return out;
}
function matchSegment(pattern, segment, environment) {
  const parts = pattern.split(/(\{[^}]*\})/).filter((p) => p !== "");
  const services = parts.filter((p) => p === "{service}").length;
  if (parts.some((p) => p.startsWith("{") && p !== "{service}" && p !== "{environment}"))
    return void 0;
  const literal = parts.map((p) => p === "{environment}" ? environment : p);
  if (services === 0) return literal.join("") === segment ? "" : void 0;
  if (services > 1) return void 0;
  const at = literal.indexOf("{service}");
  const before = literal.slice(0, at).join("");
  const after = literal.slice(at + 1).join("");
  if (segment.length <= before.length + after.length) return void 0;
  if (!segment.startsWith(before) || !segment.endsWith(after)) return void 0;
  const name = segment.slice(before.length, segment.length - after.length);
  return isDnsLabel(name) ? name : void 0;
}

// shared/src/gitops/verify-checks.ts
function gateFinding(rule, file, message2, help, line = 1) {
  return {
    source: "gitops-verify",
    policy: "idp-gitops-gate",
    rule,
    result: "fail",
    severity: "error",
    category: "GitOps gate",
    title: rule,
    message: message2,
    ...help ? { help } : {},
    ...file ? { position: { file, line, column: 1 } } : {}
  };
}
function findingsOf(rule, file, error) {
  if (!isUserError(error)) throw error;
  return error.problems.map(
    (p) => gateFinding(rule, p.position?.file ?? file, p.message, p.hint, p.position?.line ?? 1)
  );
}
function safeRecord(text, display) {
  try {
    return parseRenderRecord2(text, display);
  } catch (error) {
    if (isUserError(error)) return void 0;
    throw error;
  }
}
async function clusterScoped(request, path) {
  const { loadManifests, isBuildFile } = await import("./manifests-G7KO62R3.js");
  const declarations = platformKindDeclarations(request.platform);
  const findings = [];
  try {
    const loaded = loadManifests([path], request.worktree, request.logger);
    for (const m of loaded.manifests) {
      if (isBuildFile(m)) continue;
      const apiVersion = String(m.object.apiVersion ?? "");
      const kind = String(m.object.kind ?? "");
      if (!apiVersion || !kind) continue;
      const scope = resolveScope(apiVersion, kind, void 0, declarations);
      if (scope === "Namespaced") continue;
      const at = m.positionOf(m.embedded?.at ?? "");
      findings.push(
        gateFinding(
          "cluster-scoped-kind",
          m.file,
          scope === "Cluster" ? `${kind} (${apiVersion}) is cluster-scoped; a service folder holds only namespaced objects.` : `The scope of ${kind} (${apiVersion}) is unknown, so it is not assumed namespaced.`,
          scope === "Cluster" ? "Cluster-scoped objects belong to the platform team: ask them to add it to the platform folder." : "Declare the kind in the platform config's spec.kinds, or give its CRD in spec.crds.",
          at.line
        )
      );
    }
  } catch (error) {
    findings.push(...findingsOf("folder-content", path, error));
  }
  return findings;
}
async function gates(request, record, recordFile, deployedAt) {
  const { platform } = request;
  const requires = environmentConfig(platform, record.environment).requires ?? [];
  if (requires.length === 0) return [];
  const here = resolveGitopsTarget(platform, record.environment, record.service);
  const required = [];
  const elsewhere = [];
  try {
    for (const environment of requires) {
      const target = resolveGitopsTarget(platform, environment, record.service);
      const path = confineGitopsPath({
        environment,
        service: record.service,
        platformPattern: folderPatternOf(platform, environment),
        recordDisplay: recordFile
      });
      const location = {
        environment,
        remote: { url: "", display: "this repository" },
        branch: target.branch,
        path
      };
      const sameTree = (target.repository ?? "") === (here.repository ?? "") && (target.branch ?? "") === (here.branch ?? "");
      if (!sameTree) {
        elsewhere.push({
          ...location,
          remote: { url: target.repository ?? "", display: target.repository ?? "" }
        });
        continue;
      }
      const text = await request.git.tryShowFile(deployedAt, `${path}/${RENDER_RECORD_PATH}`);
      required.push({
        location,
        record: text === void 0 ? void 0 : safeRecord(text, `${path}/${RENDER_RECORD_PATH}`)
      });
    }
    if (elsewhere.length > 0) {
      if (!request.readElsewhere)
        return [
          gateFinding(
            "promotion-gate",
            recordFile,
            `${record.environment} requires ${elsewhere.map((l) => l.environment).join(", ")}, kept in another repository or branch that this verification cannot read.`,
            "Give the gate a repository it can read (repository and token inputs of the merge), or keep the environments in one repository."
          )
        ];
      required.push(...await request.readElsewhere(elsewhere));
    }
    checkRequiredEnvironments(record.environment, record, required);
    return [];
  } catch (error) {
    return findingsOf("promotion-gate", recordFile, error);
  }
}
async function validateFolders(request, folders) {
  const { validateManifests } = await import("./validate-XVKX47LD.js");
  try {
    const outcome = await validateManifests(
      {
        workspace: request.worktree,
        manifests: folders,
        platformConfig: request.platformFile,
        policies: request.policies,
        crds: request.crds,
        builtinPolicies: true,
        failOn: "error",
        annotate: false
      },
      request.logger
    );
    return outcome.results.findings.map(
      (f) => f.manifest ? {
        // Some engines' findings read their fields through getters, which a spread skips.
        ...plainFinding(f),
        position: {
          file: f.manifest.file,
          line: f.manifest.line ?? 1,
          column: f.manifest.column ?? 1
        }
      } : f
    );
  } catch (error) {
    if (!isUserError(error)) throw error;
    return error.problems.map(
      (p) => gateFinding(
        "validation",
        p.position?.file ?? folders[0],
        p.message,
        p.hint,
        p.position?.line ?? 1
      )
    );
  }
}

// shared/src/gitops/verify-record.ts
var RUN_URL = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[A-Za-z0-9._~%/-]*)?$/;
var COMMIT = /^[0-9a-f]{40}([0-9a-f]{24})?$/;
var IMAGE = /^[a-z0-9]+([._-][a-z0-9]+)*(:\d{1,5})?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@sha256:[0-9a-f]{64})?$/;
var COMPONENT = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
var RECORD_FIELDS = {
  service: true,
  environment: true,
  namespace: true,
  owner: true,
  source: true,
  images: true,
  digest: true,
  renderer: true,
  files: true,
  sourceMap: true
};
var SOURCE_FIELDS = {
  repository: true,
  commit: true,
  commitTime: true,
  runNumber: true,
  runUrl: true,
  descriptor: true
};
var HINT = "Render again with idp render and promote its folder unchanged; do not edit .idp/render.json.";
function recordFieldFindings(record, recordFile) {
  const findings = [];
  const bad = (what, value, want) => findings.push(
    gateFinding(
      "render-record",
      recordFile,
      `The render record's ${what} ${JSON.stringify(value.slice(0, 200))} is not ${want}.`,
      HINT
    )
  );
  const unknown = [
    ...Object.keys(record).filter((k) => !Object.hasOwn(RECORD_FIELDS, k)),
    ...Object.keys(record.source ?? {}).filter((k) => !Object.hasOwn(SOURCE_FIELDS, k)).map((k) => `source.${k}`)
  ];
  for (const field of unknown.slice(0, 5))
    findings.push(
      gateFinding(
        "render-record",
        recordFile,
        `The render record holds the field ${JSON.stringify(field.slice(0, 100))}, which render never writes.`,
        HINT
      )
    );
  const { runUrl, commit } = record.source ?? {};
  if (runUrl !== void 0 && !RUN_URL.test(runUrl))
    bad("source.runUrl", runUrl, "an http(s) link to the run that rendered it");
  if (commit !== void 0 && !COMMIT.test(commit)) bad("source.commit", commit, "a commit SHA");
  for (const [component, image] of Object.entries(record.images ?? {})) {
    if (!COMPONENT.test(component)) bad("images key", component, "a component name");
    if (!IMAGE.test(image)) bad(`image of ${component}`, image, "an image reference");
  }
  return findings;
}
var RENDERED_KINDS = /* @__PURE__ */ new Set([
  "core.oam.dev/v1beta1 Application",
  "external-secrets.io/v1 ExternalSecret",
  "bitnami.com/v1alpha1 SealedSecret",
  "kustomize.config.k8s.io/v1beta1 Kustomization"
]);
async function folderContentFindings(request, path, record, recordFile) {
  const { loadManifests } = await import("./manifests-G7KO62R3.js");
  const running = /* @__PURE__ */ new Map();
  const findings = [];
  const kinds = new Set(RENDERED_KINDS);
  for (const type of request.platform.spec.resourceTypes ?? [])
    kinds.add(`${type.apiVersion} ${type.kind}`);
  try {
    const loaded = loadManifests([path], request.worktree, request.logger);
    for (const m of loaded.manifests) {
      const object = m.object;
      const [apiVersion, kind] = [String(object.apiVersion ?? ""), String(object.kind ?? "")];
      if (m.embedded?.holder !== "k8s-objects" && !kinds.has(`${apiVersion} ${kind}`)) {
        findings.push(
          gateFinding(
            "rendered-kind",
            m.file,
            `${kind.slice(0, 100)} (${apiVersion.slice(0, 100)}) is not a kind render writes; a service folder holds only the objects of its render.`,
            "Describe the workload in idp.yaml and render it; objects of other kinds are the platform team's.",
            m.positionOf(m.embedded?.at ?? "").line
          )
        );
        continue;
      }
      if (object.kind !== "Application" || !String(object.apiVersion ?? "").startsWith("core.oam.dev/"))
        continue;
      const spec = object.spec;
      for (const c of Array.isArray(spec?.components) ? spec.components : []) {
        const component = c;
        if (typeof component?.name === "string" && typeof component.properties?.image === "string")
          running.set(component.name, component.properties.image);
      }
    }
  } catch (error) {
    return findingsOf("folder-content", path, error);
  }
  if (findings.length > 0) return findings;
  const recorded = new Map(Object.entries(record.images ?? {}));
  const names = [.../* @__PURE__ */ new Set([...running.keys(), ...recorded.keys()])].sort();
  const differ = names.filter((n) => running.get(n) !== recorded.get(n));
  if (differ.length === 0) return [];
  const show = (v) => v === void 0 ? "nothing" : JSON.stringify(v.slice(0, 200));
  return [
    gateFinding(
      "render-record",
      recordFile,
      `The render record's images are not what ${path} runs: ${differ.slice(0, 5).map(
        (n) => `component ${JSON.stringify(n)} runs ${show(running.get(n))}, the record says ${show(recorded.get(n))}`
      ).join("; ")}.`,
      HINT
    )
  ];
}
function olderRenderFinding(held, record, path, recordFile) {
  if (!held || held.service !== record.service || held.environment !== record.environment) return [];
  if (compareRenders(held, record) !== "older") return [];
  return [
    gateFinding(
      "older-render",
      recordFile,
      `${path} holds a newer render of ${record.service} in ${record.environment} than this change brings. Deployed: ${describeRender(held)}. This change: ${describeRender(record)}.`,
      "Promote a newer build; a rollback of a service folder goes through the platform team (a change by the platform's identity)."
    )
  ];
}

// shared/src/gitops/verify-tree.ts
var MAX_PATH_DEPTH = 24;
var MAX_PATH_LENGTH = 512;
var GIT_DIR = /^(\.git[. ]*|git~\d+)$/i;
function unsafePathProblem(path) {
  if (path.length > MAX_PATH_LENGTH) return `is longer than ${MAX_PATH_LENGTH} characters`;
  const segments = path.split("/");
  if (segments.length > MAX_PATH_DEPTH) return `is nested deeper than ${MAX_PATH_DEPTH} folders`;
  for (const segment of segments) {
    if (LINE_CONTROL.test(segment)) return "holds a control character in its name";
    if (segment === "" || segment === "." || segment === "..")
      return `holds the path segment '${segment}'`;
    if (GIT_DIR.test(segment)) return `holds '${segment}', which git reads as its own folder`;
    if (segment.includes("\\")) return "holds a backslash, a folder separator on Windows";
  }
  return void 0;
}
function serviceEntryProblem(name, mode) {
  if (mode === "120000") return "is a symbolic link";
  if (mode === "160000") return "is a submodule (gitlink)";
  if (mode === "100755") return "is an executable file";
  if (mode !== "100644") return `has the git mode ${mode}`;
  if (name !== RENDER_RECORD_PATH && name.split("/").some((s) => s.startsWith(".")))
    return "is a hidden file, which render never writes";
  return void 0;
}
function shownPath(path) {
  const safe = [];
  for (const segment of path.split("/")) {
    if (unsafePathProblem(segment) !== void 0 || segment.length > 100) break;
    safe.push(segment);
  }
  return safe.join("/") || ".";
}
async function treeFindings(git, head, changedPaths, folderOf) {
  const findings = [];
  const changed = new Set(changedPaths);
  for (const path of changedPaths) {
    const problem = unsafePathProblem(path);
    if (problem)
      findings.push(
        gateFinding(
          "tree-entry",
          shownPath(path),
          `The change writes ${JSON.stringify(path.length > 200 ? `${path.slice(0, 200)}…` : path)}, which ${problem}.`,
          "A promotion writes only the files idp render wrote; push the rendered folder as it is (idp promote does)."
        )
      );
  }
  if (findings.length > 0) return findings;
  for (const entry of await git.lsTree(head, true)) {
    if (!changed.has(entry.name)) continue;
    const folder = folderOf(entry.name);
    if (folder === void 0) continue;
    const problem = serviceEntryProblem(entry.name.slice(folder.length + 1), entry.mode);
    if (problem)
      findings.push(
        gateFinding(
          "tree-entry",
          entry.name,
          `${entry.name} ${problem}; a service folder holds only the regular files render wrote.`,
          "Push the rendered folder as render wrote it (idp promote does): no links, submodules, executable or hidden files."
        )
      );
  }
  return findings;
}

// node_modules/jose/dist/webapi/lib/buffer_utils.js
var encoder = new TextEncoder();
var decoder = new TextDecoder();
var strictDecoder = new TextDecoder("utf-8", { fatal: true });
var UINT32_RANGE = 2 ** 32;
function concat(...buffers) {
  const size = buffers.reduce((acc, { length }) => acc + length, 0), buf = new Uint8Array(size);
  let i = 0;
  for (const buffer of buffers)
    buf.set(buffer, i), i += buffer.length;
  return buf;
}
var NON_ASCII = /[^\x00-\x7f]/;
function encode(string) {
  if (typeof string == "string" && string.length >= 128) {
    if (NON_ASCII.test(string))
      throw new TypeError("non-ASCII string encountered in encode()");
    return encoder.encode(string);
  }
  const bytes = new Uint8Array(string.length);
  for (let i = 0; i < string.length; i++) {
    const code = string.charCodeAt(i);
    if (code > 127)
      throw new TypeError("non-ASCII string encountered in encode()");
    bytes[i] = code;
  }
  return bytes;
}
function decodeBase64(encoded, url = false) {
  if (Uint8Array.fromBase64)
    return Uint8Array.fromBase64(encoded, { alphabet: url ? "base64url" : "base64" });
  if (url) {
    if (encoded.includes("+") || encoded.includes("/"))
      throw new TypeError("Invalid base64url");
    encoded = encoded.replace(/-/g, "+").replace(/_/g, "/");
  }
  const binary = atob(encoded), bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++)
    bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// node_modules/jose/dist/webapi/util/errors.js
var errors_exports = {};
__export(errors_exports, {
  JOSEAlgNotAllowed: () => JOSEAlgNotAllowed,
  JOSEError: () => JOSEError,
  JOSENotSupported: () => JOSENotSupported,
  JWEDecryptionFailed: () => JWEDecryptionFailed,
  JWEInvalid: () => JWEInvalid,
  JWKInvalid: () => JWKInvalid,
  JWKSInvalid: () => JWKSInvalid,
  JWKSMultipleMatchingKeys: () => JWKSMultipleMatchingKeys,
  JWKSNoMatchingKey: () => JWKSNoMatchingKey,
  JWKSTimeout: () => JWKSTimeout,
  JWSInvalid: () => JWSInvalid,
  JWSSignatureVerificationFailed: () => JWSSignatureVerificationFailed,
  JWTClaimValidationFailed: () => JWTClaimValidationFailed,
  JWTExpired: () => JWTExpired,
  JWTInvalid: () => JWTInvalid
});
var JOSEError = class extends Error {
  static code = "ERR_JOSE_GENERIC";
  code = "ERR_JOSE_GENERIC";
  constructor(message2, options) {
    super(message2, options), this.name = this.constructor.name, Error.captureStackTrace?.(this, this.constructor);
  }
};
var JWTClaimValidationFailed = class extends JOSEError {
  static code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  code = "ERR_JWT_CLAIM_VALIDATION_FAILED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
};
var JWTExpired = class extends JOSEError {
  static code = "ERR_JWT_EXPIRED";
  code = "ERR_JWT_EXPIRED";
  claim;
  reason;
  payload;
  constructor(message2, payload, claim = "unspecified", reason = "unspecified") {
    super(message2, { cause: { claim, reason, payload } }), this.claim = claim, this.reason = reason, this.payload = payload;
  }
};
var JOSEAlgNotAllowed = class extends JOSEError {
  static code = "ERR_JOSE_ALG_NOT_ALLOWED";
  code = "ERR_JOSE_ALG_NOT_ALLOWED";
};
var JOSENotSupported = class extends JOSEError {
  static code = "ERR_JOSE_NOT_SUPPORTED";
  code = "ERR_JOSE_NOT_SUPPORTED";
};
var JWEDecryptionFailed = class extends JOSEError {
  static code = "ERR_JWE_DECRYPTION_FAILED";
  code = "ERR_JWE_DECRYPTION_FAILED";
  constructor(message2 = "decryption operation failed", options) {
    super(message2, options);
  }
};
var JWEInvalid = class extends JOSEError {
  static code = "ERR_JWE_INVALID";
  code = "ERR_JWE_INVALID";
};
var JWSInvalid = class extends JOSEError {
  static code = "ERR_JWS_INVALID";
  code = "ERR_JWS_INVALID";
};
var JWTInvalid = class extends JOSEError {
  static code = "ERR_JWT_INVALID";
  code = "ERR_JWT_INVALID";
};
var JWKInvalid = class extends JOSEError {
  static code = "ERR_JWK_INVALID";
  code = "ERR_JWK_INVALID";
};
var JWKSInvalid = class extends JOSEError {
  static code = "ERR_JWKS_INVALID";
  code = "ERR_JWKS_INVALID";
};
var JWKSNoMatchingKey = class extends JOSEError {
  static code = "ERR_JWKS_NO_MATCHING_KEY";
  code = "ERR_JWKS_NO_MATCHING_KEY";
  constructor(message2 = "no applicable key found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSMultipleMatchingKeys = class extends JOSEError {
  [Symbol.asyncIterator] = async function* () {
  };
  static code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  code = "ERR_JWKS_MULTIPLE_MATCHING_KEYS";
  constructor(message2 = "multiple matching keys found in the JSON Web Key Set", options) {
    super(message2, options);
  }
};
var JWKSTimeout = class extends JOSEError {
  static code = "ERR_JWKS_TIMEOUT";
  code = "ERR_JWKS_TIMEOUT";
  constructor(message2 = "request timed out", options) {
    super(message2, options);
  }
};
var JWSSignatureVerificationFailed = class extends JOSEError {
  static code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  code = "ERR_JWS_SIGNATURE_VERIFICATION_FAILED";
  constructor(message2 = "signature verification failed", options) {
    super(message2, options);
  }
};

// node_modules/jose/dist/webapi/util/base64url.js
var invalid = "The input to be decoded is not correctly encoded.";
function decode(input) {
  try {
    return decodeBase64(typeof input == "string" ? input : decoder.decode(input), true);
  } catch (cause) {
    throw new TypeError(invalid, { cause });
  }
}

// node_modules/jose/dist/webapi/lib/validate.js
function isObject(input) {
  if (typeof input != "object" || input === null || Object.prototype.toString.call(input) !== "[object Object]")
    return false;
  const prototype = Object.getPrototypeOf(input);
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}
function isJwkSet(input) {
  return isObject(input) && Array.isArray(input.keys) && Array.from(input.keys).every(isObject);
}
function isDisjoint(...headers) {
  const parameters = /* @__PURE__ */ new Set();
  for (const header of headers)
    if (header)
      for (const parameter of Object.keys(header)) {
        if (parameters.has(parameter))
          return false;
        parameters.add(parameter);
      }
  return true;
}
function decodeBase64url(value, label, ErrorClass) {
  try {
    return decode(value);
  } catch (cause) {
    throw new ErrorClass(`Failed to base64url decode the ${label}`, { cause });
  }
}
function encodeAsciiMember(value, label, ErrorClass) {
  try {
    return encode(value);
  } catch (cause) {
    throw new ErrorClass(`The ${label} is not a valid base64url string`, { cause });
  }
}
function parseJoseHeader(encodedProtectedHeader, ErrorClass, message2) {
  let parsed;
  try {
    parsed = JSON.parse(strictDecoder.decode(decode(encodedProtectedHeader)));
  } catch (cause) {
    throw new ErrorClass(message2, { cause });
  }
  if (!isObject(parsed))
    throw new ErrorClass(message2);
  return parsed;
}
var JWS_RECOGNIZED = { __proto__: null, b64: true };
function validateAlgorithms(option, algorithms) {
  if (algorithms !== void 0 && (!Array.isArray(algorithms) || algorithms.some((s) => typeof s != "string")))
    throw new TypeError(`"${option}" option must be an array of strings`);
  return algorithms === void 0 ? void 0 : new Set(algorithms);
}
function validateCrit(Err, recognizedDefault, recognizedOption, protectedHeader, joseHeader) {
  if (joseHeader.crit !== void 0 && protectedHeader?.crit === void 0)
    throw new Err('"crit" (Critical) Header Parameter MUST be integrity protected');
  if (!protectedHeader || protectedHeader.crit === void 0)
    return [];
  if (!Array.isArray(protectedHeader.crit) || protectedHeader.crit.length === 0 || protectedHeader.crit.some((input) => typeof input != "string" || input.length === 0))
    throw new Err('"crit" (Critical) Header Parameter MUST be an array of non-empty strings when present');
  const recognized = recognizedOption === void 0 ? recognizedDefault : { __proto__: null, ...recognizedOption, ...recognizedDefault };
  for (const parameter of protectedHeader.crit) {
    if (!(parameter in recognized))
      throw new JOSENotSupported(`Extension Header Parameter "${parameter}" is not recognized`);
    if (!Object.hasOwn(joseHeader, parameter) || joseHeader[parameter] === void 0)
      throw new Err(`Extension Header Parameter "${parameter}" is missing`);
    if (recognized[parameter] && (!Object.hasOwn(protectedHeader, parameter) || protectedHeader[parameter] === void 0))
      throw new Err(`Extension Header Parameter "${parameter}" MUST be integrity protected`);
  }
  return protectedHeader.crit;
}
function validateB64(protectedHeader, extensions) {
  if (extensions.includes("b64")) {
    const b64 = protectedHeader.b64;
    if (typeof b64 != "boolean")
      throw new JWSInvalid('The "b64" (base64url-encode payload) Header Parameter must be a boolean');
    return b64;
  }
  return true;
}

// node_modules/jose/dist/webapi/lib/key.js
var tag = (key) => key[Symbol.toStringTag];
var jwkMatchesOp = (entry, key, usage) => {
  const { alg } = entry;
  if (key.use !== void 0) {
    const expected = usage === "sign" || usage === "verify" ? "sig" : "enc";
    if (key.use !== expected)
      throw new TypeError(`Invalid key for this operation, its "use" must be "${expected}" when present`);
  }
  if (key.kty === "AKP" && key.alg === void 0)
    throw new TypeError('missing "alg" (Algorithm) Parameter value');
  if (key.alg !== void 0 && key.alg !== alg)
    throw new TypeError(`Invalid key for this operation, its "alg" must be "${alg}" when present`);
  if (Array.isArray(key.key_ops)) {
    const expectedKeyOp = usage === "encrypt" || usage === "decrypt" ? entry.ops?.[usage === "encrypt" ? 0 : 1] : usage;
    if (expectedKeyOp && !key.key_ops.includes(expectedKeyOp))
      throw new TypeError(`Invalid key for this operation, its "key_ops" must include "${expectedKeyOp}" when present`);
  }
};
async function prepareKey(entry, key, usage) {
  const { alg, secret } = entry, requiresPrivateKey = usage === "decrypt" || usage === "sign";
  if (secret && key instanceof Uint8Array)
    return key;
  let normalized, keyObject;
  if (isObject(key)) {
    if (normalized = normalizeJwk(key), typeof normalized.kty != "string")
      throw invalidKeyType(alg, key, secret);
    if (!(secret ? normalized.kty === "oct" && typeof normalized.k == "string" : normalized.kty !== "oct" && (requiresPrivateKey ? normalized.kty === "AKP" && typeof normalized.priv == "string" || typeof normalized.d == "string" : normalized.d === void 0 && normalized.priv === void 0)))
      throw new TypeError(secret ? 'JSON Web Key for symmetric algorithms must have JWK "kty" (Key Type) equal to "oct" and the JWK "k" (Key Value) present' : `JSON Web Key for this operation must be a ${requiresPrivateKey ? "private" : "public"} JWK`);
    if (jwkMatchesOp(entry, normalized, usage), normalized.kty === "oct")
      return decode(normalized.k);
    if (!Object.isFrozen(key)) {
      const { key_ops } = key;
      Array.isArray(key_ops) && Object.freeze(key_ops), Object.freeze(key);
    }
  } else {
    if (!isKeyLike(key))
      throw invalidKeyType(alg, key, secret);
    const expectedType = secret ? "secret" : requiresPrivateKey ? "private" : "public";
    if (key.type !== expectedType && (secret || ["secret", "public", "private"].includes(key.type)))
      throw new TypeError(`${tag(key)} instances must be of type "${expectedType}" for the ${alg} algorithm`);
    if (isCryptoKey(key))
      return key;
    if (keyObject = key, keyObject.type === "secret")
      return keyObject.export();
  }
  cache ||= /* @__PURE__ */ new WeakMap();
  const cacheKey = key;
  let cached = cache.get(cacheKey);
  if (cached?.[alg])
    return cached[alg];
  if (cached || cache.set(cacheKey, cached = {}), keyObject && typeof keyObject.toCryptoKey == "function") {
    const isPublic = keyObject.type === "public", crv = nist[keyObject.asymmetricKeyDetails?.namedCurve], params = entry.resolve?.({ crv, asymmetricKeyType: keyObject.asymmetricKeyType }) ?? entry.subtle;
    return cached[alg] = keyObject.toCryptoKey(params, isPublic, entry.usages[isPublic ? 0 : 1]);
  }
  return normalized ??= keyObject.export({ format: "jwk" }), normalized.alg = alg, cached[alg] = await jwkToKey(entry, normalized);
}
var cache;
var nist = {
  __proto__: null,
  prime256v1: "P-256",
  secp384r1: "P-384",
  secp521r1: "P-521"
};
var isCryptoKey = (key) => {
  if (key?.[Symbol.toStringTag] === "CryptoKey")
    return true;
  try {
    return key instanceof CryptoKey;
  } catch {
    return false;
  }
};
var isKeyObject = (key) => key?.[Symbol.toStringTag] === "KeyObject";
var isKeyLike = (key) => isCryptoKey(key) || isKeyObject(key);
function message(msg, actual, ...types) {
  if (types.length > 2) {
    const last = types.pop();
    msg += `one of type ${types.join(", ")}, or ${last}.`;
  } else types.length === 2 ? msg += `one of type ${types[0]} or ${types[1]}.` : msg += `of type ${types[0]}.`;
  return actual == null ? msg += ` Received ${actual}` : typeof actual == "function" && actual.name ? msg += ` Received function ${actual.name}` : typeof actual == "object" && actual != null && actual.constructor?.name && (msg += ` Received an instance of ${actual.constructor.name}`), msg;
}
function invalidKeyType(alg, actual, secret) {
  const types = ["CryptoKey", "KeyObject", "JSON Web Key"];
  return secret && types.push("Uint8Array"), new TypeError(message(`Key for the ${alg} algorithm must be `, actual, ...types));
}
var unusable = (name, prop = "algorithm.name") => new TypeError(`CryptoKey does not support this operation, its ${prop} must be ${name}`);
function checkUsage(key, usage) {
  if (usage && !key.usages.includes(usage))
    throw new TypeError(`CryptoKey does not support this operation, its usages must include ${usage}.`);
}
function checkModulusLength(alg, key) {
  const { modulusLength } = key.algorithm;
  if (typeof modulusLength != "number" || modulusLength < 2048)
    throw new TypeError(`${alg} requires key modulusLength to be 2048 bits or larger`);
}
function checkCryptoKey(key, expected, usage) {
  const algorithm = key.algorithm;
  if (algorithm.name !== expected.name)
    throw unusable(expected.name);
  if (expected.hash && algorithm.hash?.name !== expected.hash)
    throw unusable(expected.hash, "algorithm.hash");
  if (expected.namedCurve && algorithm.namedCurve !== expected.namedCurve)
    throw unusable(expected.namedCurve, "algorithm.namedCurve");
  if (expected.length !== void 0 && algorithm.length !== expected.length)
    throw unusable(expected.length, "algorithm.length");
  checkUsage(key, usage);
}
function snapshotJwk(jwk) {
  return { __proto__: null, ...jwk };
}
function normalizeJwk(jwk) {
  const normalized = snapshotJwk(jwk);
  if (normalized.ext !== void 0 && typeof normalized.ext != "boolean")
    throw new TypeError('"ext" (Extractable) Parameter must be a boolean');
  if (normalized.key_ops !== void 0) {
    const value = normalized.key_ops, keyOps = Array.isArray(value) ? [...value] : void 0;
    if (!keyOps || keyOps.some((operation) => typeof operation != "string") || new Set(keyOps).size !== keyOps.length)
      throw new TypeError('"key_ops" (Key Operations) Parameter must be an array of unique strings');
    normalized.key_ops = keyOps;
  }
  return normalized;
}
async function jwkToKey(entry, jwk, extractable) {
  if (!entry.kty.includes(jwk.kty))
    throw new JOSENotSupported('Invalid or unsupported JWK "alg" (Algorithm) Parameter value');
  const algorithm = entry.resolve?.({ kty: jwk.kty, crv: jwk.crv }) ?? entry.subtle, isPrivate = !!(jwk.d || jwk.priv), keyData = { ...jwk, ext: extractable ?? jwk.ext };
  return keyData.kty !== "AKP" && delete keyData.alg, delete keyData.use, crypto.subtle.importKey("jwk", keyData, algorithm, keyData.ext ?? !isPrivate, jwk.key_ops ?? entry.usages[isPrivate ? 1 : 0]);
}
async function rawKey(key, expected, usage, extractable = false) {
  return key instanceof Uint8Array && (key = await crypto.subtle.importKey("raw", key, expected, extractable, [usage])), checkCryptoKey(key, expected, usage), key;
}

// node_modules/jose/dist/webapi/lib/key_descriptor.js
function table(entries) {
  const out = { __proto__: null };
  for (const alg in entries)
    out[alg] = { ...entries[alg], alg };
  return out;
}

// node_modules/jose/dist/webapi/lib/jws_algorithms.js
var sig = [["verify"], ["sign"]];
function hmac(bits) {
  const subtle = { name: "HMAC", hash: `SHA-${bits}` };
  return { kty: ["oct"], secret: true, subtle, signing: subtle, usages: sig };
}
function rsa(bits, saltLength) {
  const subtle = { name: saltLength ? "RSA-PSS" : "RSASSA-PKCS1-v1_5", hash: `SHA-${bits}` };
  return {
    kty: ["RSA"],
    subtle,
    signing: saltLength ? { ...subtle, saltLength } : subtle,
    usages: sig,
    minRsaBits: 2048
  };
}
function ecdsa(crv, bits) {
  return {
    kty: ["EC"],
    crv,
    subtle: { name: "ECDSA", namedCurve: crv },
    signing: { name: "ECDSA", hash: `SHA-${bits}` },
    usages: sig
  };
}
function eddsa() {
  const subtle = { name: "Ed25519" };
  return {
    kty: ["OKP"],
    crv: "Ed25519",
    subtle,
    signing: subtle,
    usages: sig
  };
}
function mldsa(parameterSet) {
  const subtle = { name: `ML-DSA-${parameterSet}` };
  return {
    kty: ["AKP"],
    subtle,
    signing: subtle,
    usages: sig
  };
}
var JWS = table({
  HS256: hmac(256),
  HS384: hmac(384),
  HS512: hmac(512),
  RS256: rsa(256),
  RS384: rsa(384),
  RS512: rsa(512),
  PS256: rsa(256, 32),
  PS384: rsa(384, 48),
  PS512: rsa(512, 64),
  ES256: ecdsa("P-256", 256),
  ES384: ecdsa("P-384", 384),
  ES512: ecdsa("P-521", 512),
  EdDSA: eddsa(),
  Ed25519: eddsa(),
  "ML-DSA-44": mldsa(44),
  "ML-DSA-65": mldsa(65),
  "ML-DSA-87": mldsa(87)
});
function jwsAlgorithm(alg) {
  const entry = typeof alg == "string" ? JWS[alg] : void 0;
  if (!entry)
    throw new JOSENotSupported(`alg ${alg} is not supported either by JOSE or your javascript runtime`);
  return entry;
}

// node_modules/jose/dist/webapi/lib/jws_verify.js
function prepareVerify(options) {
  return [options && validateAlgorithms("algorithms", options.algorithms), options?.crit];
}
function parseProtectedHeader(encodedProtectedHeader) {
  return encodedProtectedHeader === void 0 ? {} : parseJoseHeader(encodedProtectedHeader, JWSInvalid, "JWS Protected Header is invalid");
}
function encodeCompactUnencodedPayload(payload) {
  try {
    return encode(payload);
  } catch (cause) {
    throw new JWSInvalid("JWS Compact Serialization payload must use only ASCII characters", {
      cause
    });
  }
}
async function verifySignature(jws, shared, key, encodeUnencodedPayload, parsedProtected) {
  const { protected: encodedProtectedHeader, header, payload: inputPayload } = jws, protectedHeader = parsedProtected ?? parseProtectedHeader(encodedProtectedHeader);
  if (!isDisjoint(protectedHeader, header))
    throw new JWSInvalid("JWS Protected and JWS Unprotected Header Parameter names must be disjoint");
  const joseHeader = { ...protectedHeader, ...header }, b64 = validateB64(protectedHeader, validateCrit(JWSInvalid, JWS_RECOGNIZED, shared[1], protectedHeader, joseHeader)), { alg } = joseHeader;
  if (typeof alg != "string" || !alg)
    throw new JWSInvalid('JWS "alg" (Algorithm) Header Parameter missing or invalid');
  if (shared[0] && !shared[0].has(alg))
    throw new JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  if (b64) {
    if (typeof inputPayload != "string")
      throw new JWSInvalid("JWS Payload must be a string");
  } else if (typeof inputPayload != "string" && !(inputPayload instanceof Uint8Array))
    throw new JWSInvalid("JWS Payload must be a string or an Uint8Array instance");
  const signingPayload = b64 || typeof inputPayload != "string" ? inputPayload : encodeUnencodedPayload(inputPayload);
  let resolvedKey = false;
  typeof key == "function" && (key = await key(protectedHeader, jws), resolvedKey = true);
  const entry = jwsAlgorithm(alg), signingInput = concat(encodedProtectedHeader !== void 0 ? encode(encodedProtectedHeader) : new Uint8Array(), encode("."), typeof signingPayload == "string" ? shared[2] ??= encodeAsciiMember(signingPayload, "payload", JWSInvalid) : signingPayload), signature = decodeBase64url(jws.signature, "signature", JWSInvalid), verificationKey = await prepareKey(entry, key, "verify"), cryptoKey = await rawKey(verificationKey, entry.subtle, "verify");
  entry.minRsaBits && checkModulusLength(entry.alg, cryptoKey);
  let verified = false;
  try {
    verified = await crypto.subtle.verify(entry.signing, cryptoKey, signature, signingInput);
  } catch (cause) {
    throw new JWSSignatureVerificationFailed(void 0, { cause });
  }
  if (!verified)
    throw new JWSSignatureVerificationFailed();
  const result = { payload: typeof signingPayload == "string" ? decodeBase64url(signingPayload, "payload", JWSInvalid) : signingPayload };
  return encodedProtectedHeader !== void 0 && (result.protectedHeader = protectedHeader), header !== void 0 && (result.unprotectedHeader = header), resolvedKey ? [{ ...result, key: verificationKey }, b64] : [result, b64];
}
async function verifyCompact(jws, shared, key) {
  if (jws instanceof Uint8Array && (jws = decoder.decode(jws)), typeof jws != "string")
    throw new JWSInvalid("Compact JWS must be a string or Uint8Array");
  const { 0: protectedHeader, 1: payload, 2: signature, length } = jws.split(".");
  if (length !== 3)
    throw new JWSInvalid("Invalid Compact JWS");
  return verifySignature({ payload, protected: protectedHeader, signature }, shared, key, encodeCompactUnencodedPayload);
}

// node_modules/jose/dist/webapi/lib/jwt_claims_set.js
var epoch = (date) => Math.floor(date.getTime() / 1e3);
var multipliers = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86400,
  w: 604800,
  y: 31557600
};
var REGEX = /^(\+|\-)? ?(\d+|\d+\.\d+) ?(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|w|years?|yrs?|y)(?: (ago|from now))?$/i;
var checkFailed = "check_failed";
function invalidDuration() {
  throw new TypeError("Invalid time period format");
}
function secs(str) {
  typeof str != "string" && invalidDuration();
  const matched = REGEX.exec(str);
  (!matched || matched[4] && matched[1]) && invalidDuration();
  const value = parseFloat(matched[2]), durationSeconds = Math.round(value * multipliers[matched[3][0].toLowerCase()]);
  return Number.isFinite(durationSeconds) || invalidDuration(), matched[1] === "-" || matched[4]?.toLowerCase() === "ago" ? -durationSeconds : durationSeconds;
}
function validateInput(label, input) {
  if (!Number.isFinite(input))
    throw new TypeError(`Invalid ${label} input`);
  return input;
}
var normalizeTyp = (value) => {
  const normalized = value.toLowerCase();
  return value.includes("/") ? normalized : `application/${normalized}`;
};
var checkAudiencePresence = (audPayload, audOption) => typeof audPayload == "string" ? audOption.includes(audPayload) : Array.isArray(audPayload) ? audOption.some((aud) => audPayload.includes(aud)) : false;
function validateNumericDate(claimsSet, claim, required = false) {
  const value = claimsSet[claim];
  if (!(value === void 0 && !required)) {
    if (typeof value != "number")
      throw new JWTClaimValidationFailed(`"${claim}" claim must be a number`, claimsSet, claim, "invalid");
    return value;
  }
}
function unexpectedClaim(claimsSet, claim) {
  throw new JWTClaimValidationFailed(`unexpected "${claim}" claim value`, claimsSet, claim, checkFailed);
}
function validateClaimsSet(protectedHeader, claimsSetBytes, options = {}) {
  let claimsSet;
  try {
    claimsSet = JSON.parse(strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("JWT Claims Set must be a top-level JSON object");
  const { typ } = options;
  if (typ !== void 0 && (typeof protectedHeader.typ != "string" || normalizeTyp(protectedHeader.typ) !== normalizeTyp(typ)))
    throw new JWTClaimValidationFailed('unexpected "typ" JWT header value', claimsSet, "typ", checkFailed);
  const { requiredClaims = [], issuer, subject, audience, maxTokenAge } = options, presenceCheck = [...requiredClaims];
  maxTokenAge !== void 0 && presenceCheck.push("iat"), audience !== void 0 && presenceCheck.push("aud"), subject !== void 0 && presenceCheck.push("sub"), issuer !== void 0 && presenceCheck.push("iss");
  for (const claim of new Set(presenceCheck.reverse()))
    if (!Object.hasOwn(claimsSet, claim))
      throw new JWTClaimValidationFailed(`missing required "${claim}" claim`, claimsSet, claim, "missing");
  issuer !== void 0 && !(Array.isArray(issuer) ? issuer : [issuer]).includes(claimsSet.iss) && unexpectedClaim(claimsSet, "iss"), subject !== void 0 && claimsSet.sub !== subject && unexpectedClaim(claimsSet, "sub"), audience !== void 0 && !checkAudiencePresence(claimsSet.aud, typeof audience == "string" ? [audience] : audience) && unexpectedClaim(claimsSet, "aud");
  const { clockTolerance } = options;
  let tolerance = 0;
  if (typeof clockTolerance == "string")
    tolerance = secs(clockTolerance);
  else if (clockTolerance !== void 0) {
    if (typeof clockTolerance != "number")
      throw new TypeError("Invalid clockTolerance option type");
    tolerance = clockTolerance;
  }
  if (validateInput("clockTolerance option", tolerance), tolerance < 0)
    throw new TypeError("Invalid clockTolerance option input");
  const { currentDate } = options, now = validateInput("currentDate option", epoch(currentDate === void 0 ? /* @__PURE__ */ new Date() : currentDate)), iat = validateNumericDate(claimsSet, "iat", maxTokenAge !== void 0), nbf = validateNumericDate(claimsSet, "nbf");
  if (nbf !== void 0 && nbf > now + tolerance)
    throw new JWTClaimValidationFailed('"nbf" claim timestamp check failed', claimsSet, "nbf", checkFailed);
  const exp = validateNumericDate(claimsSet, "exp");
  if (exp !== void 0 && exp <= now - tolerance)
    throw new JWTExpired('"exp" claim timestamp check failed', claimsSet, "exp", checkFailed);
  if (maxTokenAge !== void 0) {
    const age = now - iat, max = validateInput("maxTokenAge option", typeof maxTokenAge == "number" ? maxTokenAge : secs(maxTokenAge));
    if (max < 0)
      throw new TypeError("Invalid maxTokenAge option input");
    if (age - tolerance > max)
      throw new JWTExpired('"iat" claim timestamp check failed (too far in the past)', claimsSet, "iat", checkFailed);
    if (age < -tolerance)
      throw new JWTClaimValidationFailed('"iat" claim timestamp check failed (it should be in the past)', claimsSet, "iat", checkFailed);
  }
  return claimsSet;
}

// node_modules/jose/dist/webapi/jwt/verify.js
async function jwtVerify(jwt, key, options) {
  const [verified, b64] = await verifyCompact(jwt, prepareVerify(options), key);
  if (!b64)
    throw new JWTInvalid("JWTs MUST NOT use unencoded payload");
  const payload = validateClaimsSet(verified.protectedHeader, verified.payload, options);
  return { ...verified, payload };
}

// node_modules/jose/dist/webapi/jwks/local.js
function isUsableJWK(jwk, entry, alg, kid) {
  const { kty, key_ops: keyOps, ext, kid: jwkKid, alg: jwkAlg, use, crv } = jwk;
  return (ext === void 0 || typeof ext == "boolean") && (keyOps === void 0 || Array.isArray(keyOps) && keyOps.every((operation, index) => typeof operation == "string" && keyOps.indexOf(operation) === index) && keyOps.includes("verify")) && entry.kty.includes(kty) && (kid === void 0 || typeof kid == "string" && kid === jwkKid) && (jwkAlg === void 0 ? kty !== "AKP" : alg === jwkAlg) && (use === void 0 || use === "sig") && (!entry.crv || crv === entry.crv);
}
async function importWithAlgCache(cache2, jwk, entry) {
  const cached = cache2.get(jwk) || cache2.set(jwk, {}).get(jwk), { alg } = entry;
  if (cached[alg] === void 0) {
    const pending = jwkToKey(entry, jwk, true).then((key) => {
      if (key.type !== "public")
        throw new JWKSInvalid("JSON Web Key Set members must be public keys");
      return cached[alg] = key, key;
    }).catch((error) => {
      throw cached[alg] === pending && delete cached[alg], error;
    });
    cached[alg] = pending;
  }
  return cached[alg];
}
function createLocalJWKSet(jwks) {
  let snapshot;
  try {
    snapshot = structuredClone(jwks);
  } catch (cause) {
    throw new JWKSInvalid("JSON Web Key Set malformed", { cause });
  }
  if (!isJwkSet(snapshot))
    throw new JWKSInvalid("JSON Web Key Set malformed");
  const metadata = snapshot.keys.map((jwk) => {
    const normalized = snapshotJwk(jwk);
    return Array.isArray(normalized.key_ops) && (normalized.key_ops = [...normalized.key_ops]), normalized;
  }), cached = /* @__PURE__ */ new WeakMap();
  return Object.defineProperty(async (protectedHeader, token) => {
    const { alg, kid } = { ...protectedHeader, ...token?.header }, entry = typeof alg == "string" ? JWS[alg] : void 0;
    if (!entry || entry.secret)
      throw new JOSENotSupported('Unsupported "alg" value for a JSON Web Key Set');
    const candidates = snapshot.keys.filter((_, index) => isUsableJWK(metadata[index], entry, alg, kid)), { 0: jwk, length } = candidates;
    if (!length)
      throw new JWKSNoMatchingKey();
    if (length !== 1) {
      const error = new JWKSMultipleMatchingKeys();
      throw error[Symbol.asyncIterator] = async function* () {
        for (const jwk2 of candidates)
          try {
            yield await importWithAlgCache(cached, jwk2, entry);
          } catch {
          }
      }, error;
    }
    return importWithAlgCache(cached, jwk, entry);
  }, "jwks", {
    value: () => structuredClone(snapshot)
  });
}

// node_modules/jose/dist/webapi/jwks/remote.js
function isCloudflareWorkers() {
  return typeof WebSocketPair < "u" || typeof navigator < "u" && navigator.userAgent === "Cloudflare-Workers" || typeof EdgeRuntime < "u" && EdgeRuntime === "vercel";
}
var USER_AGENT;
(typeof navigator > "u" || !navigator.userAgent?.startsWith?.("Mozilla/5.0 ")) && (USER_AGENT = "jose/v6.2.18");
var customFetch = /* @__PURE__ */ Symbol();
async function fetchJwks(url, headers, signal, fetchImpl = fetch) {
  const response = await fetchImpl(url, {
    method: "GET",
    signal,
    redirect: "manual",
    headers
  }).catch((err) => {
    throw err.name === "TimeoutError" ? new JWKSTimeout(void 0, { cause: err }) : err;
  });
  if (response.status !== 200)
    throw new JOSEError("Expected 200 OK from the JSON Web Key Set HTTP response");
  try {
    return await response.json();
  } catch (cause) {
    throw signal.aborted ? new JWKSTimeout(void 0, { cause }) : new JOSEError("Failed to parse the JSON Web Key Set HTTP response as JSON", { cause });
  }
}
var jwksCache = /* @__PURE__ */ Symbol();
function isFreshFor(timestamp, duration) {
  return Number.isFinite(timestamp) && Date.now() < timestamp + duration;
}
function validateDuration(value, fallback, option) {
  if (Number.isNaN(value))
    throw new TypeError(`"${option}" option must not be NaN`);
  if (typeof value == "number" && value < 0)
    throw new TypeError(`"${option}" option must not be negative`);
  return typeof value == "number" ? value : fallback;
}
function createRemoteJWKSet(url, options) {
  if (!(url instanceof URL))
    throw new TypeError("url must be an instance of URL");
  const href = new URL(url.href).href, opts = options ?? {}, timeoutOption = opts.timeoutDuration;
  if (typeof timeoutOption == "number" && (!Number.isInteger(timeoutOption) || timeoutOption < 0))
    throw new TypeError('"timeoutDuration" option must be a non-negative integer');
  const timeoutDuration = typeof timeoutOption == "number" ? timeoutOption : 5e3, cooldownDuration = validateDuration(opts.cooldownDuration, 3e4, "cooldownDuration"), cacheMaxAge = validateDuration(opts.cacheMaxAge, 6e5, "cacheMaxAge"), headers = new Headers(opts.headers);
  USER_AGENT && !headers.has("User-Agent") && headers.set("User-Agent", USER_AGENT), headers.has("accept") || headers.set("accept", "application/json, application/jwk-set+json");
  const fetchImpl = opts[customFetch], cache2 = opts[jwksCache];
  let jwksTimestamp, pendingFetch, reloadSequence = 0, appliedSequence = 0, local;
  if (cache2 && typeof cache2 == "object") {
    const { uat, jwks } = cache2;
    isFreshFor(uat, cacheMaxAge) && isJwkSet(jwks) && (jwksTimestamp = uat, local = createLocalJWKSet(jwks));
  }
  const reload = async () => {
    if (pendingFetch && isCloudflareWorkers() && (pendingFetch = void 0), !pendingFetch) {
      const sequence = ++reloadSequence, current = pendingFetch = fetchJwks(href, headers, AbortSignal.timeout(timeoutDuration), fetchImpl).then((json) => {
        const next = createLocalJWKSet(json);
        if (sequence <= appliedSequence)
          return;
        local = next;
        const updatedAt = Date.now();
        cache2 && (cache2.uat = updatedAt, cache2.jwks = json), jwksTimestamp = updatedAt, appliedSequence = sequence;
      }).finally(() => {
        pendingFetch === current && (pendingFetch = void 0);
      });
    }
    await pendingFetch;
  };
  return Object.defineProperties(async (protectedHeader, token) => {
    (!local || !isFreshFor(jwksTimestamp, cacheMaxAge)) && await reload();
    try {
      return await local(protectedHeader, token);
    } catch (err) {
      if (err instanceof JWKSNoMatchingKey && !isFreshFor(jwksTimestamp, cooldownDuration))
        return await reload(), local(protectedHeader, token);
      throw err;
    }
  }, {
    coolingDown: {
      get: () => isFreshFor(jwksTimestamp, cooldownDuration),
      enumerable: true
    },
    fresh: {
      get: () => isFreshFor(jwksTimestamp, cacheMaxAge),
      enumerable: true
    },
    reload: {
      value: reload,
      enumerable: true
    },
    reloading: {
      get: () => !!pendingFetch,
      enumerable: true
    },
    jwks: {
      value: () => local?.jwks(),
      enumerable: true
    }
  });
}

// node_modules/jose/dist/webapi/util/decode_jwt.js
function decodeJwt(jwt) {
  if (typeof jwt != "string")
    throw new JWTInvalid("JWTs must use Compact JWS serialization, JWT must be a string");
  const { 1: encodedPayload, length } = jwt.split(".");
  if (length === 5)
    throw new JWTInvalid("Only JWTs using Compact JWS serialization can be decoded");
  if (length !== 3)
    throw new JWTInvalid("Invalid JWT");
  if (!encodedPayload)
    throw new JWTInvalid("JWTs must contain a payload");
  let claimsSetBytes;
  try {
    claimsSetBytes = decode(encodedPayload);
  } catch (cause) {
    throw new JWTInvalid("Failed to base64url decode the payload", { cause });
  }
  let claimsSet;
  try {
    claimsSet = JSON.parse(strictDecoder.decode(claimsSetBytes));
  } catch (cause) {
    throw new JWTInvalid("Failed to parse the decoded payload as JSON", { cause });
  }
  if (!isObject(claimsSet))
    throw new JWTInvalid("Invalid JWT Claims Set");
  return claimsSet;
}

// shared/src/gitops/verify-identity.ts
var JWKS_TIMEOUT_MS = 1e4;
var MAX_IDENTITY_TOKEN_CHARS = 8 * 1024;
var CLOCK_SKEW_SECONDS = 10 * 60;
var keySets = /* @__PURE__ */ new Map();
function keySetOf(jwksUrl, timeoutMs) {
  let set = keySets.get(`${timeoutMs} ${jwksUrl}`);
  if (!set) {
    set = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: timeoutMs });
    keySets.set(`${timeoutMs} ${jwksUrl}`, set);
  }
  return set;
}
async function identityProblem(token, expected) {
  if (token.length > MAX_IDENTITY_TOKEN_CHARS)
    return `is ${Math.ceil(token.length / 1024)} KiB long, more than the ${MAX_IDENTITY_TOKEN_CHARS / 1024} KiB an issuer's token takes`;
  let unverified;
  try {
    unverified = decodeJwt(token);
  } catch {
    return "is not a JSON Web Token";
  }
  if (typeof unverified.iat !== "number") return "has no iat (issued-at) claim";
  let payload;
  try {
    ;
    ({ payload } = await jwtVerify(token, keySetOf(expected.jwksUrl, timeoutOf(expected)), {
      issuer: expected.issuer,
      audience: expected.audience,
      algorithms: ["RS256"],
      requiredClaims: ["iat", "exp", "repository"],
      // Judged when it was issued (see the header): iat is under the signature, so it cannot be moved.
      currentDate: new Date(unverified.iat * 1e3)
    }));
  } catch (error) {
    return describeVerifyError(error, expected);
  }
  if (typeof payload.aud !== "string")
    return `has an audience list (${JSON.stringify(payload.aud).slice(0, 200)}), not the one audience ${expected.audience}`;
  const issuedAt = payload.iat;
  if (issuedAt > Date.now() / 1e3 + CLOCK_SKEW_SECONDS)
    return `was issued in the future (iat ${new Date(issuedAt * 1e3).toISOString()})`;
  const claimed = repositoryId(typeof payload.repository === "string" ? payload.repository : "");
  for (const want of expected.repositories)
    if (!want.repository || claimed !== want.repository)
      return `was issued to a run of ${claimed ?? "(no repository)"}, but ${want.what} is ${want.repository ?? "(none)"}`;
  if (expected.sha !== void 0 && payload.sha !== expected.sha)
    return `was issued to a run of commit ${String(payload.sha ?? "(none)")}, but the render record's source commit is ${expected.sha}`;
  if (expected.commitTime !== void 0) {
    const committed = Date.parse(expected.commitTime);
    if (Number.isNaN(committed) || committed / 1e3 > issuedAt + CLOCK_SKEW_SECONDS)
      return `was issued at ${new Date(issuedAt * 1e3).toISOString()}, before the render record's source commit time ${expected.commitTime}; a run's token is issued after its commit, so the record claims a newer commit than the run built`;
  }
  return void 0;
}
var timeoutOf = (expected) => expected.timeoutMs ?? JWKS_TIMEOUT_MS;
function describeVerifyError(error, expected) {
  if (error instanceof errors_exports.JWTClaimValidationFailed) {
    if (error.claim === "aud")
      return `was issued for another content, environment or service (its audience is not ${expected.audience})`;
    if (error.claim === "iss") return `was not issued by ${expected.issuer}`;
    if (error.reason === "missing") return `has no ${error.claim} claim`;
    if (error.claim === "nbf")
      return "was not yet valid when it was issued (its nbf is after its iat)";
    return `fails its ${error.claim} claim (${error.reason})`;
  }
  if (error instanceof errors_exports.JWTExpired) return "had expired when it was issued";
  if (error instanceof errors_exports.JWSSignatureVerificationFailed)
    return `is not signed by ${expected.issuer}'s keys`;
  if (error instanceof errors_exports.JWKSNoMatchingKey)
    return `is signed with a key ${expected.issuer} does not publish`;
  if (error instanceof errors_exports.JWKSTimeout)
    return `cannot be checked: ${expected.jwksUrl} did not answer within ${timeoutOf(expected) / 1e3} s`;
  if (error instanceof errors_exports.JOSEError) return `cannot be verified (${error.message})`;
  return `cannot be checked: the issuer's keys at ${expected.jwksUrl} could not be read (${error.message})`;
}
async function identityFindings(platform, record, recordFile, commit) {
  const required = requiredIdentity(platform);
  if (!required) return [];
  const hint = "The platform requires promotions to carry an OIDC token of the service's own run (spec.gitops.identity): promote with idp promote from the service repository's workflow, with `permissions: id-token: write`.";
  const token = commit ? parseTrailers(commit.message)[TRAILER_KEYS.identity] : void 0;
  const where = commit ? `Commit ${commit.sha.slice(0, 12)}` : "The change";
  const refuse = (what) => [
    gateFinding(
      "identity",
      recordFile,
      `${where} promotes ${record.service} to ${record.environment} ${what}.`,
      hint
    )
  ];
  const copies = commit ? identityTrailerCount(commit.message) : 0;
  if (copies > 1)
    return refuse(
      `with ${copies} ${TRAILER_KEYS.identity} trailers; a promotion carries its run's one token`
    );
  if (!token)
    return [
      gateFinding(
        "identity",
        recordFile,
        `${where} promotes ${record.service} to ${record.environment} without an ${TRAILER_KEYS.identity} trailer, so nothing proves which repository's run pushed it.`,
        hint
      )
    ];
  if (!record.source?.commit)
    return refuse(
      `with a render record that names no source commit, so the token cannot be tied to the commit its run built`
    );
  if (!record.source.commitTime)
    return refuse(
      `with a render record that names no source commit time, so idp cannot tell it from an older release replayed with its token`
    );
  const registration = platform.spec.services ? registrationFor(platform.spec.services, record.service) : void 0;
  const registered = registration ? repositoryId(registration.entry.repository.replace(/\{service\}/g, record.service)) : void 0;
  const problem = await identityProblem(token, {
    ...required,
    audience: identityAudience(record.environment, record.service, record.digest),
    repositories: [
      {
        repository: repositoryId(record.source?.repository),
        what: "the render record's source repository"
      },
      ...platform.spec.services ? [{ repository: registered, what: `the repository registered for ${record.service}` }] : []
    ],
    sha: record.source?.commit,
    commitTime: record.source?.commitTime
  });
  return problem ? [
    gateFinding(
      "identity",
      recordFile,
      `${where} promotes ${record.service} to ${record.environment} with an ${TRAILER_KEYS.identity} token that ${problem}.`,
      hint
    )
  ] : [];
}
function identityTrailerCount(message2) {
  const paragraphs = message2.trim().split(/\n\s*\n/);
  if (paragraphs.length < 2) return 0;
  const key = TRAILER_KEYS.identity.toLowerCase();
  return paragraphs[paragraphs.length - 1].split("\n").filter((line) => line.toLowerCase().startsWith(`${key}:`)).length;
}

// shared/src/gitops/verify.ts
var MAX_VERIFIED_COMMITS = 500;
function byPlatformIdentity(commit, platformAuthors) {
  const known = platformAuthors.map((a) => a.trim().toLowerCase()).filter(Boolean);
  return known.includes(commit.author.name.toLowerCase()) || known.includes(commit.author.email.toLowerCase());
}
async function verifyChange(request) {
  const { git, platform, head } = request;
  const findings = [];
  const from = await git.mergeBase(request.base, head);
  if (!from)
    throw new UserError({
      message: `${short(head)} shares no history with the base ${short(request.base)}, so what it changes cannot be told.`,
      hint: "Build the change on the deployed branch (promote does), not on a history of its own."
    });
  const changedPaths = await git.changedPaths(from, head);
  const shas = await git.commitsBetween(from, head, MAX_VERIFIED_COMMITS);
  if (shas.length > MAX_VERIFIED_COMMITS)
    throw new UserError({
      message: `The change holds more than ${MAX_VERIFIED_COMMITS} commits; idp attributes at most that many.`,
      hint: "Verify smaller changes (one promotion is one commit)."
    });
  const only = request.onlyFolder;
  const folderOf = (path) => serviceFoldersOf(path, platform)[0]?.path ?? (only && (path === only.path || path.startsWith(`${only.path}/`)) ? only.path : void 0);
  const entryFindings = await treeFindings(git, head, changedPaths, folderOf);
  if (entryFindings.length > 0) return { findings: entryFindings, folders: [], changedPaths, from };
  const commits = [];
  for (const sha of shas)
    commits.push({ info: await git.commitInfo(sha), paths: await git.commitPaths(sha) });
  const isPlatform = (c) => byPlatformIdentity(c, request.platformAuthors);
  const touching = (prefix) => commits.filter((c) => c.paths.some((p) => p === prefix || p.startsWith(`${prefix}/`)));
  const folders = /* @__PURE__ */ new Map();
  const outside = /* @__PURE__ */ new Map();
  for (const path of changedPaths) {
    if (request.onlyFolder && !path.startsWith(`${request.onlyFolder.path}/`)) {
      const where = serviceFoldersOf(path, platform)[0]?.path ?? path;
      outside.set(where, [...outside.get(where) ?? [], path]);
      continue;
    }
    const candidates = serviceFoldersOf(path, platform);
    if (candidates.length === 0) {
      const authors = touching(path);
      const foreign = authors.filter((c) => !isPlatform(c.info));
      if (foreign.length > 0 || authors.length === 0)
        findings.push(
          gateFinding(
            "outside-service-folders",
            path,
            `${path} lies outside every service folder, and ${foreign.length > 0 ? `commit ${short(foreign[0].info.sha)} by ${foreign[0].info.author.name} <${foreign[0].info.author.email}>` : "a commit idp cannot attribute"} changes it; only the platform's identity may.`,
            `Only the platform's identity (platform-authors: ${request.platformAuthors.join(", ") || "none given"}) changes files outside the service folders the platform's GitOps path gives.`
          )
        );
      continue;
    }
    for (const c of candidates) folders.set(c.path, [...folders.get(c.path) ?? [], c]);
  }
  for (const [where, paths] of outside) {
    const only2 = request.onlyFolder;
    findings.push(
      gateFinding(
        "outside-promotion-folder",
        paths[0],
        `The promotion branch for ${only2.service} in ${only2.environment} changes ${where === paths[0] ? where : `${where} (${paths.length} file${paths.length === 1 ? "" : "s"})`}, outside its folder ${only2.path}.`,
        `A promotion branch changes only its service's folder (${only2.path}); other changes go through the platform team.`
      )
    );
  }
  const verified = [];
  const toValidate = [];
  for (const [path, candidates] of folders) {
    const result = await verifyFolder(request, path, candidates, from, touching(path), isPlatform);
    findings.push(...result.findings);
    verified.push(result.folder);
    if (result.findings.length === 0 && !result.folder.deleted) toValidate.push(path);
  }
  if (toValidate.length > 0) findings.push(...await validateFolders(request, toValidate));
  return { findings, folders: verified, changedPaths, from };
}
async function verifyFolder(request, path, candidates, from, commits, isPlatform) {
  const { git, platform, head } = request;
  const findings = [];
  const recordFile = `${path}/${RENDER_RECORD_PATH}`;
  const byPlatform = commits.length > 0 && commits.every((c) => isPlatform(c.info));
  const text = await git.tryShowFile(head, recordFile);
  const done = (record2, deleted = false) => ({
    folder: { path, record: record2, deleted, byPlatform },
    findings
  });
  if (text === void 0) {
    const deleted = !existsSync4(join4(request.worktree, path));
    if (deleted && byPlatform) return done(void 0, true);
    findings.push(
      deleted ? gateFinding(
        "service-folder-deleted",
        path,
        `${path} (${candidates[0].service} in ${candidates[0].environment}) is deleted by a commit that is not the platform's.`,
        "Only the platform's identity removes a service's folder."
      ) : gateFinding(
        "render-record",
        path,
        `${path} holds no ${RENDER_RECORD_PATH}, so idp cannot tell which render wrote it.`,
        "Promote folders written by idp render; do not edit service folders by hand."
      )
    );
    return done(void 0, deleted);
  }
  let record;
  try {
    record = parseRenderRecord2(text, recordFile);
  } catch (error) {
    findings.push(...findingsOf("render-record", recordFile, error));
    return done();
  }
  findings.push(...recordFieldFindings(record, recordFile));
  const environments = platform.spec.environments.map((e) => e.name);
  try {
    const expected = confineGitopsPath({
      environment: record.environment,
      service: record.service,
      platformPattern: environments.includes(record.environment) ? folderPatternOf(platform, record.environment) : void 0,
      recordDisplay: recordFile,
      environments
    });
    if (expected !== path)
      findings.push(
        gateFinding(
          "service-folder-pattern",
          recordFile,
          `${path} holds a render of ${record.service} in ${record.environment}, whose folder by the platform's GitOps path is ${expected}.`,
          "A service writes only the folder the platform's gitops.path gives it; promote the render to its own folder."
        )
      );
    const only = request.onlyFolder;
    if (only && (only.service !== record.service || only.environment !== record.environment))
      findings.push(
        gateFinding(
          "service-folder-pattern",
          recordFile,
          `The promotion branch is for ${only.service} in ${only.environment}, but ${path} holds a render of ${record.service} in ${record.environment}.`,
          `Push a render of ${record.service} to idp/${record.environment}/${record.service}.`
        )
      );
    checkRecordTarget(record, platform, recordFile);
  } catch (error) {
    findings.push(...findingsOf("service-folder-pattern", recordFile, error));
    return done(record);
  }
  const recordRepository = repositoryId(record.source?.repository);
  try {
    assertServiceBinding({
      platform,
      service: record.service,
      owner: record.owner,
      identity: {
        repository: recordRepository,
        source: "its render record",
        fromRecord: true
      },
      servicePosition: { file: recordFile, line: 1, column: 1 },
      subject: "the render record"
    });
    if (!platform.spec.services) {
      if (!recordRepository)
        findings.push(
          gateFinding(
            "service-ownership",
            recordFile,
            `The render record of ${path} names no source repository, so idp cannot tell whether it may write ${record.service}.`,
            "Render in GitHub Actions or from a clone with an origin remote, so the record names its repository."
          )
        );
      const heldText = await git.tryShowFile(request.ownershipAt ?? from, recordFile);
      const held = heldText === void 0 ? void 0 : safeRecord(heldText, recordFile);
      assertMayReplace(
        platform,
        held,
        { repository: recordRepository, source: "its render record" },
        path
      );
    }
  } catch (error) {
    findings.push(...findingsOf("service-ownership", recordFile, error));
  }
  const latest = commits.find((c) => c.info.parents.length <= 1);
  if (latest) {
    const trailers = parseTrailers(latest.info.message);
    const expected = [
      [TRAILER_KEYS.repository, recordRepository, repositoryId],
      [TRAILER_KEYS.service, record.service, (v) => v],
      [TRAILER_KEYS.environment, record.environment, (v) => v],
      [TRAILER_KEYS.digest, record.digest, (v) => v]
    ];
    for (const [key, want, normalise] of expected) {
      const got = trailers[key];
      if (got === void 0 || normalise(got) !== want)
        findings.push(
          gateFinding(
            "provenance-trailers",
            recordFile,
            `Commit ${short(latest.info.sha)} changes ${path} with ${got === void 0 ? `no ${key} trailer` : `${key}: ${got}`}, but its render record says ${want ?? "(nothing)"}.`,
            "Promote with idp promote, which writes the provenance trailers from the render record."
          )
        );
    }
  }
  findings.push(...await identityFindings(platform, record, recordFile, latest?.info));
  try {
    const files = listServiceFolder(request.worktree, join4(request.worktree, path), {
      what: "The service folder",
      display: path,
      symlinks: "refuse"
    });
    const content = /* @__PURE__ */ new Map();
    for (const file of files) {
      const name = relative(join4(request.worktree, path), file).split("\\").join("/");
      if (!name.startsWith(".idp/"))
        content.set(
          name,
          readServiceFile(request.worktree, file, {
            what: "The rendered file",
            display: `${path}/${name}`
          })
        );
    }
    const digest = contentDigest(content);
    if (digest !== record.digest)
      findings.push(
        gateFinding(
          "content-digest",
          recordFile,
          `${path} holds content with digest ${digest}, but its render record says ${record.digest}: the folder was changed after it was rendered.`,
          "Promote the rendered folder unchanged; change idp.yaml and render again instead of editing manifests."
        )
      );
  } catch (error) {
    findings.push(...findingsOf("folder-content", path, error));
    return done(record);
  }
  findings.push(...await folderContentFindings(request, path, record, recordFile));
  if (!byPlatform || request.onlyFolder) {
    const heldText = await git.tryShowFile(request.ownershipAt ?? from, recordFile);
    const held = heldText === void 0 ? void 0 : safeRecord(heldText, recordFile);
    findings.push(...olderRenderFinding(held, record, path, recordFile));
  }
  findings.push(...await clusterScoped(request, path));
  findings.push(...await gates(request, record, recordFile, request.ownershipAt ?? from));
  return done(record);
}
function short(sha) {
  return sha.slice(0, 12);
}

// shared/src/gitops/verify-checkout.ts
async function verifyCheckout(request) {
  const git = await GitCommandManager.create(request.worktree, request.logger);
  const resolve2 = async (ref, what) => {
    const sha = await git.tryRevParse(`${ref}^{commit}`);
    if (!sha)
      throw new UserError({
        message: `${what} '${ref}' is not a commit of the checkout in ${request.worktree}.`,
        hint: "Check out the GitOps repository with its history (actions/checkout with fetch-depth: 0) and pass a branch, tag or SHA it holds."
      });
    return sha;
  };
  const base = await resolve2(request.base, "The base");
  const head = await resolve2(request.head ?? "HEAD", "The head");
  const checkedOut = await resolve2("HEAD", "HEAD");
  if (head !== checkedOut)
    throw new UserError({
      message: `The head '${request.head}' (${head.slice(0, 12)}) is not what the checkout holds (${checkedOut.slice(0, 12)}); the folders are read from the worktree.`,
      hint: "Check out the head first (actions/checkout with ref: <head>), or leave head empty."
    });
  const readElsewhere = remoteRecordReader(
    request.token,
    request.serverUrl,
    request.worktree,
    request.logger
  );
  return verifyChange({
    git,
    worktree: request.worktree,
    base,
    head,
    platform: request.platform,
    platformFile: request.platformFile,
    policies: request.policies,
    crds: request.crds,
    platformAuthors: request.platformAuthors,
    readElsewhere,
    logger: request.logger
  });
}
function remoteRecordReader(token, serverUrl, workspace, logger) {
  return (locations) => readDeployedRenders(
    locations.map((l) => ({ ...l, remote: resolveRemote(l.remote.url, serverUrl, workspace) })),
    token,
    logger
  );
}
export {
  remoteRecordReader,
  verifyCheckout
};
