/** Writes docs/asyncapi.yaml from the zod schemas of libs/events:  npm run docs:asyncapi */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ASYNCAPI_FILE, renderAsyncApiYaml } from './asyncapi-yaml';

const file = path.resolve(__dirname, '../../..', ASYNCAPI_FILE);
writeFileSync(file, renderAsyncApiYaml());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
