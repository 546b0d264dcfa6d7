// `cantor generate`: the browser's engine code in Node, on onnxruntime-node.
//   generate --model models/chorales --bars 4 [--prompt in.mid] [--seed 1] [--temperature 1.0]
//            [--top-p 0.95] [--top-k 0] [--tracks SOPRANO,ALTO,…] [--backend cpu] [--variant model.onnx]
//            [--threads N] [--count N] [--batch 8] [--voice-leading P] [--tokens] [-o out.mid]
// --voice-leading P: the SATB voice-leading guard's penalty in nats (0 = off; default DEFAULT_VOICE_LEADING).
// --count N samples N pieces (piece i uses seed + i, batched --batch at a time); --tokens prints
// each piece's tokens on one line.
import { writeFileSync } from 'node:fs';
import { mapInstruments, mergeIntoFull, modelView } from '../music/instrumentMap';
import { readMidi } from '../music/midiReader';
import { endTick, type Score } from '../music/score';
import { generate, type Engine } from '../model/generate';
import { readMeta, readModelFile, variantsFor } from '../model/modelConfig';
import { DEFAULT_VOICE_LEADING, EngineError, type GenerateRequest, type Sampling } from '../model/protocol';
import { createNodeSession } from '../model/sessionNode';
import { folderSource } from '../model/sourceNode';
import { CliError, int, num, parseArgs, rejectUnknown, str } from './args';
import { readBytes } from './inputs';

const KNOWN = ['model', 'bars', 'prompt', 'seed', 'temperature', 'top-p', 'top-k', 'tracks', 'backend', 'variant', 'threads', 'count', 'batch', 'voice-leading', 'tokens', 'o'];

export async function runGenerate(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['tokens']);
  rejectUnknown(args, KNOWN);
  const modelDir = str(args, 'model', 'models/chorales')!;
  const out = str(args, 'o');
  const printTokens = args.flags.has('tokens');
  if (!out && !printTokens) throw new CliError('give -o out.mid, --tokens, or both');
  const backend = str(args, 'backend', 'cpu');
  if (backend !== 'cpu') throw new CliError(`--backend ${backend}: the CLI runs onnxruntime-node ("cpu"); webgpu and wasm run in the browser`);
  const bars = int(args, 'bars', 4, 1, 256);
  const count = int(args, 'count', 1, 1, 100_000);
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
    const promptPath = str(args, 'prompt');
    const prompt = promptPath ? promptView(readMidi(readBytes(promptPath)), engine) : undefined;
    const request = (seed: number): GenerateRequest =>
      prompt
        ? { mode: 'continue', score: prompt.view, bars, sampling: { ...sampling, seed }, after: endTick(prompt.full) }
        : { mode: 'compose', tracks: composeTracks(str(args, 'tracks'), engine), bars, sampling: { ...sampling, seed } };
    // Loaded only when writing MIDI: --tokens runs (evaluate.py) skip the MIDI writer.
    const writeMidi = out ? (await import('../music/midi')).writeMidi : undefined;
    for (let i = 0; i < count; i += batch) {
      const k = Math.min(batch, count - i);
      const seed = (sampling.seed + i) >>> 0;
      const res = await generate(engine, k === 1 ? request(seed) : { mode: 'variations', base: request(seed), count: k });
      const scores = res.candidates ?? [res.score];
      if (printTokens) for (const t of res.candidateTokens ?? [res.tokens]) process.stdout.write(t.join(' ') + '\n');
      if (out && writeMidi)
        scores.forEach((s, j) => {
          // The continuation's bars are 4/4 from the prompt's next bar line: its meter map says so (s.timeSignatures).
          const full = prompt ? { ...mergeIntoFull(prompt.full, prompt.map, prompt.view, s), timeSignatures: s.timeSignatures } : s;
          writeFileSync(count === 1 ? out : out.replace(/(\.midi?)?$/i, `-${i + j + 1}$1`), writeMidi(full));
        });
    }
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

function composeTracks(text: string | undefined, engine: Engine): { inst: string }[] {
  const known = engine.config.instruments.map((i) => i.replace(/^INST=/, ''));
  const insts = text ? text.split(',').map((s) => s.trim().replace(/^INST=/, '')) : known;
  if (insts.length === 0) throw new CliError('--tracks: give at least one instrument (the model names none)');
  for (const inst of insts)
    if (!engine.tokenizer.ids.has(`INST=${inst}`)) throw new CliError(`--tracks: the model has no instrument ${inst} (known: ${known.join(', ')})`);
  return insts.map((inst) => ({ inst }));
}

function promptView(full: Score, engine: Engine) {
  const map = mapInstruments(full, engine.config.instruments);
  return { full, map, view: modelView(full, map) };
}
