import { type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { ApiConfig } from './config';

/** Builds the HTTP application: JSON limits, CORS for the console, OpenAPI at /docs. */
export async function createApp(config: ApiConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
    bodyParser: false,
    // Signed requests (business events) are checked against the bytes that were sent.
    rawBody: true,
    logger: ['error', 'warn', 'log'],
  });
  // Bodies are small JSON; anything larger is refused before it is parsed.
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
