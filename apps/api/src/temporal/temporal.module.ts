import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Client, Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type GrpcRetryOptions } from '@temporalio/client';
import { API_CONFIG, type ApiConfig } from '../config';
import { ConversationGateway } from './conversation.gateway';

export const TEMPORAL_CONNECTION = Symbol('TEMPORAL_CONNECTION');

const RESOURCE_EXHAUSTED = 8;
/** Tries against a busy workflow (its limit of updates in flight) before the caller gets a 429. */
export const BUSY_ATTEMPTS = 3;

/**
 * The SDK's retries, except that a busy workflow is retried only briefly: an HTTP caller is
 * better served by a prompt 429 with Retry-After than by a request that hangs for seconds.
 */
export function apiRetryOptions(): GrpcRetryOptions {
  const defaults = defaultGrpcRetryOptions({ initialIntervalMs: () => 100 });
  return {
    delayFunction: defaults.delayFunction,
    retryableDecider: (attempt, status) =>
      status.code === RESOURCE_EXHAUSTED ? attempt < BUSY_ATTEMPTS : defaults.retryableDecider(attempt, status),
  };
}

@Global()
@Module({
  providers: [
    {
      provide: TEMPORAL_CONNECTION,
      inject: [API_CONFIG],
      useFactory: (config: ApiConfig) =>
        Connection.connect({ address: config.TEMPORAL_ADDRESS, interceptors: [makeGrpcRetryInterceptor(apiRetryOptions())] }),
    },
    {
      provide: Client,
      inject: [TEMPORAL_CONNECTION, API_CONFIG],
      useFactory: (connection: Connection, config: ApiConfig) => new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }),
    },
    ConversationGateway,
  ],
  exports: [Client, ConversationGateway],
})
export class TemporalModule implements OnApplicationShutdown {
  constructor(@Inject(TEMPORAL_CONNECTION) private readonly connection: Connection) {}

  async onApplicationShutdown(): Promise<void> {
    await this.connection.close();
  }
}
