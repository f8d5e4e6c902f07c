/**
 * Serves what people open in a browser, all from dist/ui (built by Vite from src/ui, no CDN): the GraphQL
 * playground at / (and at /graphql for browsers), the graph explorer at /explore and the landscape dashboard at
 * /landscape.
 */
import { existsSync } from 'node:fs';
import express, { type RequestHandler, type Router } from 'express';
import { ErrorCode } from './errors.js';
import { projectPath } from './paths.js';

const UI_DIR = projectPath('dist', 'ui');

function page(file: string): RequestHandler {
  const path = projectPath('dist', 'ui', file);
  return (_req, res) => {
    if (!existsSync(path)) {
      res.status(503).json({ errors: [{ message: 'The pages are not built; run npm run build.', extensions: { code: ErrorCode.SERVICE_UNAVAILABLE } }] });
      return;
    }
    res.sendFile(path);
  };
}

export function pagesRouter(): Router {
  const router = express.Router();
  const playground = page('playground/index.html');
  router.use('/ui', express.static(UI_DIR, { immutable: true, maxAge: '1y', index: false }));
  router.get('/', playground);
  router.get('/explore', page('explorer/index.html'));
  router.get('/landscape', page('landscape/index.html'));
  // A browser opening /graphql gets the playground; API clients (no text/html, or a query) get GraphQL.
  router.get('/graphql', (req, res, next) => {
    if (req.query['query'] === undefined && req.accepts(['application/json', 'text/html']) === 'text/html') {
      playground(req, res, next);
      return;
    }
    next();
  });
  return router;
}
