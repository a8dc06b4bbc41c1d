import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  LINE_CONTROL
} from "./chunk-MOQFNRDJ.js";
import {
  offsetOf,
  require_dist
} from "./chunk-D3JQWYZC.js";
import {
  MAX_FOLDER_FILES,
  displayOf,
  kindOf,
  notRegular,
  realRoot,
  resolveInside,
  resolveServiceFolder
} from "./chunk-UVEOR3I6.js";
import {
  UserError,
  __toESM
} from "./chunk-CQTZEYZ7.js";

// shared/src/render/record.ts
var RENDER_RECORD_PATH = ".idp/render.json";

// shared/src/render/read-record.ts
var import_yaml = __toESM(require_dist(), 1);
var HINT = "Render the environment again with idp render; do not edit .idp/render.json by hand.";
var MAX_POSITION = 1e7;
var MAX_LOCATED_BYTES = 1024 * 1024;
var POINTER = /^(\/([^~/]|~[01])*)*$/;
var text = (v) => typeof v === "string" ? void 0 : `must be text, not ${kindOf2(v)}`;
var name = (v) => text(v) ?? (v.length === 0 ? "must not be empty" : LINE_CONTROL.test(v) ? "must not hold control characters (such as a line break)" : void 0);
var digest = (v) => text(v) ?? (/^sha256:[0-9a-f]{64}$/.test(v) ? void 0 : "must be sha256:<64 hex digits>");
var position = (v) => Number.isSafeInteger(v) && v >= 1 && v <= MAX_POSITION ? void 0 : `must be a whole number from 1 to ${MAX_POSITION}, not ${shown(v)}`;
function parseRenderRecord(content, display, required) {
  let value;
  try {
    value = JSON.parse(content);
  } catch (error) {
    const at = /position (\d+)/.exec(error.message);
    const line = at ? content.slice(0, Number(at[1])).split("\n").length : 1;
    throw new UserError({
      message: `The render record is not valid JSON: ${error.message}.`,
      position: { file: display, line, column: 1 },
      hint: HINT
    });
  }
  const problems = [];
  const check = (path, v, rule) => {
    const wrong = rule(v);
    if (wrong) problems.push({ path, message: `\`${path.join(".")}\` ${wrong}.` });
    return wrong === void 0;
  };
  if (!isRecord(value)) {
    throw new UserError({
      message: `The render record must be a JSON object, not ${kindOf2(value)}.`,
      position: { file: display, line: 1, column: 1 },
      hint: HINT
    });
  }
  const missing = required.filter((field) => !(field in value));
  if (missing.length > 0) {
    problems.push({
      path: [],
      message: `The render record lacks ${missing.map((f) => `\`${f}\``).join(", ")}.`
    });
  }
  for (const field of ["service", "environment", "namespace", "owner"])
    if (field in value) check([field], value[field], name);
  if ("digest" in value) check(["digest"], value.digest, digest);
  if ("source" in value && check(["source"], value.source, objectOf)) {
    const source = value.source;
    for (const [key, v] of Object.entries(source)) {
      if (key === "runNumber") {
        check(
          ["source", key],
          v,
          (n) => Number.isSafeInteger(n) && n >= 0 ? void 0 : "must be a whole number"
        );
      } else if (["repository", "commit", "commitTime", "runUrl", "descriptor"].includes(key)) {
        check(["source", key], v, name);
      }
    }
  }
  if ("images" in value && check(["images"], value.images, objectOf)) {
    for (const [component, image] of Object.entries(value.images))
      check(["images", component], image, name);
  }
  if ("renderer" in value && check(["renderer"], value.renderer, objectOf)) {
    const renderer = value.renderer;
    check(["renderer", "name"], renderer.name, text);
    check(["renderer", "version"], renderer.version, text);
  }
  if ("files" in value && check(["files"], value.files, listOf)) {
    ;
    value.files.forEach((file, i) => check(["files", i], file, name));
  }
  if ("sourceMap" in value && check(["sourceMap"], value.sourceMap, listOf)) {
    const entries = value.sourceMap;
    for (let i = 0; i < entries.length && problems.length < 10; i++) {
      const entry = entries[i];
      const at = ["sourceMap", i];
      if (!check(at, entry, objectOf)) continue;
      const { file, pointer, source } = entry;
      check([...at, "file"], file, name);
      check(
        [...at, "pointer"],
        pointer,
        (v) => text(v) ?? (POINTER.test(v) ? void 0 : `must be a JSON pointer ('' or /a/b), not ${shown(v)}`)
      );
      if (check([...at, "source"], source, objectOf)) {
        const where = source;
        const descriptor = value.source?.descriptor;
        check(
          [...at, "source", "file"],
          where.file,
          (v) => name(v) ?? (typeof descriptor === "string" && v !== descriptor ? `must be the record's descriptor '${descriptor}', not ${shown(v)}` : void 0)
        );
        check([...at, "source", "line"], where.line, position);
        check([...at, "source", "column"], where.column, position);
      }
    }
  }
  if (problems.length > 0) {
    const locate = locator(content, display);
    throw new UserError(
      problems.slice(0, 10).map((p) => ({
        message: p.path.length > 0 ? `The render record's ${p.message}` : p.message,
        position: locate(p.path),
        hint: HINT
      }))
    );
  }
  return value;
}
function locator(content, file) {
  let find;
  if (content.length > MAX_LOCATED_BYTES)
    return (_path) => ({ file, line: 1, column: 1 });
  try {
    const lineCounter = new import_yaml.LineCounter();
    const doc = (0, import_yaml.parseDocument)(content, { lineCounter, uniqueKeys: false });
    if (doc.errors.length === 0) {
      find = (path) => {
        const { line, col } = lineCounter.linePos(offsetOf(doc, path));
        return { line, column: col };
      };
    }
  } catch {
    find = void 0;
  }
  return (path) => ({ file, ...find?.(path) ?? { line: 1, column: 1 } });
}
function objectOf(v) {
  return isRecord(v) ? void 0 : `must be an object, not ${kindOf2(v)}`;
}
function listOf(v) {
  return Array.isArray(v) ? void 0 : `must be a list, not ${kindOf2(v)}`;
}
function isRecord(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function kindOf2(v) {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return "text";
  return `the ${typeof v} ${String(v)}`;
}
function shown(v) {
  return typeof v === "string" ? `'${v.slice(0, 40)}'` : kindOf2(v);
}

// shared/src/boundary/folders.ts
import { lstatSync, mkdirSync, readdirSync, realpathSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
function listServiceFolder(root, folder, options) {
  const rootReal = realRoot(root);
  resolveServiceFolder(root, folder, options);
  const start = resolve(root, folder);
  const shownRoot = options.display ?? displayOf(resolve(root), start, folder);
  const maxFiles = options.maxFiles ?? MAX_FOLDER_FILES;
  const files = [];
  const seen = /* @__PURE__ */ new Set();
  const walk = (dir, shown2) => {
    const real = realpathSync(dir);
    if (seen.has(real)) return;
    seen.add(real);
    const entries = readdirSync(dir, { withFileTypes: true }).sort(
      (a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0
    );
    for (const entry of entries) {
      const path = join(dir, entry.name);
      const entryShown = `${shown2}/${entry.name}`;
      if (options.symlinks === "refuse" && entry.name === ".git")
        throw new UserError({
          message: `${options.what} '${shownRoot}' holds a nested '.git' (${entryShown}).`,
          hint: "Remove it: a published folder holds only the rendered files, never a repository of its own."
        });
      if (options.skip?.(entry.name)) continue;
      let stat = lstatSync(path);
      if (stat.isSymbolicLink()) {
        if (options.symlinks === "refuse")
          throw new UserError({
            message: `${options.what} '${shownRoot}' holds a symbolic link (${entryShown}).`,
            hint: "idp publishes regular files only; replace the link with the file itself."
          });
        const target = resolveInside(rootReal, path, { what: options.what, display: entryShown });
        if (target.real === void 0) continue;
        stat = lstatSync(target.real);
      }
      if (stat.isDirectory()) walk(path, entryShown);
      else if (stat.isFile()) {
        if (options.include && !options.include(path)) continue;
        files.push(path);
        if (files.length > maxFiles)
          throw new UserError({
            message: `${options.what} '${shownRoot}' holds more than ${maxFiles} files.`,
            hint: "Name a smaller folder; a rendered environment holds tens of files."
          });
      } else throw notRegular(options.what, entryShown, kindOf(stat));
    }
  };
  walk(start, shownRoot.replace(/\/+$/, ""));
  return files.sort();
}

export {
  RENDER_RECORD_PATH,
  parseRenderRecord,
  listServiceFolder
};
