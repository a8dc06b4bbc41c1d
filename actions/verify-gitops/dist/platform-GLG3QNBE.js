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
} from "./chunk-263DVPFU.js";
import "./chunk-3SQSGHBN.js";
import "./chunk-JRJY5XWA.js";
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
