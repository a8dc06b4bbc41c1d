import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  gitEnvironment
} from "./chunk-J5U6FARA.js";
import {
  checkBranchName
} from "./chunk-VN52I4I3.js";
import {
  UserError
} from "./chunk-CQTZEYZ7.js";

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
  return new Promise((resolve, reject) => {
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
      resolve(result);
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
    const { workingDirectory, logger, extraEnv, limits, authFd } = this;
    return runGit({ workingDirectory, logger, extraEnv, limits, authFd }, args, options);
  }
};

// shared/src/gitops/gitops-checkout.ts
import { mkdirSync, mkdtempSync as mkdtempSync2, rmSync as rmSync3 } from "node:fs";
import { join as join3 } from "node:path";

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

// shared/src/gitops/trailers.ts
function withTrailers(message, trailers) {
  const lines = trailers.map((t) => ({ key: t.key, value: t.value.replace(/\s+/g, " ").trim() })).filter((t) => t.value.length > 0).map((t) => `${t.key}: ${t.value}`);
  const body = message.replace(/\s+$/, "");
  return lines.length === 0 ? `${body}
` : `${body}

${lines.join("\n")}
`;
}
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

export {
  privateTempRoot,
  GitCommandManager,
  GitopsCheckout,
  withTrailers,
  parseTrailers
};
