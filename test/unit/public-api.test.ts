import { describe, expect, it } from 'vitest';
import { matchesTag, readTag } from '../../src/caching/http-cache.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { propertyTypeOf } from '../../src/db/graph-export.js';
import { xmlEscape } from '../../src/export/graphml.js';

describe('propertyTypeOf', () => {
  it('maps Cypher value types to neo4j-admin header types, mixed ones to strings', () => {
    expect(propertyTypeOf(['INTEGER NOT NULL'])).toBe('long');
    expect(propertyTypeOf(['LIST<STRING NOT NULL> NOT NULL'])).toBe('string[]');
    expect(propertyTypeOf(['BOOLEAN NOT NULL'])).toBe('boolean');
    expect(propertyTypeOf(['FLOAT NOT NULL'])).toBe('double');
    expect(propertyTypeOf(['INTEGER NOT NULL', 'STRING NOT NULL'])).toBe('string');
    expect(propertyTypeOf(['LIST<INTEGER NOT NULL> NOT NULL', 'LIST<STRING NOT NULL> NOT NULL'])).toBe('string[]');
    expect(propertyTypeOf(['DATE NOT NULL'])).toBe('string');
  });
});

describe('xmlEscape', () => {
  it('escapes markup and drops characters XML 1.0 cannot carry', () => {
    expect(xmlEscape('a < b & "c" > d\u0001')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
  });
});

describe('readTag and matchesTag', () => {
  it('makes a tag that changes with the release and with the request', () => {
    const tag = readTag('release-1', '?query={a}');
    expect(tag).toMatch(/^"release-1-[\w-]{22}"$/);
    expect(readTag('release-2', '?query={a}')).not.toBe(tag);
    expect(readTag('release-1', '?query={b}')).not.toBe(tag);
    expect(readTag('release-1', '?query={a}')).toBe(tag);
  });

  it('finds the tag among If-None-Match values, weak or strong, and never matches * (the route may have nothing)', () => {
    const tag = readTag('v', 'r');
    expect(matchesTag(`"x", W/${tag}`, tag)).toBe(true);
    expect(matchesTag('*', tag)).toBe(false);
    expect(matchesTag(`*, ${tag}`, tag)).toBe(true);
    expect(matchesTag('"x"', tag)).toBe(false);
    expect(matchesTag(undefined, tag)).toBe(false);
  });
});

describe('public API configuration', () => {
  it('turns the rate limit on in production only, unless told', () => {
    expect(loadConfig({}).rateLimit.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production' }).rateLimit.enabled).toBe(true);
    expect(loadConfig({ NODE_ENV: 'production', RATE_LIMIT: 'false' }).rateLimit.enabled).toBe(false);
    expect(loadConfig({ API_KEYS: ' a, b ,,' }).rateLimit.apiKeys).toEqual(['a', 'b']);
  });

  it('keeps the origin of PUBLIC_URL and names a bad one', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://biofm.example.org/some/path' }).publicUrl).toBe('https://biofm.example.org');
    expect(() => loadConfig({ PUBLIC_URL: 'ftp://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ CACHE_MAX_AGE_S: '-1' })).toThrow('CACHE_MAX_AGE_S');
  });
});
