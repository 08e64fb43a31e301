import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingMessage } from 'node:http';
import { MAX_TRAINING_SET_BYTES } from '@baton/contracts';
import { AppModule } from './app.module';
import { hasRole } from './auth/auth.decorators';
import { CredentialsService } from './auth/credentials.service';
import type { ApiConfig } from './config';

const TRAINING_SET_PATH = /^\/nlu\/models\/[^/?]+\/training-set\/?(\?|$)/;
const JSON_TYPE = /^application\/json\s*(;|$)/i;

type UploadRequest = IncomingMessage & { largeBodyAllowed?: boolean };

/**
 * A training set is the one body that may be large (10,000 utterances are about 600 KB). Before any
 * body is read, a JSON PUT to /nlu/models/:name/training-set is let through only with the bearer
 * token of someone who may write training sets (a designer or an admin); everyone else gets the
 * 64 KB limit. The route's guard checks the token again, as on every route.
 */
function admitTrainingSetUploads(credentials: CredentialsService) {
  return (req: UploadRequest, _res: unknown, next: (error?: unknown) => void): void => {
    const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (req.method !== 'PUT' || !TRAINING_SET_PATH.test(req.url ?? '') || !JSON_TYPE.test(req.headers['content-type'] ?? '') || !token) return next();
    credentials.authenticate(token).then((found) => {
      req.largeBodyAllowed = found !== null && hasRole(found.principal, 'designer');
      next();
    }, next);
  };
}

/** Builds the HTTP application: JSON limits, CORS for the console, OpenAPI at /docs. */
export async function createApp(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    // Signed requests (business events) are checked against the bytes that were sent.
    rawBody: true,
    logger: ['error', 'warn', 'log'],
  });
  if (config.TRUST_PROXY !== undefined) app.set('trust proxy', config.TRUST_PROXY);
  // Bodies are small JSON, but for training sets; anything larger is refused before it is parsed.
  app.use(admitTrainingSetUploads(app.get(CredentialsService)));
  app.useBodyParser('json', { limit: MAX_TRAINING_SET_BYTES, type: (req: UploadRequest) => req.largeBodyAllowed === true });
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
