// `cantor generate`: the browser's engine code in Node, on onnxruntime-node.
//   generate --model models/chorales --bars 4 [--prompt in.mid] [--seed 1] [--temperature 1.0]
//            [--top-p 0.95] [--top-k 0] [--tracks DRUMS:density=5,33:poly=1:dur=2,…] [--backend cpu] [--variant model.onnx]
//            [--threads N] [--count N] [--batch 8] [--voice-leading P] [--register S] [--prompt-bars N]
//            [--lineups file.txt] [--json report.json] [--tokens] [-o out.mid]
// --voice-leading P: the SATB voice-leading guard's penalty in nats (0 = off; default DEFAULT_VOICE_LEADING).
// --prompt continues as the app's Continue does: the model's track budget picks the tracks, and for a GM model
// the register guard keeps each pitched track within S semitones (default DEFAULT_REGISTER; 0 = off).
// --prompt-bars N continues after the prompt's first N bars; --json writes, per continuation, each track's last
// 4 prompt bars, new notes and (with --prompt-bars) the song's real next bars (continueReport.ts).
// --tracks: the tracks to compose, each an instrument with optional DENSITY, POLYPHONY and DURATION bins
// (trackArgs.ts); without it, the model's default line-up (presets.ts defaultLineup, as the app's), said on stderr.
// --lineups: compose, one --tracks list a line; piece i uses line i (mod the lines), seed + i;
// consecutive identical lines are sampled as one batch.
// --count N samples N pieces (piece i uses seed + i, batched --batch at a time); --tokens prints
// each piece's tokens on one line.
import { readFileSync, writeFileSync } from 'node:fs';
import { readMidi } from '../music/midiReader';
import { MAX_BARS } from '../music/meter';
import { defaultLineup } from '../music/presets';
import { generate, type Engine } from '../model/generate';
import { readMeta, readModelFile, variantsFor } from '../model/modelConfig';
import { continueRequest, defaultRegister, mergeContinuation, modelPrompt } from '../model/continuation';
import { DEFAULT_VOICE_LEADING, EngineError, type GenerateRequest, type Sampling } from '../model/protocol';
import { createNodeSession } from '../model/sessionNode';
import { folderSource } from '../model/sourceNode';
import { CliError, int, num, parseArgs, rejectUnknown, str } from './args';
import { continueReport, cutAtBar, type ContinueReport, type PromptCut } from './continueReport';
import { readBytes } from './inputs';
import { parseTrackArgs } from './trackArgs';

const KNOWN = [
  'model',
  'bars',
  'prompt',
  'seed',
  'temperature',
  'top-p',
  'top-k',
  'tracks',
  'backend',
  'variant',
  'threads',
  'count',
  'batch',
  'voice-leading',
  'register',
  'prompt-bars',
  'lineups',
  'json',
  'tokens',
  'o',
];

