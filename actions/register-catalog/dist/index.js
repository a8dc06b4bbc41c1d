import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  DEFAULT_ALLOWED_KINDS
} from "./chunk-3CUUU6PA.js";
import {
  TEXT_CONTROL,
  UserError,
  checkBranchName,
  currentSurface,
  describeFailure,
  formatProblem,
  gitToplevel,
  inputRefStart,
  isInside,
  isUserError,
  readOptionalServiceFile,
  realRoot,
  resolveInside,
  runIdentity,
  withSurface
} from "./chunk-CSL3HK72.js";

// shared/src/commands/catalog.ts
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname as dirname2, relative } from "node:path";

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

// shared/src/commands/catalog.ts
var MODES = ["file", "repository", "backstage"];
function defaultSourceUrl(repository, serverUrl, descriptorFile, workspace) {
  if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository)) return void 0;
  const folder = relative(workspace, dirname2(descriptorFile)).split("\\").join("/");
  const inRepo = folder && !folder.startsWith("..") ? `${folder}/` : "";
  return `${serverUrl.replace(/\/+$/, "")}/${repository}/tree/HEAD/${inRepo}`;
}
function branchInput(value) {
  return value === void 0 ? void 0 : checkBranchName(value, inputRefStart("branch"));
}
var catalogCommand = {
  cli: "catalog",
  action: "register-catalog",
  description: "Derive Backstage entities (Component, Resources, APIs, optional System) from idp.yaml, validate them as the catalog would, and register them: as a file, as a commit to a central catalog repository, or through a Backstage catalog API.",
  inputs: [
    { name: "descriptor", description: "The service descriptor.", default: "idp.yaml" },
    {
      name: "platform-config",
      description: "The platform config (resource types' catalog types, Argo CD app pattern, catalog repository).",
      required: true
    },
    {
      name: "mode",
      description: "`file` (write catalog-info.yaml), `repository` (commit it to a central catalog repository) or `backstage` (register it through the catalog API).",
      default: "file"
    },
    {
      name: "output",
      description: "Where catalog-info.yaml is written (`file` and `backstage` modes).",
      default: "catalog-info.yaml"
    },
    {
      name: "repository",
      description: "`repository` mode: the central catalog repository (`owner/name`, an https:// or file:// URL, or a path); default: the platform config's `catalog.repository`."
    },
    {
      name: "token",
      description: "`repository` mode: a token that may push to the catalog repository (given to git without URLs or argv).",
      secret: true
    },
    {
      name: "branch",
      description: "`repository` mode: the branch to commit to (default: the repository's default branch)."
    },
    {
      name: "backstage-url",
      description: "`backstage` mode: the Backstage backend base URL, e.g. https://backstage.acme.io."
    },
    {
      name: "backstage-token",
      description: "`backstage` mode: a bearer token the backend accepts (e.g. a static external-access token). The CLI also reads BACKSTAGE_TOKEN.",
      secret: true
    },
    {
      name: "location",
      description: "`backstage` mode: the URL the catalog reads the generated catalog-info.yaml from (a `url` location); publish `output` there first."
    },
    {
      name: "check-owner",
      boolean: true,
      description: "`backstage` mode: require the owner to exist as a Group in the catalog.",
      default: "true"
    },
    {
      name: "timeout",
      description: "`backstage` mode: seconds the registration may take in all (every catalog request, retries, and the wait for the new content).",
      default: "120"
    },
    {
      name: "environment",
      description: "The environment just deployed; with `version`, recorded on the Component."
    },
    { name: "version", description: "The version deployed to `environment`." },
    {
      name: "manifests",
      description: "The rendered folder of `environment` (its .idp/render.json gives the content digest)."
    },
    {
      name: "gitops-commit",
      description: "The GitOps commit that deployed `version` (promote's `commit-sha`)."
    },
    {
      name: "deployed-at",
      description: "ISO 8601 time of the deployment (default: the source commit time in `manifests`' render record; never the clock)."
    },
    {
      name: "source-url",
      description: "Where the descriptor's folder can be browsed (source-location, TechDocs, `$text` API references); default: https://github.com/<GITHUB_REPOSITORY>/tree/HEAD/<folder>/."
    },
    {
      name: "source-repository",
      description: "`owner/name` of the service repository (default: GITHUB_REPOSITORY); must be the repository this run comes from."
    },
    {
      name: "api-definitions",
      description: "`inline` (the definition text in the API entity) or `reference` (a `$text` placeholder the catalog resolves against `source-url`).",
      default: "inline"
    },
    {
      name: "system-entity",
      boolean: true,
      description: "Also emit the System entity named by metadata.system.",
      default: "false"
    },
    {
      name: "status",
      description: "Add the service's status table to the summary (what runs in each environment, how far later environments are behind the first, stale), read from the GitOps repository's render records as `idp status` reads them: `true`, `false`, or `auto` (in GitHub Actions, when `gitops-token` or `gitops-repository` is given, so a step that was given neither never reaches out to a repository nobody named). A repository that cannot be read never fails the step; the summary says why the table is absent.",
      default: "auto"
    },
    {
      name: "gitops-repository",
      description: "The GitOps repository the status table is read from (owner/name, a git URL or a path). Default: the platform config's GitOps repository."
    },
    {
      name: "gitops-token",
      description: "A token that may read the GitOps repository, for the status table (private repositories). The CLI also reads GITOPS_TOKEN.",
      secret: true
    },
    {
      name: "status-timeout",
      description: "Seconds the status table may take to read (1–300); past it the table is left out.",
      default: "20"
    },
    {
      name: "stale-days",
      description: "Days without promotion that mark the service stale in the status table.",
      default: "30"
    },
    {
      name: "allowed-kinds",
      description: "Kinds the target catalog's rules allow for this location (comma or newline list).",
      default: DEFAULT_ALLOWED_KINDS.join(",")
    }
  ],
  outputs: [
    {
      name: "entities",
      description: 'JSON list of the registered entity refs, e.g. ["component:default/checkout", …].'
    },
    { name: "changed", description: "`true` when the file, repository or catalog content changed." }
  ],
  settings(read, context) {
    const mode = choiceInput(read, "mode", MODES, "file");
    const descriptor = serviceInputPath(
      context,
      requiredInput(read, "descriptor"),
      "The service descriptor"
    );
    const env = context.env;
    const backstageToken = read("backstage-token") ?? env.BACKSTAGE_TOKEN;
    if (backstageToken) context.logger.setSecret(backstageToken);
    const token = read("token");
    if (mode === "backstage") {
      for (const name of ["backstage-url", "location"]) requiredInput(read, name);
      if (!backstageToken)
        throw new UserError({
          message: `${inputRefStart("backstage-token")} is required in backstage mode but was not given.`,
          hint: "Pass a token the Backstage backend accepts (a secret), or set BACKSTAGE_TOKEN for the CLI."
        });
    }
    const environment = read("environment");
    const version = read("version");
    if (environment === void 0 !== (version === void 0))
      throw new UserError({
        message: "Inputs 'environment' and 'version' go together: give both or neither."
      });
    const sourceRepository = read("source-repository") ?? env.GITHUB_REPOSITORY;
    const serverUrl = env.GITHUB_SERVER_URL ?? "https://github.com";
    const manifests = read("manifests");
    const status = choiceInput(read, "status", ["auto", "true", "false"], "auto");
    const gitopsToken = read("gitops-token") ?? (env.GITOPS_TOKEN || void 0);
    const gitopsRepository = read("gitops-repository");
    if (gitopsToken) context.logger.setSecret(gitopsToken);
    return {
      descriptor,
      platformConfig: platformInputPath(
        context,
        requiredInput(read, "platform-config"),
        "The platform config"
      ),
      mode,
      output: serviceOutputFile(context, read("output") ?? "catalog-info.yaml", "The catalog file"),
      repository: read("repository"),
      token,
      branch: branchInput(read("branch")),
      backstageUrl: read("backstage-url"),
      backstageToken,
      location: read("location"),
      checkOwner: booleanInput(read, "check-owner", true),
      timeoutSeconds: integerInput(read, "timeout", 120, 1, 3600),
      environment,
      version,
      manifests: manifests ? serviceInputPath(context, manifests, "Input 'manifests'") : void 0,
      gitopsCommit: read("gitops-commit"),
      deployedAt: read("deployed-at"),
      sourceUrl: read("source-url") ?? defaultSourceUrl(sourceRepository, serverUrl, descriptor, context.workspace),
      sourceRepository,
      apiDefinitions: choiceInput(read, "api-definitions", ["inline", "reference"], "inline"),
      systemEntity: booleanInput(read, "system-entity", false),
      allowedKinds: listInput(read, "allowed-kinds"),
      serverUrl,
      identity: runIdentity(env, dirname2(descriptor)),
      status: {
        enabled: status === "auto" ? env.GITHUB_ACTIONS === "true" && (gitopsToken !== void 0 || gitopsRepository !== void 0) : status === "true",
        repository: gitopsRepository,
        token: gitopsToken,
        timeoutSeconds: integerInput(read, "status-timeout", 20, 1, 300),
        staleDays: integerInput(read, "stale-days", 30, 1, 3650)
      }
    };
  },
  async run(settings, context) {
    const { registerCatalog } = await import("./register-Z2HTEJEI.js");
    const result = await registerCatalog(settings, {
      logger: context.logger,
      workspace: context.workspace,
      // Its own output and the render record: regular files that do not link out of their folder.
      readText: (file) => readOptionalServiceFile(dirname2(file), file, { what: "The file" }),
      writeText: (file, text) => {
        mkdirSync(dirname2(file), { recursive: true });
        writeFileSync(file, text);
      },
      now: () => /* @__PURE__ */ new Date()
    });
    context.summary.append(result.summary);
    if (settings.status.enabled) {
      const { serviceStatusSection } = await import("./catalog-status-4LLLGGY6.js");
      context.summary.append(
        await serviceStatusSection({
          platform: result.platform,
          service: result.service,
          repository: settings.status.repository,
          token: settings.status.token,
          serverUrl: settings.serverUrl,
          workspace: context.workspace,
          timeoutMs: settings.status.timeoutSeconds * 1e3,
          staleDays: settings.status.staleDays,
          now: /* @__PURE__ */ new Date(),
          logger: context.logger
        })
      );
    }
    return {
      outputs: { entities: JSON.stringify(result.refs), changed: String(result.changed) }
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

// actions/register-catalog/src/main.ts
await runAction(catalogCommand);
