import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  displayPath,
  expandEntries,
  isBuildFile,
  loadManifests
} from "./chunk-V4YWAYVG.js";
import "./chunk-PULTVLQO.js";
import "./chunk-MOQFNRDJ.js";
import "./chunk-YWF356WQ.js";
import "./chunk-QRTTHIBF.js";
import "./chunk-B6TU5DWR.js";
import "./chunk-RBHNWEPJ.js";
import "./chunk-CQTZEYZ7.js";
export {
  displayPath,
  expandEntries,
  isBuildFile,
  loadManifests
};
