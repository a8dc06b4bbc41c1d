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
} from "./chunk-IPEQKWTB.js";
import "./chunk-NQ3IYQDS.js";
import "./chunk-HJEVRIG3.js";
import "./chunk-LJCQCFEI.js";
import "./chunk-XDKCD5HH.js";
import "./chunk-IZQMWWCK.js";
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
