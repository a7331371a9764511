import { importBench } from './import-bench';

/**
 * `npm run bench [-- NAME …]`: benchmarks that print their figures beside a baseline measured in
 * the same run. Names: import.
 */
const BENCHES: Record<string, (args: string[]) => Promise<void>> = { import: importBench };

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const selected = name ? [name] : Object.keys(BENCHES);
  for (const bench of selected) {
    if (!BENCHES[bench]) throw new Error(`unknown benchmark "${bench}" (known: ${Object.keys(BENCHES).join(', ')})`);
    process.stdout.write(`== ${bench} ==\n`);
    await BENCHES[bench](name ? args : []);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
