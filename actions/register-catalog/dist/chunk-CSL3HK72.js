import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __require = /* @__PURE__ */ ((x) => typeof require !== "undefined" ? require : typeof Proxy !== "undefined" ? new Proxy(x, {
  get: (a, b) => (typeof require !== "undefined" ? require : a)[b]
}) : x)(function(x) {
  if (typeof require !== "undefined") return require.apply(this, arguments);
  throw Error('Dynamic require of "' + x + '" is not supported');
});
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// shared/src/runtime/surface.ts
var current = "action";
function currentSurface() {
  return current;
}
async function withSurface(surface, body) {
  const previous = current;
  current = surface;
  try {
    return await body();
  } finally {
    current = previous;
  }
}
function inputRef(name) {
  return current === "cli" ? `--${name}` : `input '${name}'`;
}
function inputRefStart(name) {
  return current === "cli" ? `--${name}` : `Input '${name}'`;
}

// shared/src/runtime/errors.ts
var UserError = class extends Error {
  problems;
  constructor(problems) {
    const list = typeof problems === "string" ? [{ message: problems }] : Array.isArray(problems) ? problems : [problems];
    super(list.map(formatProblem).join("\n"));
    this.name = "UserError";
    this.problems = list;
  }
};
function formatPosition(position) {
  return `${position.file}:${position.line}:${position.column}`;
}
function formatProblem(problem) {
  const where = problem.position ? `${formatPosition(problem.position)}: ` : "";
  const hint = problem.hint ? ` ${problem.hint}` : "";
  return `${where}${problem.message}${hint}`;
}
function isUserError(error) {
  return error instanceof UserError;
}
function describeFailure(error) {
  if (isUserError(error)) return error.message;
  const detail = error instanceof Error ? error.message : String(error);
  return `Internal error (a bug in idp, not in your input): ${detail}`;
}

// shared/src/boundary/files.ts
import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
var KiB = 1024;
var MiB = 1024 * KiB;
var MAX_CONFIG_BYTES = 1 * MiB;
var MAX_FILE_BYTES = 8 * MiB;
var MAX_CRD_BYTES = 32 * MiB;
var MAX_FOLDER_BYTES = 64 * MiB;
var MAX_FOLDER_FILES = 1e4;
function gitToplevel(start) {
  let dir = resolve(start);
  for (; ; ) {
    try {
      lstatSync(join(dir, ".git"));
      return dir;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return void 0;
      dir = parent;
    }
  }
}
function readServiceFile(root, path, options) {
  const { bytes, display } = readBytes(root, path, options);
  return decodeText(bytes, display, options.what);
}
function readOptionalServiceFile(root, path, options) {
  if (!existsSync(root)) return void 0;
  return serviceEntryKind(root, path, options) === "missing" ? void 0 : readServiceFile(root, path, options);
}
function serviceEntryKind(root, path, options) {
  const resolved = resolveInside(root, path, options);
  if (resolved.real === void 0) return "missing";
  const stat = lstatSync(resolved.real);
  if (stat.isDirectory()) return "folder";
  if (stat.isFile()) return "file";
  throw notRegular(options.what, resolved.display, kindOf(stat));
}
function resolveServiceFolder(root, path, options) {
  const resolved = resolveInside(root, path, options);
  if (resolved.real === void 0) throw notFound(options, resolved.display);
  const stat = lstatSync(resolved.real);
  if (!stat.isDirectory())
    throw new UserError({
      message: `${options.what} '${resolved.display}' is ${stat.isFile() ? "a file" : kindOf(stat)}, not a folder.`,
      position: options.position,
      hint: "Name a folder inside the repository."
    });
  return resolved.real;
}
function realRoot(root) {
  try {
    return realpathSync(root);
  } catch {
    throw new UserError({
      message: `The repository root '${root}' does not exist.`,
      hint: "Run idp inside the repository (the CLI) or after actions/checkout (an action)."
    });
  }
}
function isInside(root, path) {
  const rel = relative(root, path);
  return rel === "" || !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}
