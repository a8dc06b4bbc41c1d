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
function readFileInItsRepository(path, options) {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  return readServiceFile(gitToplevel(folder) ?? folder, absolute, options);
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

// shared/src/runtime/control-characters.ts
var OTHERS = "\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069";
var LINE_CONTROL = new RegExp(`[\\u0000-\\u001f${OTHERS}]`);
var TEXT_CONTROL = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f${OTHERS}]`);

export {
  __require,
  __commonJS,
  __toESM,
  UserError,
  formatPosition,
  formatProblem,
  isUserError,
  describeFailure,
  currentSurface,
  withSurface,
  inputRef,
  inputRefStart,
  MAX_CRD_BYTES,
  MAX_FOLDER_FILES,
  gitToplevel,
  readServiceFile,
  readFileInItsRepository,
  readOptionalServiceFile,
  serviceEntryKind,
  resolveServiceFolder,
  realRoot,
  isInside,
  displayOf,
  resolveInside,
  kindOf,
  notRegular,
  LINE_CONTROL,
  TEXT_CONTROL
};
