import { describe, expect, it } from 'vitest';
import { slots } from '../../src/db/read-slots.js';

/** A task that runs until the test ends it, and says when it started. */
function controlled(started: string[], name: string) {
  let end!: (value: string) => void;
  let fail!: (error: Error) => void;
  const task = () => {
    started.push(name);
    return new Promise<string>((resolve, reject) => {
      end = resolve;
      fail = reject;
    });
  };
  return { task, end: (value = name) => end(value), fail: (error: Error) => fail(error) };
}

/** Lets every settled promise's reactions run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('slots', () => {
  it('runs at most its number of tasks at once, and starts the waiting ones in the order they came', async () => {
    const limit = slots(2);
    const started: string[] = [];
    const tasks = ['a', 'b', 'c', 'd', 'e'].map((name) => controlled(started, name));
    const results = tasks.map(({ task }) => limit(task));
    await settle();
    expect(started).toEqual(['a', 'b']);
    tasks[1]!.end();
    await settle();
    expect(started).toEqual(['a', 'b', 'c']);
    tasks[0]!.end();
    tasks[2]!.end();
    await settle();
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    tasks[3]!.end();
    tasks[4]!.end('last');
    await expect(Promise.all(results)).resolves.toEqual(['a', 'b', 'c', 'd', 'last']);
  });

  it('frees the slot of a task that fails, and hands its error to the caller alone', async () => {
    const limit = slots(1);
    const started: string[] = [];
    const [first, second] = [controlled(started, 'first'), controlled(started, 'second')];
    const failing = limit(first.task);
    const waiting = limit(second.task);
    await settle();
    expect(started).toEqual(['first']);
    first.fail(new Error('database unavailable'));
    await expect(failing).rejects.toThrow('database unavailable');
    await settle();
    expect(started).toEqual(['first', 'second']);
    second.end();
    await expect(waiting).resolves.toBe('second');
  });

  it('gives a slot back when nothing waits: later tasks start at once', async () => {
    const limit = slots(1);
    const started: string[] = [];
    for (const name of ['one', 'two', 'three']) {
      const run = controlled(started, name);
      const result = limit(run.task);
      await settle();
      expect(started.at(-1)).toBe(name);
      run.end();
      await expect(result).resolves.toBe(name);
    }
  });
});
