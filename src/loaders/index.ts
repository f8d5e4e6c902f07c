/** All loaders of one request; built fresh for every request so nothing is cached across requests. */
import type { Reader } from '../db/database.js';
import type { UnforeseenWork } from '../limits/unforeseen-work.js';
import type { LoaderSettings } from './batch.js';
import { createCarryingEntityLoaders, createEntityLoader, type CarryingEntityLoaders, type EntityLoader } from './entities.js';
import { createLineageLoader, type LineageLoader } from './lineage.js';
import { primeCarried, primeChildren, type PrimeCarried } from './look-ahead.js';
import { createModelLoaders, type ModelLoaders } from './models.js';
import { createRelationLoaders, type RelationLoaders } from './relations.js';
import { createResultLoaders, type ResultLoaders } from './results.js';
import { createSuggestionLoader, type SuggestionLoader } from './suggestions.js';

export interface Loaders {
  entity: EntityLoader;
  /** Entities by id whose rows carry the lists selected on them (db/look-ahead.ts). */
  carryingEntity: CarryingEntityLoaders;
  related: RelationLoaders;
  models: ModelLoaders;
  lineage: LineageLoader;
  results: ResultLoaders;
  /** What an unknown id was probably meant to be (loaders/suggestions.ts). */
  suggestion: SuggestionLoader;
}

/** `unforeseen` counts the searches of the suggestion loader. */
export function createLoaders(reader: Reader, settings: LoaderSettings, unforeseen: UnforeseenWork): Loaders {
  const prime: PrimeCarried = (rows, label, carried) => primeCarried(loaders, rows, label, carried);
  const entity = createEntityLoader(reader, settings);
  const loaders: Loaders = {
    entity,
    carryingEntity: createCarryingEntityLoaders(reader, settings, entity, (row, carried) => primeChildren(loaders, row, carried)),
    related: createRelationLoaders(reader, settings, prime),
    models: createModelLoaders(reader, settings, prime),
    lineage: createLineageLoader(reader, settings, entity),
    results: createResultLoaders(reader, settings),
    suggestion: createSuggestionLoader(reader, settings, unforeseen),
  };
  return loaders;
}
