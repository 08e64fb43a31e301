import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { MAX_TRAINING_SET_BYTES } from '@baton/contracts';
import { AppModule } from './app.module';
import type { ApiConfig } from './config';

const TRAINING_SET_PATH = /^\/nlu\/models\/[^/?]+\/training-set\/?(\?|$)/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * A training set, the one body that may be large (10,000 utterances are about 600 KB): a JSON PUT
 * to /nlu/models/:name/training-set that carries credentials (the route's guard then checks them).
 */
const isTrainingSetUpload = (req: IncomingMessage): boolean =>
  req.method === 'PUT' && TRAINING_SET_PATH.test(req.url ?? '') && JSON_TYPE.test(req.headers['content-type'] ?? '') && Boolean(req.headers.authorization);

/** Builds the HTTP application: JSON limits, CORS for the console, OpenAPI at /docs. */
export async function createApp(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    // Signed requests (business events) are checked against the bytes that were sent.
    rawBody: true,
    logger: ['error', 'warn', 'log'],
  });
  // Bodies are small JSON, but for training sets; anything larger is refused before it is parsed.
  app.useBodyParser('json', { limit: MAX_TRAINING_SET_BYTES, type: isTrainingSetUpload });
  app.useBodyParser('json', { limit: '64kb' });
  app.enableCors({ origin: config.CORS_ORIGINS.split(',').map((origin) => origin.trim()), maxAge: 600 });
  app.enableShutdownHooks();
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Baton API')
      .setDescription('Inbound customer messages, conversations, human tasks and the web chat.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  return app;
}
