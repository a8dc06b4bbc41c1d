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
} from "./chunk-CWL7I3PI.js";
import "./chunk-R3GZSKB7.js";
import "./chunk-3EDVDFLO.js";
import "./chunk-RC25233F.js";
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