function displayOf(rootReal, absolute, given) {
  const rel = relative(rootReal, absolute);
  return rel !== "" && isInside(rootReal, absolute) ? rel.split(sep).join("/") : given;
}
function resolveInside(root, path, options) {
  const rootReal = realRoot(root);
  const absolute = resolve(options.base ?? root, path);
  const display = options.display ?? displayOf(rootReal, absolute, path);
  if (!isInside(resolve(root), absolute) && !isInside(rootReal, absolute))
    throw new UserError({
      message: `${options.what} '${display}' is outside the repository; idp reads only files inside it.`,
      position: options.position,
      hint: "Give a path inside the repository (relative, without leading .. segments)."
    });
  let real;
  try {
    real = realpathSync(absolute);
  } catch (error) {
    const code = error.code;
    if (code === "ENOENT" || code === "ENOTDIR") return { absolute, real: void 0, display };
    if (code === "ELOOP") throw linkOut(options, display, "is a loop of symbolic links");
    throw cannotRead(options, display, code);
  }
  if (!isInside(rootReal, real))
    throw linkOut(
      options,
      display,
      "is or passes through a symbolic link that leads outside the repository"
    );
  return { absolute, real, display };
}
function readBytes(root, path, options) {
  const resolved = resolveInside(root, path, options);
  const { display } = resolved;
  if (resolved.real === void 0) throw notFound(options, display);
  const before = lstatSync(resolved.real);
  if (before.isDirectory()) throw isFolder(options, display);
  if (!before.isFile()) throw notRegular(options.what, display, kindOf(before));
  let fd;
  try {
    fd = openSync(
      resolved.real,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0)
    );
  } catch (error) {
    const code = error.code;
    if (code === "ELOOP")
      throw linkOut(options, display, "became a symbolic link while it was read");
    throw cannotRead(options, display, code);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw isFolder(options, display);
    if (!stat.isFile()) throw notRegular(options.what, display, kindOf(stat));
    const opened = openedPath(fd);
    if (opened !== void 0 && !isInside(realRoot(root), opened))
      throw linkOut(options, display, "moved outside the repository while it was read");
    const max = options.maxBytes ?? MAX_FILE_BYTES;
    const bytes = readAtMost(fd, max + 1);
    if (bytes.length > max)
      throw new UserError({
        message: `${options.what} '${display}' is larger than ${size(max)}; at most ${size(max)} is accepted.`,
        position: { file: display, line: 1, column: 1 },
        hint: "Point the input at the right file; idp reads only that much of any file."
      });
    return { bytes, display };
  } finally {
    closeSync(fd);
  }
}
function openedPath(fd) {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return void 0;
  }
}
function readAtMost(fd, limit) {
  const chunks = [];
  let total = 0;
  while (total < limit) {
    const chunk = Buffer.allocUnsafe(Math.min(64 * KiB, limit - total));
    let n;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      if (error.code === "EAGAIN") break;
      throw error;
    }
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}
function decodeText(bytes, display, what) {
  let text;
  if (!bytes.includes(0)) {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      text = void 0;
    }
  }
  if (text === void 0)
    throw new UserError({
      message: `${what} '${display}' is not a UTF-8 text file (it looks binary).`,
      position: { file: display, line: 1, column: 1 },
      hint: "Point the input at the text file."
    });
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}
function kindOf(stat) {
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  if (stat.isSymbolicLink()) return "a symbolic link";
  if (stat.isDirectory()) return "a folder";
  return "not a regular file";
}
function size(bytes) {
  return bytes >= MiB && bytes % MiB === 0 ? `${bytes / KiB} KiB` : `${bytes} bytes`;
}
function notFound(options, display) {
  return new UserError({
    message: `${options.what} '${display}' was not found.`,
    position: options.position,
    hint: options.hint ?? "Check the path (it is relative to the repository root)."
  });
}
function isFolder(options, display) {
  return new UserError({
    message: `${options.what} '${display}' is a folder, not a file.`,
    position: options.position,
    hint: "Name the file itself."
  });
}
function notRegular(what, display, kind) {
  return new UserError({
    message: `${what} '${display}' is ${kind}, not a regular file; idp reads only regular files.`,
    hint: "Point it at a file committed to the repository."
  });
}
function linkOut(options, display, how) {
  return new UserError({
    message: `${options.what} '${display}' ${how}; idp reads only files inside the repository.`,
    position: options.position,
    hint: "Commit the file itself instead of a link to it."
  });
}
function cannotRead(options, display, code) {
  return new UserError({
    message: `${options.what} '${display}' cannot be read (${code ?? "unknown error"}).`,
    position: options.position,
    hint: "Check the path and its permissions."
  });
}

// shared/src/gitops/source-info.ts
import { spawnSync } from "node:child_process";

