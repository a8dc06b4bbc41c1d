import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  UserError
} from "./chunk-CQTZEYZ7.js";

// shared/src/descriptor/own.ts
function ownValue(map, key) {
  return map !== void 0 && map !== null && Object.hasOwn(map, key) ? map[key] : void 0;
}
function hasOwnKey(map, key) {
  return map !== void 0 && map !== null && Object.hasOwn(map, key);
}
function setOwn(map, key, value) {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

// shared/src/descriptor/patterns.ts
function fillPattern(pattern, values) {
  return pattern.replace(/\{([a-z]+)\}/g, (whole, name) => {
    const value = ownValue(values, name);
    if (value === void 0) {
      throw new UserError({
        message: `The pattern '${pattern}' uses {${name}}, which is not one of ${Object.keys(values).map((k) => `{${k}}`).join(", ")}.`,
        hint: `Use ${Object.keys(values).map((k) => `{${k}}`).join(" or ")} in the platform config's pattern, or remove the braces.`
      });
    }
    return value;
  });
}
function unknownPlaceholders(pattern, allowed) {
  return [...pattern.matchAll(/\{([a-zA-Z]+)\}/g)].map((m) => m[1]).filter((n) => !allowed.includes(n));
}
function unknownPlaceholdersIn(value, allowed, path = []) {
  if (typeof value === "string")
    return unknownPlaceholders(value, allowed).map((name) => ({ path: [...path], name }));
  if (Array.isArray(value))
    return value.flatMap((item, i) => unknownPlaceholdersIn(item, allowed, [...path, i]));
  if (value !== null && typeof value === "object")
    return Object.entries(value).flatMap(
      ([k, v]) => unknownPlaceholdersIn(v, allowed, [...path, k])
    );
  return [];
}
function placeholderList(allowed) {
  const names = allowed.map((n) => `{${n}}`);
  return names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names.join("");
}

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

export {
  ownValue,
  hasOwnKey,
  setOwn,
  fillPattern,
  unknownPlaceholders,
  unknownPlaceholdersIn,
  placeholderList,
  gitEnvironment
};
