/** The process logger: one JSON line per event (pino), level from LOG_LEVEL (default info). */
import { pino } from 'pino';

export const logger = pino({
  level: process.env['LOG_LEVEL'] ?? 'info',
  base: { service: 'biofm-graph' },
});

export type Logger = typeof logger;
