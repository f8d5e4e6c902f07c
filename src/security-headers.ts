/**
 * Security headers on every answer (helmet): a Content-Security-Policy under which the playground and the
 * explorer run (every script, style, font and request from this server; no framing, no plugins), nosniff,
 * X-Frame-Options DENY, no referrer.
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

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
        styleSrc: ["'self'"],
      },
    },
    // Same as frame-ancestors 'none', for browsers that only know the header.
    xFrameOptions: { action: 'deny' },
    // This server speaks plain HTTP; HSTS belongs to whatever terminates TLS in front of it.
    strictTransportSecurity: false,
  });
}
