import { describe, expect, it } from 'vitest';
import { classNames } from '../../src/db/class-data-archive.js';

describe('classNames', () => {
  it('keeps the complete lines naming a class, not the directives, nor a line the JVM is still writing', () => {
    const recorded = [
      'java/lang/Object id: 0',
      'org/neo4j/kernel/impl/api/KernelTransactions',
      '@lambda-proxy org/neo4j/Foo run ()V',
      `@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder ${'x'.repeat(5000)}`,
      'io/netty/channel/AbstractChannel',
      'org/neo4j/half/Writ',
    ].join('\n');
    expect(classNames(recorded)).toEqual(['org/neo4j/kernel/impl/api/KernelTransactions', 'io/netty/channel/AbstractChannel']);
  });

  it('finds nothing in an empty list', () => {
    expect(classNames('')).toEqual([]);
  });
});
