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
} from "./chunk-GTTYDLN4.js";
import "./chunk-SUAGJYMS.js";
import "./chunk-VFFNRTTA.js";
import "./chunk-FUXD4CWG.js";
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
