import { platformSchema } from './platform.schema.js'
import { serviceSchema } from './service.schema.js'

/** File name under `schemas/` → schema. */
export const publishedSchemas: Readonly<Record<string, object>> = {
  'service.schema.json': serviceSchema,
  'platform.schema.json': platformSchema
}