export async function runGenerate(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['tokens']);
  rejectUnknown(args, KNOWN);
  const modelDir = str(args, 'model', 'models/chorales')!;
  const out = str(args, 'o');
  const json = str(args, 'json');
  const printTokens = args.flags.has('tokens');
  if (!out && !printTokens && !json)
    throw new CliError('give -o out.mid, --tokens, --json (with --prompt), or any of them');
  const backend = str(args, 'backend', 'cpu');
  if (backend !== 'cpu')
    throw new CliError(
      `--backend ${backend}: the CLI runs onnxruntime-node ("cpu"); webgpu and wasm run in the browser`,
    );
  const bars = int(args, 'bars', 4, 1, 256);
  const lineupsPath = str(args, 'lineups');
  const lineups = lineupsPath
    ? readFileSync(lineupsPath, 'utf8')
        .split('\n')
        .filter((l) => l.trim())
    : null;
  if (lineups && lineups.length === 0) throw new CliError(`${lineupsPath} holds no line-ups`);
  const count = int(args, 'count', lineups ? lineups.length : 1, 1, 100_000);
  const batch = int(args, 'batch', 8, 1, 16);
  const voiceLeading = num(args, 'voice-leading', DEFAULT_VOICE_LEADING);
  if (voiceLeading < 0) throw new CliError('--voice-leading must be a penalty >= 0 (0 = off)');
  const sampling: Sampling = {
    seed: int(args, 'seed', 1, 0, 2 ** 32 - 1),
    temperature: num(args, 'temperature', 1.0),
    topP: num(args, 'top-p', 0.95),
    topK: int(args, 'top-k', 0, 0, 100_000),
    voiceLeading,
  };
  if (sampling.temperature < 0) throw new CliError('--temperature must be >= 0');
  if (!(sampling.topP > 0 && sampling.topP <= 1)) throw new CliError('--top-p must be in (0, 1]');

  try {
    const engine = await loadEngine(modelDir, str(args, 'variant'), int(args, 'threads', 0, 0, 64));
    const register = int(args, 'register', defaultRegister(engine.config), 0, 127);
    const promptPath = str(args, 'prompt');
    if ((json || args.flags.has('prompt-bars')) && !promptPath)
      throw new CliError('--json and --prompt-bars go with --prompt');
    if (lineups && promptPath) throw new CliError('--lineups composes: give it without --prompt');
    const cut = promptPath
      ? cutAtBar(readMidi(readBytes(promptPath)), int(args, 'prompt-bars', MAX_BARS, 1, MAX_BARS))
      : undefined;
    const prompt = cut ? modelPrompt(cut.prompt, engine.config) : undefined;
    const tracksText = str(args, 'tracks');
    if (tracksText !== undefined && (promptPath || lineups))
      throw new CliError(
        "--tracks composes: give it without --prompt (Continue keeps the prompt's tracks) and without --lineups",
      );
    const lineup = defaultLineup(engine.config.instruments);
    if (!promptPath && !lineups && tracksText === undefined)
      process.stderr.write(
        `composing the default line-up, ${lineup.name} (${lineup.insts.join(', ')}); choose others with --tracks\n`,
      );
    const given =
      tracksText === undefined ? lineup.insts.map((inst) => ({ inst })) : parseTrackArgs(tracksText, engine.config);
    const lineupTracks = lineups?.map((line) => parseTrackArgs(line, engine.config));
    const tracksFor = (i: number) => (lineupTracks ? lineupTracks[i % lineupTracks.length] : given);
    const request = (seed: number, i: number): GenerateRequest =>
      prompt
        ? continueRequest(prompt, bars, { ...sampling, seed, register })
        : { mode: 'compose', tracks: tracksFor(i), bars, sampling: { ...sampling, seed } };
    const reports: ContinueReport[] = [];
    // Loaded only when writing MIDI: --tokens runs (evaluate.py) skip the MIDI writer.
    const writeMidi = out ? (await import('../music/midi')).writeMidi : undefined;
    // One request's pieces are sampled `batch` at a time; with --lineups, a run of identical lines is one request.
    const sameRun = (i: number) => {
      let k = 1;
      while (lineups && k < batch && i + k < count && lineups[(i + k) % lineups.length] === lineups[i % lineups.length])
        k++;
      return k;
    };
    for (let i = 0, k = 0; i < count; i += k) {
      k = lineups ? sameRun(i) : Math.min(batch, count - i);
      const seed = (sampling.seed + i) >>> 0;
      const res = await generate(
        engine,
        k === 1 ? request(seed, i) : { mode: 'variations', base: request(seed, i), count: k },
      );
      const scores = res.candidates ?? [res.score];
      if (printTokens) for (const t of res.candidateTokens ?? [res.tokens]) process.stdout.write(t.join(' ') + '\n');
      scores.forEach((s, j) => {
        const full = prompt ? mergeContinuation(prompt, s) : s;
        if (json && prompt) reports.push(continueReport(cut as PromptCut, prompt.map, full, bars));
        if (out && writeMidi)
          writeFileSync(count === 1 ? out : out.replace(/(\.midi?)?$/i, `-${i + j + 1}$1`), writeMidi(full));
      });
    }
    if (json) writeFileSync(json, JSON.stringify(reports) + '\n');
  } catch (e) {
    if (e instanceof EngineError) throw new CliError(e.message);
    throw e;
  }
}

async function loadEngine(dir: string, variant: string | undefined, threads: number): Promise<Engine> {
  const src = folderSource(dir);
  const { config, tokenizer } = await readMeta(src);
  const file = variant ?? variantsFor(config, 'cpu')[0];
  if (!file) throw new CliError(`${dir}/config.json lists no model file`);
  const session = await createNodeSession(await readModelFile(src, config, file), file, threads);
  return { session, config, tokenizer };
}
