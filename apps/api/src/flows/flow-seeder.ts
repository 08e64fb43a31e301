import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { ErrorCode, FLOW_NAME_PATTERN } from '@baton/contracts';
import { type FlowKind, flowKindSchema } from '@baton/flow';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { FlowsService } from './flows.service';

const FLOW_FILE = /^(.+)\.flow\.json$/;
export const SEED_AUTHOR = 'baton';

/**
 * Publishes the shipped flows (`<name>.flow.json` in FLOWS_DIR) that the database does not have
 * yet, so a fresh installation routes conversations by the default policy. A flow that exists is
 * never touched: what ops staff publish wins over what ships.
 */
@Injectable()
export class FlowSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger(FlowSeeder.name);

  constructor(
    private readonly flows: FlowsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = this.config.FLOWS_DIR;
    let files: string[];
    try {
      files = (await readdir(dir)).filter((file) => FLOW_FILE.test(file)).sort();
    } catch (error) {
      this.logger.warn(`No shipped flows published: cannot read ${dir} (${(error as Error).message})`);
      return;
    }
    for (const file of files) {
      const name = FLOW_FILE.exec(file)![1]!;
      try {
        await this.seed(name, path.join(dir, file));
      } catch (error) {
        this.logger.error(`Shipped flow ${file} was not published: ${error instanceof ApiError ? JSON.stringify(error.getResponse()) : (error as Error).message}`);
      }
    }
  }

  private async seed(name: string, file: string): Promise<void> {
    if (!FLOW_NAME_PATTERN.test(name)) throw new Error(`"${name}" is not a flow name`);
    const existing = (await this.flows.list()).find((flow) => flow.name === name);
    // Only a seed that stopped between creating and publishing is finished; anything else is left alone.
    const unfinishedSeed = existing && existing.currentVersion === null && existing.draftRevision === 1 && existing.draftUpdatedBy === SEED_AUTHOR;
    if (existing && !unfinishedSeed) return;
    const document = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
    const kind = flowKindSchema.parse(document.kind);
    if (!existing) await this.create(name, kind, document);
    const published = await this.flows.publish(name, { message: `Shipped default from ${path.basename(file)}`, author: SEED_AUTHOR });
    if (published.created) this.logger.log(`Published shipped flow ${name} v${published.version.version}`);
  }

  private async create(name: string, kind: FlowKind, document: Record<string, unknown>): Promise<void> {
    try {
      await this.flows.create({
        name,
        kind,
        ...(typeof document.description === 'string' ? { description: document.description } : {}),
        flow: document,
        author: SEED_AUTHOR,
      });
    } catch (error) {
      // Another API instance seeding at the same moment.
      if (error instanceof ApiError && (error.getResponse() as { error: { code: string } }).error.code === ErrorCode.FlowExists) return;
      throw error;
    }
  }
}
