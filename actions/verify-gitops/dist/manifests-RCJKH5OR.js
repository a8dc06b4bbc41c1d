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
  isObject,
  joinPointer,
  loadManifests,
  parseManifestText,
  splitPointer
} from "./chunk-CIK44TDH.js";
import "./chunk-UGO6ZZ76.js";
import "./chunk-3SQSGHBN.js";
import "./chunk-JRJY5XWA.js";
import "./chunk-FUXD4CWG.js";
export {
  displayPath,
  expandEntries,
  isBuildFile,
  isObject,
  joinPointer,
  loadManifests,
  parseManifestText,
  splitPointer
};
