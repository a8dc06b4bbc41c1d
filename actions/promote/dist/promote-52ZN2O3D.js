import { createRequire as __idpCreateRequire } from 'node:module'
import { fileURLToPath as __idpFileURLToPath } from 'node:url'
import { dirname as __idpDirname } from 'node:path'
const require = __idpCreateRequire(import.meta.url)
const __filename = __idpFileURLToPath(import.meta.url)
const __dirname = __idpDirname(__filename)
import {
  promote,
  readIncomingRecord
} from "./chunk-KL6CYPB5.js";
import "./chunk-YRMW7MF7.js";
import "./chunk-GRV5MB5I.js";
import "./chunk-TGPV2UQA.js";
export {
  promote,
  readIncomingRecord
};
