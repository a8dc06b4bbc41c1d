import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  FAIL_ON_CHOICES
} from "./chunk-M3TNKL35.js";
import {
  TEXT_CONTROL,
  UserError,
  currentSurface,
  describeFailure,
  formatProblem,
  gitToplevel,
  inputRefStart,
  isInside,
  isUserError,
  realRoot,
  resolveInside,
  withSurface
} from "./chunk-OZORUMC5.js";

// shared/src/boundary/inputs.ts
import { lstatSync, realpathSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
function repositoryRoot(context) {
  const workspace = resolve(context.workspace);
  if (currentSurface() !== "cli") return workspace;
  return gitToplevel(workspace) ?? workspace;
}
function serviceInputPath(context, input, what) {
  const root = repositoryRoot(context);
  const options = { what, display: input, base: resolve(context.workspace) };
  resolveInside(root, input, options);
  return resolve(options.base, input);
}
function platformInputPath(context, input, what) {
  if (currentSurface() !== "cli") return serviceInputPath(context, input, what);
  return resolve(context.workspace, input);
}
function serviceOutputPath(context, input, what) {
  const root = repositoryRoot(context);
  const absolute = resolve(context.workspace, input);
  if (!isInside(resolve(root), absolute)) return absolute;
  const rootReal = realRoot(root);
  for (let probe = absolute; ; probe = dirname(probe)) {
    let exists2 = true;
    try {
      lstatSync(probe);
    } catch {
      exists2 = false;
    }
    if (exists2) {
      let real;
      try {
        real = realpathSync(probe);
      } catch {
        real = void 0;
      }
      if (real === void 0 || !isInside(rootReal, real))
        throw new UserError({
          message: `${what} '${input}' is or passes through a symbolic link that leads outside the repository; idp writes only inside it.`,
          hint: "Remove the link (or name another path); idp never writes through a link out of the repository."
        });
      return absolute;
    }
    if (dirname(probe) === probe) return absolute;
  }
}
function serviceOutputFile(context, input, what) {
  const absolute = serviceOutputPath(context, input, what);
  let folder = input === "" || /[/\\]$/.test(input);
  try {
    folder ||= statSync(absolute).isDirectory();
  } catch {
  }
  if (folder)
    throw new UserError({
      message: `${what} '${input}' is a folder, not a file.`,
      hint: "Give the path of the file to write (inside the folder, if you like)."
    });
  return absolute;
}

// shared/src/runtime/command.ts
function booleanInput(read, name, fallback) {
  const value = read(name);
  if (value === void 0 || value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UserError({
    message: `${inputRefStart(name)} must be true or false, got '${value}'.`
  });
}
function choiceInput(read, name, choices, fallback) {
  const value = read(name);
  if (value === void 0 || value === "") return fallback;
  if (!choices.includes(value)) {
    throw new UserError({
      message: `${inputRefStart(name)} must be one of ${choices.join(", ")}; got '${value}'.`
    });
  }
  return value;
}
function listInput(read, name, separators = /[\n,]/) {
  const value = read(name);
  if (!value) return [];
  return value.split(separators).map((v) => v.trim()).filter((v) => v.length > 0);
}
function withDefaults(command, raw) {
  const specs = new Map(command.inputs.map((i) => [i.name, i]));
  return (name) => {
    const spec = specs.get(name);
    if (!spec) throw new Error(`command ${command.cli} reads undeclared input '${name}'`);
    const value = raw(name);
    if (value !== void 0 && value !== "") return value;
    return spec.default === void 0 || spec.default === "" ? void 0 : spec.default;
  };
}

// shared/src/commands/validate.ts
function checkedOutput(input, context, what) {
  if (input !== void 0) serviceOutputFile(context, input, what);
  return input;
}
function checkedPlatformConfig(input, context) {
  if (input !== void 0) platformInputPath(context, input, "The platform config");
  return input;
}
var validateCommand = {
  cli: "validate",
  action: "validate-policy",
  description: "Validate rendered manifests against CRD schemas (Crossplane XRDs included), the External Secrets webhook rules, the platform's built-in guardrails and policy files; report findings as annotations on the idp.yaml line that produced them, a job summary, SARIF and a PolicyReport.",
  inputs: [
    {
      name: "manifests",
      description: "Folders, files or globs of manifests (multi-document YAML or JSON), one per line. A folder with `.idp/render.json` maps findings to idp.yaml.",
      default: "rendered"
    },
    {
      name: "platform-config",
      description: "The platform config (platform.yaml): environments, namespaces, secret stores, registries, quotas, guardrail settings and policy files."
    },
    {
      name: "environment",
      description: "The environment the manifests are for; default: each folder's `.idp/render.json`."
    },
    {
      name: "policies",
      description: "Kyverno policy files, folders or globs, one per line, applied besides the platform config's `spec.policies`."
    },
    {
      name: "crds",
      description: "CRD and Crossplane XRD files, folders or globs, one per line, besides the platform config's spec.crds; their served versions give the schemas of custom kinds."
    },
    {
      name: "builtin-policies",
      description: "Apply the built-in platform guardrails (`true` or `false`). With a platform config they always apply; its `spec.guardrails` switches rules off.",
      default: "true"
    },
    {
      name: "fail-on",
      description: "Fail the step on findings of this level or above: `error`, `warning` or `never`.",
      default: "error"
    },
    {
      name: "report-file",
      description: "Write a PolicyReport (wgpolicyk8s.io/v1alpha2) with every result here (YAML; JSON when the name ends in .json)."
    },
    { name: "sarif-file", description: "Write a SARIF 2.1.0 log for code scanning here." },
    {
      name: "annotate",
      description: "Annotate findings on the lines they concern (`true` or `false`).",
      default: "true"
    }
  ],
  outputs: [
    { name: "errors", description: "Number of error-level findings." },
    { name: "warnings", description: "Number of warning-level findings." },
    {
      name: "passed",
      description: "`true` when no finding reaches the `fail-on` level, else `false`."
    },
    { name: "report-file", description: "Path of the PolicyReport written (empty when none)." },
    { name: "sarif-file", description: "Path of the SARIF log written (empty when none)." }
  ],
  settings: (read, context) => ({
    workspace: context.workspace,
    manifests: listInput(read, "manifests", /\n/),
    platformConfig: checkedPlatformConfig(read("platform-config"), context),
    environment: read("environment"),
    policies: listInput(read, "policies", /\n/),
    crds: listInput(read, "crds", /\n/),
    builtinPolicies: booleanInput(read, "builtin-policies", true),
    failOn: choiceInput(read, "fail-on", FAIL_ON_CHOICES, "error"),
    reportFile: checkedOutput(read("report-file"), context, "The report file"),
    sarifFile: checkedOutput(read("sarif-file"), context, "The SARIF file"),
    annotate: booleanInput(read, "annotate", true)
  }),
  async run(settings, context) {
    const { expandEntries } = await import("./manifests-E2SXZMBO.js");
    expandEntries(settings.manifests, settings.workspace);
    const { validateManifests } = await import("./validate-P7ZMROZ7.js");
    const outcome = await validateManifests(settings, context.logger);
    context.summary.append(outcome.summary);
    const { results } = outcome;
    const passed = results.passes(settings.failOn);
    return {
      outputs: {
        errors: String(results.errors),
        warnings: String(results.warnings),
        passed: String(passed),
        "report-file": outcome.reportFile ?? "",
        "sarif-file": outcome.sarifFile ?? ""
      },
      exitCode: results.exitCode(settings.failOn),
      ...passed ? {} : { failure: results.describe(settings.failOn) }
    };
  }
};

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
function issue(name, message = "") {
  issueCommand(name, {}, message);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve2) {
      resolve2(value);
    });
  }
  return new (P || (P = Promise))(function(resolve2, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve2(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setSecret(secret) {
  issueCommand("add-mask", {}, secret);
}
function getInput(name, options) {
  const val = process.env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] || "";
  if (options && options.required && !val) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  if (options && options.trimWhitespace === false) {
    return val;
  }
  return val.trim();
}
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}
function startGroup(name) {
  issue("group", name);
}
function endGroup() {
  issue("endgroup");
}
function group(name, fn) {
  return __awaiter2(this, void 0, void 0, function* () {
    startGroup(name);
    let result;
    try {
      result = yield fn();
    } finally {
      endGroup();
    }
    return result;
  });
}

// shared/src/runtime/logger.ts
var UNPRINTABLE = new RegExp(TEXT_CONTROL.source, "g");
function printable(message) {
  return message.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

// shared/src/runtime/action.ts
function inert(message) {
  return printable(message).replace(/(^|\n)([^\S\n]*):(?=:)/g, "$1$2:​");
}
var actionsLogger = {
  debug: (message) => debug(printable(message)),
  info: (message) => info(inert(message)),
  warning: (message) => warning(printable(message)),
  error: (message) => error(printable(message)),
  annotate: (annotation) => {
    const properties = {
      title: annotation.title,
      file: annotation.position?.file,
      startLine: annotation.position?.line,
      startColumn: annotation.position?.column,
      endLine: annotation.endLine,
      endColumn: annotation.endColumn
    };
    const message = printable(annotation.message);
    if (annotation.level === "error") error(message, properties);
    else if (annotation.level === "warning") warning(message, properties);
    else notice(message, properties);
  },
  setSecret: (value) => {
    if (value) setSecret(value);
  },
  group: (name, run) => group(printable(name), run)
};
async function runAction(command) {
  return withSurface("action", () => runActionCommand(command));
}
async function runActionCommand(command) {
  const secretInputs = new Set(command.inputs.filter((i) => i.secret).map((i) => i.name));
  const read = withDefaults(command, (name) => {
    const value = getInput(name);
    if (value && secretInputs.has(name)) setSecret(value);
    return value === "" ? void 0 : value;
  });
  const parts = [];
  const context = {
    logger: actionsLogger,
    summary: { append: (markdown) => void parts.push(markdown) },
    env: process.env,
    workspace: process.env.GITHUB_WORKSPACE || process.cwd()
  };
  try {
    const settings = command.settings(read, context);
    const result = await command.run(settings, context);
    for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
    if (result.exitCode)
      setFailed(printable(result.failure ?? `${command.action ?? command.cli} failed.`));
  } catch (error2) {
    if (isUserError(error2)) {
      for (const problem of error2.problems) {
        if (problem.position)
          actionsLogger.annotate({
            level: "error",
            message: formatProblem(problem),
            position: problem.position
          });
      }
    }
    setFailed(printable(describeFailure(error2)));
  } finally {
    if (parts.length > 0 && process.env.GITHUB_STEP_SUMMARY) {
      await summary.addRaw(parts.join("\n\n"), true).write().catch(
        (error2) => warning(`Could not write the job summary: ${error2.message}`)
      );
    }
  }
}

// actions/validate-policy/src/main.ts
await runAction(validateCommand);
