import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  checkBranchName
} from "./chunk-VN52I4I3.js";
import {
  TEXT_CONTROL
} from "./chunk-MOQFNRDJ.js";
import {
  gitToplevel,
  isInside,
  realRoot,
  resolveInside
} from "./chunk-RBHNWEPJ.js";
import {
  UserError,
  currentSurface,
  describeFailure,
  formatProblem,
  inputRef,
  inputRefStart,
  isUserError,
  withSurface
} from "./chunk-CQTZEYZ7.js";

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

// shared/src/runtime/command.ts
function requiredInput(read, name) {
  const value = read(name);
  if (value === void 0 || value === "") {
    throw new UserError({ message: `${inputRefStart(name)} is required but was not given.` });
  }
  return value;
}
function booleanInput(read, name, fallback) {
  const value = read(name);
  if (value === void 0 || value === "") return fallback;
  if (["true", "True", "TRUE"].includes(value)) return true;
  if (["false", "False", "FALSE"].includes(value)) return false;
  throw new UserError({
    message: `${inputRefStart(name)} must be true or false, got '${value}'.`
  });
}
function integerInput(read, name, fallback, min, max) {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min > max)
    throw new Error(`integerInput '${name}': bounds ${min}..${max} are not safe integers in order`);
  const value = read(name);
  if (value === void 0 || value === "") return fallback;
  const digits = /^\d+$/.test(value) ? value.replace(/^0+(?=\d)/, "") : void 0;
  const number = digits !== void 0 && digits.length <= 16 ? Number(digits) : Number.NaN;
  if (!Number.isSafeInteger(number) || number < min || number > max) {
    const shown = value.length > 20 ? `${value.slice(0, 20)}…` : value;
    throw new UserError({
      message: `${inputRefStart(name)} must be a whole number from ${min} to ${max}, got '${shown}'.`
    });
  }
  return number;
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

