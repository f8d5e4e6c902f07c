/**
 * Work a request does that its node estimate could not foresee, in nodes of the estimate: the searches for what
 * its unknown ids were probably meant to be (loaders/suggestions.ts), known only once the ids were looked up and
 * found to name nothing. The rate limit takes its tokens after the answer (rate-limit/rate-limit-plugin.ts).
 */
export class UnforeseenWork {
  #nodes = 0;

  get nodes(): number {
    return this.#nodes;
  }

  add(nodes: number): void {
    this.#nodes += nodes;
  }
}
