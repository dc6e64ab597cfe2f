#!/usr/bin/env node
import { main } from './main.js';
import { onlyChecks } from './onlyChecks.js';

// `validate` runs on V8's interpreter and baseline compiler only: the optimising compiler would
// cost it more CPU than it saves (onlyChecks.ts).
if (onlyChecks(process.argv.slice(2))) (await import('node:v8')).setFlagsFromString('--max-opt=1');

// Output piped into a reader that stops early (`| head`) is not an error of ours.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

process.exitCode = await main(process.argv.slice(2));
