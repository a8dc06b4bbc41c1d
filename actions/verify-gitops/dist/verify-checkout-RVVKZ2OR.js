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
} from "./chunk-GN34RNC3.js";
import {
  DEFAULT_PATH_PATTERN,
  assertMayReplace,
  assertServiceBinding,
  checkBranchName,
  confineGitopsPath,
  environmentConfig,
  gitEnvironment,
  isDnsLabel,
  repositoryId,
  resolveGitopsTarget
} from "./chunk-263DVPFU.js";
import {
  RENDER_RECORD_PATH,
  listServiceFolder,
  parseRenderRecord
} from "./chunk-UGO6ZZ76.js";
import {
  require_dist
} from "./chunk-3SQSGHBN.js";
import {
  readServiceFile
} from "./chunk-JRJY5XWA.js";
import {
  UserError,
  __toESM,
  inputRef,
  inputRefStart,
  isUserError
} from "./chunk-FUXD4CWG.js";

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

// shared/src/gitops/git-command-manager.ts
import { spawn } from "node:child_process";
var MINIMUM_GIT_VERSION = [2, 31];
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
  async commit(message, identity) {
    const who = [
      "-c",
      `user.name=${identity.name}`,
      "-c",
      `user.email=${identity.email}`,
      "-c",
      "commit.gpgsign=false"
    ];
    await this.exec([...who, "commit", "--quiet", "--no-verify", "--file=-"], {
      input: message
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
  async commitTree(tree, parents, message, identity) {
    const who = ["-c", `user.name=${identity.name}`, "-c", `user.email=${identity.email}`];
    const args = [...who, "-c", "commit.gpgsign=false", "commit-tree", tree];
    for (const parent of parents) args.push("-p", parent);
    return (await this.exec([...args, "-F", "-"], { input: message })).stdout.trim();
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
    const cwd = options.cwd ?? this.workingDirectory;
    this.logger.debug(`git ${args.join(" ")}`);
    const name = args[0] === "-c" ? args.find((a) => !a.includes("=") && a !== "-c") : args[0];
    const { commandTimeoutMs, lowSpeedLimit, lowSpeedTime } = this.limits;
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
        env: gitEnvironment(process.env, this.extraEnv),
        stdio: [
          options.input === void 0 ? "ignore" : "pipe",
          "pipe",
          "pipe",
          ...this.authFd === void 0 ? [] : [this.authFd]
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

// shared/src/gitops/render-guard.ts
function parseRenderRecord2(text, display) {
  return parseRenderRecord(text, display, ["service", "environment", "digest", "images", "source"]);
}
function describeRender(record) {
  const commit = record.source?.commit ? record.source.commit.slice(0, 12) : "unknown commit";
  const time = record.source?.commitTime ?? "unknown time";
  const run = record.source?.runNumber !== void 0 ? `run #${record.source.runNumber}` : "no run";
  return `${commit} (${time}, ${run}, ${record.digest})`;
}

// shared/src/gitops/deployed-renders.ts
async function readDeployedRenders(locations, token, logger, tempRoot) {
  const groups = /* @__PURE__ */ new Map();
  for (const location of locations) {
    const key = `${location.remote.url}#${location.branch ?? ""}`;
    groups.set(key, [...groups.get(key) ?? [], location]);
  }
  const out = /* @__PURE__ */ new Map();
  for (const group of groups.values()) {
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

// shared/src/gitops/verify.ts
import { existsSync as existsSync4 } from "node:fs";
import { join as join4, relative } from "node:path";

// shared/src/render/serialize.ts
var import_yaml = __toESM(require_dist(), 1);
import { createHash } from "node:crypto";
var YAML_1_1_AND_1_2_NON_STRINGS = (() => {
  const tests = [];
  for (const version of ["1.1", "1.2"]) {
    for (const tag of new import_yaml.Document(null, { version }).schema.tags) {
      if (tag.test && tag.tag !== "tag:yaml.org,2002:str") tests.push(tag.test);
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
function parseTrailers(message) {
  const paragraphs = message.trim().split(/\n\s*\n/);
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
  digest: "Idp-Content-Digest"
};

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
function gateFinding(rule, file, message, help, line = 1) {
  return {
    source: "gitops-verify",
    policy: "idp-gitops-gate",
    rule,
    result: "fail",
    severity: "error",
    category: "GitOps gate",
    title: rule,
    message,
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
  const { loadManifests, isBuildFile } = await import("./manifests-RCJKH5OR.js");
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
async function gates(request, record, recordFile) {
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
      const at = request.ownershipAt ?? request.head;
      const text = await request.git.tryShowFile(at, `${path}/${RENDER_RECORD_PATH}`);
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
  const { validateManifests } = await import("./validate-5B3EKM2O.js");
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
  if (!from) {
    findings.push(
      gateFinding(
        "history",
        void 0,
        `${short(head)} shares no history with the base ${short(request.base)}, so what it changes cannot be told.`,
        "Build the change on the deployed branch (promote does), not on a history of its own."
      )
    );
    return { findings, folders: [], changedPaths: [] };
  }
  const changedPaths = await git.changedPaths(from, head);
  const shas = await git.commitsBetween(from, head, MAX_VERIFIED_COMMITS);
  if (shas.length > MAX_VERIFIED_COMMITS) {
    findings.push(
      gateFinding(
        "history",
        void 0,
        `The change holds more than ${MAX_VERIFIED_COMMITS} commits; idp attributes at most that many.`,
        "Verify smaller changes (one promotion is one commit)."
      )
    );
    return { findings, folders: [], changedPaths, from };
  }
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
    const only = request.onlyFolder;
    findings.push(
      gateFinding(
        "outside-promotion-folder",
        paths[0],
        `The promotion branch for ${only.service} in ${only.environment} changes ${where === paths[0] ? where : `${where} (${paths.length} file${paths.length === 1 ? "" : "s"})`}, outside its folder ${only.path}.`,
        `A promotion branch changes only its service's folder (${only.path}); other changes go through the platform team.`
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
  findings.push(...await clusterScoped(request, path));
  findings.push(...await gates(request, record, recordFile));
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
