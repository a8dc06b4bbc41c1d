import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  DEFAULT_GITOPS_PATH,
  displayPath,
  environmentConfig,
  loadPlatform,
  loadPlatformConfig,
  namespaceFor,
  namespacePatternProblem,
  resolveGitopsTarget,
  selectEnvironments
} from "./chunk-E7PDPPJL.js";
import "./chunk-HSP42NHZ.js";
import "./chunk-GRV5MB5I.js";
import "./chunk-TGPV2UQA.js";
export {
  DEFAULT_GITOPS_PATH,
  displayPath,
  environmentConfig,
  loadPlatform,
  loadPlatformConfig,
  namespaceFor,
  namespacePatternProblem,
  resolveGitopsTarget,
  selectEnvironments
};
