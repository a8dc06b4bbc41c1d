import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  gitEnvironment
} from "./chunk-BEPZNKYW.js";
import {
  UserError
} from "./chunk-763CVXX6.js";

// shared/src/gitops/source-info.ts
import { spawnSync } from "node:child_process";
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
function withRecordFallback(identity, record) {
  if (identity.repository) return identity;
  const fromRecord = repositoryId(record.source?.repository);
  return fromRecord ? { repository: fromRecord, source: "the render record", fromRecord: true } : identity;
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
function assertMayReplace(platform, held, identity, where) {
  if (platform?.spec.services) return;
  const owner = repositoryId(held?.source?.repository);
  if (!held || !owner || owner === repositoryId(identity.repository)) return;
  throw new UserError({
    message: `Refused: ${where} belongs to ${owner} (its render record names that source repository), but this run comes from ${identity.repository ?? "an unknown repository"} (${identity.source}).`,
    hint: `The first repository to promote a service owns its folder. To move ${held.service} to another repository, the platform team registers it in the platform config: spec.services: [{ name: ${held.service}, repository: <owner>/<name> }].`
  });
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

export {
  runIdentity,
  withRecordFallback,
  assertServiceBinding,
  assertMayReplace,
  registryProblems
};
