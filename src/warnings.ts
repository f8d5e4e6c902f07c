/**
 * Warnings of one request, sent as `extensions.warnings`: the answer stands, but it may not be what was meant
 * (a filter id that matches nothing gives an empty list, not an error). Each warning is reported once.
 */
import type { EntityKind } from './generated/graphql.js';

export interface Warning {
  /**
   * UNKNOWN_ID: an id names nothing. UNKNOWN_LEADERBOARD: a dataset has no leaderboard of that metric and setting.
   * UNKNOWN_COUNTRY: a country is no ISO 3166-1 alpha-2 code. PATHS_SAMPLED: `paths` ordered a sample of the
   * shortest paths, not all.
   */
  code: 'UNKNOWN_ID' | 'UNKNOWN_LEADERBOARD' | 'UNKNOWN_COUNTRY' | 'PATHS_SAMPLED';
  /** The argument at fault, or the one to change, as written in the query (`domain`, `where.task`, `country`, `via`). */
  argument: string;
  message: string;
  /** For UNKNOWN_ID, the id of the entity of the kind asked for probably meant (the message names it too), when one is near. */
  suggestion?: string;
  /**
   * For UNKNOWN_ID, when the id names an entity of another kind than the one asked for: that kind, as a `kinds`
   * argument spells it (`DATASET` for `model(id: "chembl")`; the message names the entity too). There is no
   * suggestion then.
   */
  otherKind?: EntityKind;
}

export class Warnings {
  readonly #byKey = new Map<string, Warning>();

  add(warning: Warning): void {
    this.#byKey.set(`${warning.argument}\u0000${warning.message}`, warning);
  }

  list(): Warning[] {
    return [...this.#byKey.values()];
  }
}
