import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  promote,
  readIncomingRecord
} from "./chunk-27ZIQYQ7.js";
import "./chunk-3IIO7UUR.js";
import "./chunk-ZBY2F766.js";
import "./chunk-XKPS7JQV.js";
export {
  promote,
  readIncomingRecord
};
