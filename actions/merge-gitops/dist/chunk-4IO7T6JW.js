import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  parseTrailers
} from "./chunk-EGCHN24X.js";
import {
  checkRecordTarget,
  plainFinding,
  platformKindDeclarations,
  resolveScope
} from "./chunk-FDW5P4LG.js";
import {
  assertMayReplace,
  assertServiceBinding,
  environmentConfig,
  repositoryId,
  resolveGitopsTarget
} from "./chunk-7WVWSNUV.js";
import {
  DEFAULT_PATH_PATTERN,
  confineGitopsPath,
  isDnsLabel
} from "./chunk-WE2MQHPX.js";
import {
  RENDER_RECORD_PATH,
  parseRenderRecord
} from "./chunk-NQ3IYQDS.js";
import {
  listServiceFolder
} from "./chunk-HJEVRIG3.js";
import {
  require_dist
} from "./chunk-XDKCD5HH.js";
import {
  readServiceFile
} from "./chunk-IZQMWWCK.js";
import {
  UserError,
  __toESM,
  isUserError
} from "./chunk-FUXD4CWG.js";

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
  const { loadManifests, isBuildFile } = await import("./manifests-CU4MADA2.js");
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
  const { validateManifests } = await import("./validate-HB2D7Y52.js");
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
import { existsSync } from "node:fs";
import { join, relative } from "node:path";

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

// shared/src/gitops/promote-message.ts
var TRAILER_KEYS = {
  repository: "Idp-Source-Repository",
  commit: "Idp-Source-Commit",
  runUrl: "Idp-Run-Url",
  environment: "Idp-Environment",
  service: "Idp-Service",
  digest: "Idp-Content-Digest"
};

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
    const deleted = !existsSync(join(request.worktree, path));
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
    const files = listServiceFolder(request.worktree, join(request.worktree, path), {
      what: "The service folder",
      display: path,
      symlinks: "refuse"
    });
    const content = /* @__PURE__ */ new Map();
    for (const file of files) {
      const name = relative(join(request.worktree, path), file).split("\\").join("/");
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

export {
  parseRenderRecord2 as parseRenderRecord,
  checkRequiredEnvironments,
  folderPatternOf,
  gateFinding,
  verifyChange
};
