/**
 * At most `max` tasks at once; the rest start in the order they came, each as a running one ends. What p-limit
 * does, made once per request without it: making a p-limit (its accessors defined on a new function) cost a first
 * page 1% of its server's CPU, for a limit most requests never reach.
 */
export type Slots = <T>(task: () => Promise<T>) => Promise<T>;

export function slots(max: number): Slots {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running < max) running += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      // The slot passes to the first waiting task, or is given back.
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}
