import type { CommandModule } from 'yargs';
import { scenarioJsonSchema } from '../../scenario/jsonSchema.js';
import type { Io } from '../Io.js';

/**
 * `metcc-sim schema`: print the scenario files' JSON Schema (generated from the zod
 * definitions; the package ships a copy as schema/scenario.schema.json for editors).
 */
export function schemaCommand(io: Io): CommandModule {
  return {
    command: 'schema',
    describe: "print the scenario files' JSON Schema (for editors: yaml-language-server, VS Code)",
    handler: () => io.out(JSON.stringify(scenarioJsonSchema(), null, 2)),
  };
}
