import { runCommandLine } from './cli/main';

/**
 * `npm run cli -- …` runs this file (dist/cli.js), as the Docker image and the scripts always
 * have; the commands are in cli/.
 */
runCommandLine(process.argv.slice(2));