// shared/src/commands/gitops-merge.ts
function catalogSettings(read, context) {
  const token = read("catalog-token");
  const backstageToken = read("backstage-token") ?? context.env.BACKSTAGE_TOKEN;
  for (const secret of [token, backstageToken]) if (secret) context.logger.setSecret(secret);
  const branch = read("catalog-branch");
  const backstageUrl = read("backstage-url");
  if (backstageUrl && !backstageToken)
    throw new UserError({
      message: `${inputRefStart("backstage-token")} is required with ${inputRef("backstage-url")}.`,
      hint: "Pass the token of a Backstage service that may refresh entities (or BACKSTAGE_TOKEN), or leave backstage-url out."
    });
  return {
    repository: read("catalog-repository"),
    token,
    branch: branch === void 0 ? void 0 : checkBranchName(branch, inputRefStart("catalog-branch")),
    backstageUrl,
    backstageToken,
    timeoutSeconds: integerInput(read, "catalog-timeout", 60, 1, 600)
  };
}
async function recordInCatalog(settings, platform2, record, mergeCommit, context) {
  const { catalog } = settings;
  const repository = catalog.repository ?? platform2.spec.catalog?.repository;
  const what = `${record.service} in ${record.environment}`;
  if (!repository || repository === "none")
    return {
      recorded: false,
      line: `
No catalog repository (catalog-repository, or the platform config's catalog.repository): ${what} is not recorded in the catalog.
`
    };
  const { resolveRemote } = await import("./remote-5IOFAXWE.js");
  const { recordMergedDeployment } = await import("./record-merge-7567HZGL.js");
  try {
    const outcome = await recordMergedDeployment(
      {
        remote: resolveRemote(repository, settings.serverUrl, settings.workspace),
        token: catalog.token,
        branch: catalog.branch,
        pathPattern: platform2.spec.catalog?.path,
        backstage: catalog.backstageUrl && catalog.backstageToken ? {
          url: catalog.backstageUrl,
          token: catalog.backstageToken,
          timeoutMs: catalog.timeoutSeconds * 1e3
        } : void 0,
        logger: context.logger
      },
      { record, mergeCommit }
    );
    if (!outcome.recorded) {
      context.logger.warning(`${what} is not recorded in the catalog: ${outcome.reason}`);
      return {
        recorded: false,
        line: `
${what} is not recorded in the catalog: ${outcome.reason}
`
      };
    }
    if (outcome.shown === false) context.logger.warning(outcome.reason ?? "");
    const shown = outcome.shown === void 0 ? "" : outcome.shown ? " Backstage shows it." : ` ${outcome.reason}`;
    return {
      recorded: true,
      line: `
Recorded ${what} (${mergeCommit.slice(0, 12)}) in the catalog${outcome.changed && outcome.commitSha ? ` (${outcome.commitSha.slice(0, 12)})` : " (already recorded)"}.${shown}
`
    };
  } catch (error2) {
    const reason = error2 instanceof Error ? error2.message : String(error2);
    context.logger.warning(
      `Merged, but ${what} is not recorded in the catalog: ${reason} The deployment stands; the catalog shows the previous record of ${record.environment} until the next merge.`
    );
    return { recorded: false, line: `
${what} is not recorded in the catalog: ${reason}
` };
  }
}
var gitopsMergeCommand = {
  cli: "gitops merge",
  action: "merge-gitops",
  description: "Broker mode: verify a promotion branch idp/<environment>/<service> with the GitOps gate (as gitops verify, and it may change only its service's folder), then apply that folder onto the current tip of the deployed branch as one commit with the platform's token — re-applied on a lost race, so concurrent merges of other services are never lost — and delete the branch. A refused branch is left as it is, with its findings as annotations, a job summary and SARIF, and a non-zero exit.",
  inputs: [
    {
      name: "branch",
      description: "The promotion branch to merge: idp/<environment>/<service>.",
      required: true
    },
    {
      name: "into",
      description: "The deployed branch. Default: the platform config's branch for the environment, else the repository's default branch."
    },
    {
      name: "repository",
      description: "The GitOps repository: owner/name on GITHUB_SERVER_URL, or a git URL or path. Default: GITHUB_REPOSITORY (the workflow runs in the GitOps repository)."
    },
    {
      name: "token",
      description: "The platform's token (its App's installation token): the one credential that may write the deployed branch, and delete promotion branches.",
      secret: true
    },
    {
      name: "platform-config",
      description: "The platform config (platform.yaml), checked out from the platform repository at a ref the GitOps workflow pins, never from the branch being merged.",
      required: true
    },
    {
      name: "platform-authors",
      description: "Commit author names or e-mails of the platform's own identity, comma or newline separated; only they may delete a service folder (not spec.gitops.author, which promote also writes service commits as)."
    },
    {
      name: "max-attempts",
      description: "Attempts when other merges win the race to the deployed branch.",
      default: "10"
    },
    { name: "sarif-file", description: "Write a SARIF 2.1.0 log of the findings here." },
    {
      name: "annotate",
      boolean: true,
      description: "Annotate findings on the files of the branch (`true` or `false`).",
      default: "true"
    },
    {
      name: "catalog-repository",
      description: "After a merge, record the deployment (environment, images, source commit, render digest and run, merge commit) on the service's Component in this central catalog repository (owner/name, a git URL or a path), as register-catalog records deployments. Default: the platform config's `catalog.repository`; `none` records nothing. A refused branch records nothing; a record that fails is a warning, never a failed merge."
    },
    {
      name: "catalog-token",
      description: "The platform's token that may push to the catalog repository.",
      secret: true
    },
    {
      name: "catalog-branch",
      description: "The catalog repository's branch (default: its default branch)."
    },
    {
      name: "backstage-url",
      description: "After recording, ask this Backstage backend to re-read the Component (it must read the catalog repository as a location) and wait until it shows the merge."
    },
    {
      name: "backstage-token",
      description: "A bearer token the Backstage backend accepts. The CLI also reads BACKSTAGE_TOKEN.",
      secret: true
    },
    {
      name: "catalog-timeout",
      description: "Seconds the Backstage refresh and wait may take (1–600).",
      default: "60"
    }
  ],
  outputs: [
    {
      name: "merged",
      description: "`true` when the branch's folder is now on the deployed branch."
    },
    {
      name: "commit-sha",
      description: "The commit on the deployed branch (empty when not merged)."
    },
    { name: "verified-sha", description: "The promotion branch tip that was verified." },
    { name: "errors", description: "Number of error-level findings." },
    {
      name: "catalog-recorded",
      description: "`true` when the catalog repository holds the merged deployment on the service's Component."
    },
    {
      name: "branch-deleted",
      description: "`true` when the promotion branch was deleted (it is kept when it moved after verification)."
    }
  ],
  settings(read, context) {
    const sarifFile = read("sarif-file");
    if (sarifFile !== void 0) serviceOutputPath(context, sarifFile, "The SARIF file");
    const repository = read("repository") ?? context.env.GITHUB_REPOSITORY ?? repositoryRoot(context);
    return {
      workspace: context.workspace,
      branch: requiredInput(read, "branch"),
      into: read("into"),
      repository,
      token: read("token"),
      platformConfig: platformInputPath(
        context,
        requiredInput(read, "platform-config"),
        "The platform config"
      ),
      platformAuthors: listInput(read, "platform-authors"),
      maxAttempts: integerInput(read, "max-attempts", 10, 1, 100),
      serverUrl: context.env.GITHUB_SERVER_URL || "https://github.com",
      sarifFile,
      annotate: booleanInput(read, "annotate", true),
      catalog: catalogSettings(read, context)
    };
  },
  async run(settings, context) {
    const { loadPlatformConfig } = await import("./platform-AM2KD7A6.js");
    const { resolveRemote } = await import("./remote-5IOFAXWE.js");
    const { brokerMerge } = await import("./broker-merge-VPLOORX7.js");
    const { remoteRecordReader } = await import("./verify-checkout-GTRU456D.js");
    const { reportGate } = await import("./verify-report-CUOQJYRE.js");
    const platform2 = loadPlatformConfig(settings.platformConfig);
    const result = await brokerMerge({
      remote: resolveRemote(settings.repository, settings.serverUrl, settings.workspace),
      token: settings.token,
      branch: settings.branch,
      into: settings.into,
      platform: platform2,
      platformFile: settings.platformConfig,
      platformAuthors: settings.platformAuthors,
      author: platform2.spec.gitops?.author,
      maxAttempts: settings.maxAttempts,
      logger: context.logger,
      readElsewhere: remoteRecordReader(
        settings.token,
        settings.serverUrl,
        settings.workspace,
        context.logger
      )
    });
    const report = reportGate(result.findings, {
      title: `idp GitOps gate: ${settings.branch} → ${result.into}`,
      folders: result.folders,
      sarifFile: settings.sarifFile,
      annotate: settings.annotate,
      workspace: settings.workspace,
      logger: context.logger
    });
    const cataloged = result.merged && result.record ? await recordInCatalog(settings, platform2, result.record, result.commitSha, context) : { recorded: false, line: "" };
    context.summary.append(
      report.summary + (result.merged ? `

Merged ${settings.branch} (${result.verifiedSha.slice(0, 12)}) into ${result.into}${result.commitSha ? ` as ${result.commitSha.slice(0, 12)}` : ""}.
${cataloged.line}` : "")
    );
    return {
      outputs: {
        merged: String(result.merged),
        "commit-sha": result.commitSha,
        "verified-sha": result.verifiedSha,
        errors: String(report.results.errors),
        "catalog-recorded": String(cataloged.recorded),
        "branch-deleted": String(result.branchDeleted)
      },
      exitCode: report.passed ? 0 : 1,
      ...report.passed ? {} : {
        failure: `The GitOps gate refused ${settings.branch}: ${report.results.errors} error${report.results.errors === 1 ? "" : "s"} (see the annotations and the job summary); nothing was merged.`
      }
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

// actions/merge-gitops/src/main.ts
await runAction(gitopsMergeCommand);