// shared/src/gitops/git-environment.ts
var SECRET_NAME = /TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|PRIVATE_KEY|API_KEY|ACCESS_KEY|CREDENTIAL|AUTH/i;
var KEEP = /* @__PURE__ */ new Set(["SSH_AUTH_SOCK", "GCM_CREDENTIAL_STORE"]);
function gitEnvironment(parent, extra = {}) {
  const env = {};
  for (const [name, value] of Object.entries(parent)) {
    if (value === void 0) continue;
    if (/^INPUT_/i.test(name) || /^ACTIONS_/i.test(name)) continue;
    if (SECRET_NAME.test(name) && !KEEP.has(name)) continue;
    env[name] = value;
  }
  return {
    ...env,
    // A missing or wrong token must fail, never wait for a password on a terminal.
    GIT_TERMINAL_PROMPT: "0",
    GCM_INTERACTIVE: "never",
    ...extra
  };
}

// shared/src/gitops/source-info.ts
var LOCAL_GIT_TIMEOUT_MS = 3e4;
function readOriginUrl(dir) {
  const out = readLocalGit(dir, ["config", "--get", "remote.origin.url"]);
  if (out === void 0) return void 0;
  const url = out.trim();
  try {
    const parsed = new URL(url);
    parsed.username = "";
    parsed.password = "";
    return parsed.toString();
  } catch {
    return url || void 0;
  }
}
function readLocalGit(dir, args) {
  const result = spawnSync("git", ["-C", dir, ...args], {
    encoding: "utf8",
    env: gitEnvironment(process.env),
    // A local read; a git that hangs (a lock, a hook-like config) must not hold the run.
    timeout: LOCAL_GIT_TIMEOUT_MS,
    killSignal: "SIGKILL"
  });
  return result.status === 0 ? result.stdout : void 0;
}

