// Writes the published JSON Schemas (schemas/*.schema.json) from their TypeScript sources.
// A test fails when the committed files differ, so editors' schema validation never drifts.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { publishedSchemas } from '../shared/src/descriptor/schemas/published.js'

for (const [file, schema] of Object.entries(publishedSchemas)) {
  writeFileSync(join(process.cwd(), 'schemas', file), `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`wrote schemas/${file}`)
}
