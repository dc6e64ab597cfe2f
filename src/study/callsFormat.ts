import { gzipSync } from 'node:zlib';
import { CALLS_HEADERS } from '../report/reports.js';

/**
 * The per-call log's formats: `csv` (calls.csv, the default) and `csv.gz` (calls.csv.gz: the
 * same bytes through gzip at level 1, one gzip member for the header and one per replication,
 * so that workers and shards can each compress their own replications and the pieces join
 * into the same file whoever made them; gzip, zcat and every gzip reader read the members
 * back as one stream).
 */
export type CallsFormat = 'csv' | 'csv.gz';

export const CALLS_FORMATS: readonly CallsFormat[] = ['csv', 'csv.gz'];

/** gzip level 1: the year's log shrinks about 4x for about 4 s of CPU (level 6 costs some three times that). */
export const CALLS_GZIP_LEVEL = 1;

/** The file the log goes to: calls.csv or calls.csv.gz. */
export function callsFileName(format: CallsFormat): string {
  return format === 'csv' ? 'calls.csv' : 'calls.csv.gz';
}

/** The log's first bytes: the header row (as one gzip member for csv.gz). */
export function callsHeaderBytes(format: CallsFormat): Buffer {
  const header = Buffer.from(CALLS_HEADERS.join(',') + '\n', 'utf8');
  if (format === 'csv') return header;
  const member = gzipSync(header, { level: CALLS_GZIP_LEVEL });
  member[GZIP_OS_BYTE] = GZIP_OS_UNKNOWN;
  return member;
}

/**
 * Byte 9 of a gzip header names the operating system that wrote it (zlib writes 3 on Unix,
 * 10 on Windows...): set to 255, "unknown", so the same log has the same bytes on any system.
 * The modification time (bytes 4-7) is already 0, and no file name is stored.
 */
export const GZIP_OS_BYTE = 9;
export const GZIP_OS_UNKNOWN = 255;
