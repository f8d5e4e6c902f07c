/**
 * Streams a download to the client. A download holds an execution slot while it streams, so a client that stops
 * reading must not keep it: the connection is closed once it makes no progress for `stallMs`.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Response } from 'express';
import type { Logger } from '../logger.js';

export interface Download {
  logger: Logger;
  /** At least as long as a read of the graph may take between two chunks. */
  stallMs: number;
  fileName: string;
  contentType: string;
}

/**
 * An error before the first byte is the caller's to answer; one after it cuts the download short. The socket's
 * idle timeout is the stall deadline: chunks the kernel takes are progress, a send buffer that stays full is none.
 */
export async function sendDownload(res: Response, { logger, stallMs, fileName, contentType }: Download, body: AsyncIterable<string> | Readable): Promise<void> {
  res.set({ 'content-type': contentType, 'content-disposition': `attachment; filename="${fileName}"` });
  res.setTimeout(stallMs, () => {
    logger.warn({ file: fileName, remoteAddress: res.socket?.remoteAddress, stallMs }, 'export aborted: the client does not read it');
    res.destroy();
  });
  try {
    await pipeline(body instanceof Readable ? body : Readable.from(body), res);
  } catch (error) {
    // A client that leaves (or is dropped above) is no failure of the server's.
    if ((error as NodeJS.ErrnoException | null)?.code === 'ERR_STREAM_PREMATURE_CLOSE') logger.info({ file: fileName }, 'export cut short: the connection closed');
    else logger.error({ err: error, file: fileName }, 'export failed');
    res.destroy();
  }
}
