// `cantor` command line: npm run -s cantor -- <command> …
// Every failure is one line on stderr and exit code 2, never a stack trace.
import { MusicError } from '../music/errors';
import { TokenizerError } from '../music/tokenizer';
import { CliError } from './args';
import { runEncode } from './encode';
import { runPreprocess } from './preprocess';
import { ShardError } from './shards';

const USAGE = `usage: cantor <command> [options]
  encode <file.mid> [--bars N] [--hop N] [--parts SOPRANO,ALTO,TENOR,BASS] [--encoding F] [--no-density]
  encode --model models/<name> <file.mid> [--hop N]   (the windows exactly as that model was trained)
  decode <tokens.txt|-> -o out.mid [--bpm 120] [--json out.json] [--strict]
  preprocess <midi-dir|jsb.json> -o <out-dir> [--bars 4] [--hop N] [--transpose -5..6] [--copies N]
             [--shuffle-tracks] [--fill 0.1] [--parts …] [--max-tracks K] [--workers N] [--shard i/N]
             [--split 0.9,0.05,0.05] [--jsb-split train|valid|test] [--encoding encoding.json]
  preprocess --corpora corpora.json -o <out-dir> [--datasets DIR] [--workers N] [--shard i/N] [--encoding F]
  generate --model models/chorales --bars 4 [--prompt in.mid] [--seed 1] [--temperature 1.0] [--top-p 0.95]
           [--top-k K] [--tracks SOPRANO,BASS] [--backend cpu] [--variant model_int8.onnx] [--threads N]
           [--count N] [--batch N] [--voice-leading P (SATB guard penalty, 0 = off)] [--tokens] -o out.mid`;

const commands: Record<string, (argv: string[]) => Promise<void>> = {
  encode: runEncode,
  decode: async (argv) => (await import('./decode')).runDecode(argv),
  preprocess: runPreprocess,
  generate: async (argv) => (await import('./generate')).runGenerate(argv),
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(USAGE + '\n');
    return;
  }
  const run = commands[command];
  if (!run) throw new CliError(`unknown command "${command}" (try --help)`);
  await run(rest);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  const known =
    e instanceof CliError || e instanceof MusicError || e instanceof TokenizerError || e instanceof ShardError;
  const message = known ? e.message : `unexpected error: ${(e as Error)?.message ?? String(e)}`;
  process.stderr.write(`cantor: ${message.split('\n')[0]}\n`);
  process.exit(2);
});
