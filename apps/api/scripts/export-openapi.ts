/**
 * Writes the OpenAPI document to docs/openapi.json without connecting to anything: Nest's preview
 * mode builds the module graph but runs no provider factory.   npm run docs:openapi
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@comity/config';
import { openApiDocument } from '../src/openapi.document';
import { AppModule } from '../src/app.module';

export async function buildOpenApiJson(): Promise<string> {
  const config = loadConfig({ COMITY_AUTH_SECRET: 'x'.repeat(32) });
  const app = await NestFactory.create(AppModule.forConfig(config), { preview: true, logger: false });
  const json = `${JSON.stringify(openApiDocument(app), null, 2)}\n`;
  await app.close();
  return json;
}

if (require.main === module) {
  buildOpenApiJson().then(
    (json) => {
      const file = path.resolve(__dirname, '../../../docs/openapi.json');
      writeFileSync(file, json);
      console.log(`wrote ${path.relative(process.cwd(), file)}`);
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