// shared/src/boundary/identity.ts
function repositoryId(value) {
  if (!value) return void 0;
  let path = value.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(.*)$/i.exec(path);
  if (scheme) path = scheme[1];
  else {
    const scp = /^[^/:@]+@[^/:]+:(.*)$/.exec(path) ?? /^[^/:]+:(?!\/)(.*)$/.exec(path);
    if (scp) path = scp[1];
  }
  const segments = path.replace(/[?#].*$/, "").replace(/\/+$/, "").replace(/\.git$/i, "").split(/[\\/]/).filter(Boolean);
  if (segments.length < 2) return void 0;
  const [owner, name] = segments.slice(-2);
  if (!/^[A-Za-z0-9_.-]+$/.test(owner) || !/^[A-Za-z0-9_.-]+$/.test(name)) return void 0;
  return `${owner}/${name}`.toLowerCase();
}
function runIdentity(env, checkoutDir) {
  if (env.GITHUB_REPOSITORY) {
    return { repository: repositoryId(env.GITHUB_REPOSITORY), source: "GITHUB_REPOSITORY" };
  }
  const origin = checkoutDir ? readOriginUrl(checkoutDir) : void 0;
  return {
    repository: repositoryId(origin),
    source: origin ? `the git remote origin (${origin})` : "no GITHUB_REPOSITORY and no git origin"
  };
}
function globMatches(glob, name) {
  let g = 0;
  let n = 0;
  let star = -1;
  let resume = 0;
  while (n < name.length) {
    if (g < glob.length && glob[g] !== "*" && glob[g] === name[n]) {
      g++;
      n++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      resume = n;
    } else if (star >= 0) {
      g = star + 1;
      n = ++resume;
    } else return false;
  }
  while (g < glob.length && glob[g] === "*") g++;
  return g === glob.length;
}
function registrationFor(services, service) {
  const exact = services.findIndex((s) => s.name === service);
  if (exact >= 0) return { entry: services[exact], index: exact };
  const glob = services.findIndex((s) => s.name.includes("*") && globMatches(s.name, service));
  return glob >= 0 ? { entry: services[glob], index: glob } : void 0;
}
function ownerRef(owner) {
  const trimmed = owner.trim().toLowerCase();
  const kinded = /^([a-z0-9_-]+):(.*)$/.exec(trimmed);
  const kind = kinded ? kinded[1] : "group";
  const rest = kinded ? kinded[2] : trimmed;
  const slash = rest.indexOf("/");
  const namespace = slash >= 0 ? rest.slice(0, slash) : "default";
  return `${kind}:${namespace}/${slash >= 0 ? rest.slice(slash + 1) : rest}`;
}
function assertServiceBinding(request) {
  const { service } = request;
  const identity = { ...request.identity, repository: repositoryId(request.identity.repository) };
  const problems = [];
  const claimed = repositoryId(request.recordRepository);
  if (claimed && identity.repository && !identity.fromRecord && claimed !== identity.repository) {
    problems.push({
      message: `The render record says ${service} was rendered from ${claimed}, but this run comes from ${identity.repository} (${identity.source}).`,
      position: request.servicePosition,
      hint: "Promote a folder rendered by this repository; a render record cannot be carried to another repository."
    });
  }
  const services = request.platform?.spec.services;
  if (services) {
    const found = registrationFor(services, service);
    if (!found) {
      problems.push({
        message: `Service '${service}' (${request.subject}) is not registered in the platform config (spec.services), so no repository may render, validate, promote or register it.`,
        position: request.servicePosition,
        hint: `Ask the platform team to add { name: ${service}, repository: <owner>/<name> } to spec.services, or fix metadata.name.`
      });
    } else {
      const expected = found.entry.repository.replace(/\{service\}/g, service).toLowerCase();
      const wanted = repositoryId(expected) ?? expected;
      if (!identity.repository) {
        problems.push({
          message: `Service '${service}' belongs to ${wanted} (spec.services[${found.index}]), but idp cannot tell which repository this run comes from (${identity.source}).`,
          position: request.servicePosition,
          hint: "Run in GitHub Actions (GITHUB_REPOSITORY), or from a clone whose origin remote is the service repository."
        });
      } else if (identity.repository !== wanted) {
        problems.push({
          message: `Service '${service}' belongs to ${wanted} (spec.services[${found.index}] of the platform config), but this run comes from ${identity.repository} (${identity.source}).`,
          position: request.servicePosition,
          hint: `Use your own service's name in metadata.name, or ask the platform team to register ${service} for ${identity.repository}.`
        });
      }
      if (found.entry.owner !== void 0 && (request.owner === void 0 || ownerRef(found.entry.owner) !== ownerRef(request.owner))) {
        problems.push({
          message: `Service '${service}' is registered to owner ${found.entry.owner} (spec.services[${found.index}]), but ${request.subject} names owner ${request.owner ?? "(none)"}.`,
          position: request.ownerPosition ?? request.servicePosition,
          hint: `Set metadata.owner to ${found.entry.owner}, or ask the platform team to change the registry.`
        });
      }
    }
  }
  if (problems.length > 0) throw new UserError(problems);
}
function registryProblems(services) {
  const out = [];
  const seen = /* @__PURE__ */ new Set();
  services.forEach((entry, index) => {
    if (seen.has(entry.name))
      out.push({ index, field: "name", message: `Service '${entry.name}' is registered twice.` });
    seen.add(entry.name);
    const filled = entry.repository.replace(/\{service\}/g, "svc");
    const [owner, name] = filled.split("/");
    if (!owner || !name || name === "." || name === ".." || /^\.+$/.test(name.replace(/\.git$/i, "")))
      out.push({
        index,
        field: "repository",
        message: `The repository '${entry.repository}' is not owner/name (e.g. acme/{service}).`
      });
  });
  return out;
}
function assertClaimedRepository(claimed, identity, input) {
  const run = repositoryId(identity.repository);
  if (claimed === void 0 || !run || identity.source !== "GITHUB_REPOSITORY") return;
  const named = repositoryId(claimed);
  if (named === run) return;
  throw new UserError({
    message: `${input} names ${named ?? claimed}, but this run comes from ${run} (${identity.source}).`,
    hint: `Remove ${input} (it defaults to the run's repository) or give ${run}.`
  });
}

// shared/src/boundary/paths.ts
var DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
function isDnsLabel(value) {
  return typeof value === "string" && value.length <= 63 && DNS_LABEL.test(value);
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

// shared/src/runtime/control-characters.ts
var OTHERS = "\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
var LINE_CONTROL = new RegExp(`[\\u0000-\\u001f${OTHERS}]`);
var TEXT_CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`);

export {
  __require,
  __commonJS,
  __export,
  __toESM,
  currentSurface,
  withSurface,
  inputRef,
  inputRefStart,
  UserError,
  formatProblem,
  isUserError,
  describeFailure,
  MAX_FOLDER_FILES,
  gitToplevel,
  readServiceFile,
  readOptionalServiceFile,
  serviceEntryKind,
  resolveServiceFolder,
  realRoot,
  isInside,
  displayOf,
  resolveInside,
  kindOf,
  notRegular,
  gitEnvironment,
  runIdentity,
  assertServiceBinding,
  registryProblems,
  assertClaimedRepository,
  isDnsLabel,
  checkBranchName,
  gitopsTargetProblems,
  LINE_CONTROL,
  TEXT_CONTROL
};
