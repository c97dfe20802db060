import { stringify } from 'yaml';
import { buildAsyncApiDocument } from '../src/asyncapi/asyncapi.document';

/** Where `npm run docs:asyncapi` writes the document, relative to the repository root. */
export const ASYNCAPI_FILE = 'docs/asyncapi.yaml';

const header =
  '# Generated from libs/events by `npm run docs:asyncapi`; do not edit. A test fails when it is out of date.\n';

/** The AsyncAPI document as YAML, formatted so that Prettier leaves it unchanged. */
export function renderAsyncApiYaml(document: object = buildAsyncApiDocument()): string {
  return header + stringify(document, { lineWidth: 0, singleQuote: true, aliasDuplicateObjects: false });
}
