export {
  renderEnvironment,
  renderEnvironments,
  writeRenderedEnvironments,
  KUSTOMIZATION_FILE,
  type RenderedEnvironment
} from './render.js'
export { parseImageInput, type ImageInput } from './images.js'
export { detectSource, type SourceInfo } from './provenance.js'
export { RENDER_RECORD_PATH, type RenderRecord, type SourceMapEntry } from './record.js'
export { contentDigest, toYaml } from './serialize.js'
export {
  renderManifests,
  type RenderManifestsSettings,
  type RenderManifestsResult
} from './render-manifests.js'
