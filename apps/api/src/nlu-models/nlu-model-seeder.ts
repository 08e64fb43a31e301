import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describeIssues, nluModelName, putTrainingSetSchema } from '@baton/contracts';
import { encoderInstalled } from '@baton/db';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config';
import { NluModelsService } from './nlu-models.service';

const TRAINING_FILE = /^(.+)\.json$/;
export const SEED_AUTHOR = 'baton';

/**
 * Trains the shipped intent models (`<name>.json` in NLU_DIR, `{ "examples": { intent: [...] } }`)
 * whose name has no model yet. A model that exists is never touched; a seed that stopped between
 * storing the training set and training it is finished on the next start.
 */
@Injectable()
export class NluModelSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('NluModelSeeder');

  constructor(
    private readonly models: NluModelsService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const dir = this.config.NLU_DIR;
    let files: string[];
    try {
      files = (await readdir(dir)).filter((file) => TRAINING_FILE.test(file)).sort();
    } catch (error) {
      this.logger.warn(`No shipped intent models trained: cannot read ${dir} (${(error as Error).message})`);
      return;
    }
    for (const file of files) {
      try {
        await this.seed(TRAINING_FILE.exec(file)![1]!, path.join(dir, file));
      } catch (error) {
        this.logger.error(`Shipped intent model ${file} was not trained: ${error instanceof ApiError ? JSON.stringify(error.getResponse()) : (error as Error).message}`);
      }
    }
  }

  async seed(name: string, file: string): Promise<'trained' | 'kept'> {
    if (!nluModelName.safeParse(name).success) throw new Error(`"${name}" is not a model name`);
    if (await this.models.exists(name)) {
      const { versions } = await this.models.versions(name);
      const { updatedBy } = await this.models.trainingSet(name);
      if (versions.length > 0 || updatedBy !== SEED_AUTHOR) return 'kept';
    } else {
      const document = JSON.parse(await readFile(file, 'utf8')) as { examples?: unknown };
      const parsed = putTrainingSetSchema.safeParse({ examples: document.examples, author: SEED_AUTHOR });
      if (!parsed.success) throw new Error(describeIssues(parsed.error, document).map((detail) => detail.message).join('; '));
      const { created } = await this.models.putTrainingSet(name, parsed.data);
      if (!created) return 'kept';
    }
    const { version } = await this.models.train(name, { author: SEED_AUTHOR, wordVectors: false, encoder: encoderInstalled() });
    this.logger.log(`Trained shipped intent model ${name} v${version.version} from ${path.basename(file)}`);
    return 'trained';
  }
}
