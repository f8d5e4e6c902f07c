/**
 * Security headers on every answer (helmet): a Content-Security-Policy under which the playground and the
 * explorer run (every script, style, font and request from this server; no framing, no plugins), nosniff,
 * X-Frame-Options DENY, no referrer.
 */
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * The one <style> element the explorer's graph library (cytoscape) adds to the page, allowed by its hash rather
 * than by allowing inline styles; the browser tests fail on any CSP violation, so a change of it shows.
 */
const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';

const hashSource = (text: string): string => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

export function securityHeaders(): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", hashSource(CYTOSCAPE_STYLE)],
      },
    },
    // Same as frame-ancestors 'none', for browsers that only know the header.
    xFrameOptions: { action: 'deny' },
    // This server speaks plain HTTP; HSTS belongs to whatever terminates TLS in front of it.
    strictTransportSecurity: false,
  });
}
