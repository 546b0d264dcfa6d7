// `cantor encode <file.mid>`: print mmmtrack tokens, one window a line (or the whole piece).
// With --model models/<name>: the windows exactly as that model was trained on them.
import { encodePiece } from '../music/encode';
import { readMidi } from '../music/midiReader';
import { windows } from '../music/windows';
import { EngineError } from '../model/protocol';
import { CliError, int, parseArgs, rejectUnknown, str } from './args';
import { encodeForModel, readModelEncoder } from './encodeModel';
import { gridFromFile, headerEdgesFrom, readBytes } from './inputs';

const USAGE =
  'usage: encode <file.mid> [--bars N] [--hop N] [--parts …] [--encoding encoding.json] [--no-density], or encode --model models/<name> <file.mid> [--hop N] [--bars N]';

async function encodeWithModel(
  dir: string,
  file: string,
  hop: number | undefined,
  askedBars: number | undefined,
): Promise<void> {
  const model = await readModelEncoder(dir).catch((e: unknown) => {
    throw e instanceof EngineError ? new CliError(e.message) : e;
  });
  const { bars, maxTracks } = model.config.encoding;
  // The windows are the model's training windows: --bars may say so, but cannot change them.
  if (askedBars !== undefined && askedBars !== bars)
    throw new CliError(
      `--bars ${askedBars}: ${dir} was trained on ${bars}-bar windows (config.json encoding.bars), and its DENSITY bins count notes over ${bars} bars, so its windows are ${bars} bars; leave --bars out or give ${bars} (--hop sets the step between windows)`,
    );
  const r = encodeForModel(readMidi(readBytes(file)), model, hop);
  process.stderr.write(
    `${r.lines.length} windows of ${bars} bars; ${r.notice}` +
      (r.budgeted ? `; ${r.budgeted} windows over the ${maxTracks}-track budget` : '') +
      '\n',
  );
  for (const line of r.lines) process.stdout.write(line + '\n');
}

export async function runEncode(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['no-density']);
  const model = str(args, 'model');
  rejectUnknown(args, model ? ['model', 'hop', 'bars'] : ['bars', 'hop', 'parts', 'no-density', 'encoding']);
  const [file] = args.positionals;
  if (!file) throw new CliError(USAGE);
  if (model) {
    const given = (key: string) => (args.flags.has(key) ? int(args, key, 1, 1, 64) : undefined);
    return encodeWithModel(model, file, given('hop'), given('bars'));
  }
  const grid = gridFromFile(file, str(args, 'parts'));
  if (grid.source?.cut) process.stderr.write(`${file}: ${grid.source.cut}\n`);
  const edges = args.flags.has('no-density') ? {} : headerEdgesFrom(str(args, 'encoding'));
  const pieces = args.flags.has('bars')
    ? windows(grid, int(args, 'bars', 4, 1, 64), int(args, 'hop', int(args, 'bars', 4), 1, 64))
    : [grid];
  for (const piece of pieces) process.stdout.write(encodePiece(piece, edges).join(' ') + '\n');
}
