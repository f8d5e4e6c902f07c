/** The release an export was written from, as it is stamped into every file and file name. */
import type { ReleaseRow } from '../db/rows.js';

export interface ReleaseStamp {
  version: string;
  seededAt: string;
  source: string;
}

export function releaseStamp(release: ReleaseRow): ReleaseStamp {
  return { version: release.version, seededAt: release.seededAt, source: release.source };
}

/** The download name of an export, e.g. `biofm-graph-3f2a….graphml`. */
export function exportFileName(release: ReleaseRow, base: string, extension: string): string {
  return `${base}-${release.version}.${extension}`;
}
