import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ApiConfig } from '../config';
import { NluModelSeeder, SEED_AUTHOR } from './nlu-model-seeder';
import type { NluModelsService } from './nlu-models.service';

/** A models service that remembers training sets and counts trainings. */
function fakeModels(existing: Record<string, { updatedBy: string; versions: number }> = {}) {
  const sets = new Map(Object.entries(existing));
  const trained: string[] = [];
  const service = {
    exists: async (name: string) => sets.has(name),
    versions: async (name: string) => ({ name, currentVersion: null, versions: Array.from({ length: sets.get(name)!.versions }, (_, i) => ({ version: i + 1 })) }),
    trainingSet: async (name: string) => ({ updatedBy: sets.get(name)!.updatedBy }),
    putTrainingSet: async (name: string, body: { author?: string }) => {
      sets.set(name, { updatedBy: body.author ?? 'api', versions: 0 });
      return { created: true };
    },
    train: async (name: string) => {
      trained.push(name);
      return { finished: true, version: { version: sets.get(name)!.versions + 1 } };
    },
  };
  return { service: service as unknown as NluModelsService, trained };
}

function trainingFile(examples: unknown) {
  const dir = mkdtempSync(path.join(tmpdir(), 'baton-nlu-seed-'));
  const file = path.join(dir, 'support.json');
  writeFileSync(file, JSON.stringify({ examples }));
  return file;
}

const VALID = { billing: ['refund please', 'my invoice'], greeting: ['hello', 'hi'] };
const config = {} as ApiConfig;

describe('NluModelSeeder', () => {
  it('stores and trains a shipped set when no model of its name exists', async () => {
    const { service, trained } = fakeModels();
    expect(await new NluModelSeeder(service, config).seed('support', trainingFile(VALID))).toBe('trained');
    expect(trained).toEqual(['support']);
  });

  it("never touches a user's model of the same name", async () => {
    const { service, trained } = fakeModels({ support: { updatedBy: 'ops@example.com', versions: 0 } });
    expect(await new NluModelSeeder(service, config).seed('support', trainingFile(VALID))).toBe('kept');
    expect(trained).toEqual([]);
  });

  it('finishes a seed that stopped before its first training, and only that', async () => {
    const unfinished = fakeModels({ support: { updatedBy: SEED_AUTHOR, versions: 0 } });
    expect(await new NluModelSeeder(unfinished.service, config).seed('support', trainingFile(VALID))).toBe('trained');
    const done = fakeModels({ support: { updatedBy: SEED_AUTHOR, versions: 1 } });
    expect(await new NluModelSeeder(done.service, config).seed('support', trainingFile(VALID))).toBe('kept');
    expect(done.trained).toEqual([]);
  });

  it('refuses a shipped file that breaks the training-set rules, naming the problem', async () => {
    const { service, trained } = fakeModels();
    await expect(new NluModelSeeder(service, config).seed('support', trainingFile({ Billing: ['x'], greeting: ['hi'] }))).rejects.toThrow(
      '"Billing" is not an intent label',
    );
    expect(trained).toEqual([]);
  });
});
