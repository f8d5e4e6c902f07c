/** All loaders of one request; built fresh for every request so nothing is cached across requests. */
import type { Reader } from '../db/database.js';
import type { LoaderSettings } from './batch.js';
import { createEntityLoader, type EntityLoader } from './entities.js';
import { createLineageLoader, type LineageLoader } from './lineage.js';
import { createModelLoaders, type ModelLoaders } from './models.js';
import { createRelationLoaders, type RelationLoaders } from './relations.js';
import { createResultLoaders, type ResultLoaders } from './results.js';

export interface Loaders {
  entity: EntityLoader;
  related: RelationLoaders;
  models: ModelLoaders;
  lineage: LineageLoader;
  results: ResultLoaders;
}

export function createLoaders(reader: Reader, settings: LoaderSettings): Loaders {
  const entity = createEntityLoader(reader, settings);
  return {
    entity,
    related: createRelationLoaders(reader, settings),
    models: createModelLoaders(reader, settings),
    lineage: createLineageLoader(reader, settings, entity),
    results: createResultLoaders(reader, settings),
  };
}
