/**
 * Warnings of one request, sent as `extensions.warnings`: the answer stands, but it may not be what was meant
 * (a filter id that matches nothing gives an empty list, not an error). Each warning is reported once.
 */
export interface Warning {
  code: 'UNKNOWN_ID';
  /** The argument at fault, as written in the query (`domain`, `where.task`). */
  argument: string;
  message: string;
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
