import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { classNames, removeOrphanedClassLists } from '../../src/db/class-data-archive.js';

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

describe('removeOrphanedClassLists', () => {
  it('removes the class lists of processes that have exited, and nothing else', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cds-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    // A process that has exited: its pid is free (until the system reuses it, which takes far longer than this).
    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    const files = [
      `neo4j-582d8afa9edc9c2b-${String(exited)}.classes`,
      `neo4j-582d8afa9edc9c2b-${String(process.pid)}.classes`,
      'neo4j-582d8afa9edc9c2b.jsa',
      `neo4j-582d8afa9edc9c2b.jsa.${String(exited)}.classes`,
    ];
    for (const file of files) writeFileSync(path.join(dir, file), 'java/lang/Object\n');
    removeOrphanedClassLists(dir);
    expect(readdirSync(dir).sort()).toEqual(files.slice(1).sort());
  });
});
