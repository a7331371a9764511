import { batchProfileBench } from './batch-profile';
import { dvcqgBench } from './dvcqg-bench';
import { hostileBench } from './hostile-uploads';
import { importBench } from './import-bench';
import { index766Bench } from './index766-bench';
import { provinceBench } from './province-bench';
import { widgetMixBench } from './widget-mix-bench';

/**
 * `npm run bench [-- NAME …]`: benchmarks that print their figures beside a baseline measured in
 * the same run. Names: province (the default: the provincial figures of issue 7), import (the
 * million-row command-line import alone), hostile (uploads shaped to hurt, health and memory
 * while each is imported), dvcqg (DVCQG ingest beside our JSON API with the same dossiers), index766
 * (the 766 scorecard and ranking of a province at 2,000,000 dossiers beside 200,000), widget-mix
 * (the widget of every commune's portal from one host: a hot URL, a Zipf and a uniform mix of URLs).
 */
const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  'batch-profile': batchProfileBench, province: provinceBench, import: importBench, hostile: hostileBench, dvcqg: dvcqgBench, index766: index766Bench, 'widget-mix': widgetMixBench };
const DEFAULT = ['province'];

async function main(): Promise<void> {
  const [name, ...args] = process.argv.slice(2);
  const selected = name ? [name] : DEFAULT;
  for (const bench of selected) {
    if (!BENCHES[bench]) throw new Error(`unknown benchmark "${bench}" (known: ${Object.keys(BENCHES).join(', ')})`);
    process.stdout.write(`== ${bench} ==\n`);
    await BENCHES[bench](name ? args : []);
  }
}

main().then(
  // The mysql2 pools and HTTP agents are closed, but a keep-alive socket may linger: end here.
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
