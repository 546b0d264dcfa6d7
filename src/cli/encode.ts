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
  'usage: encode <file.mid> [--bars N] [--hop N] [--parts …] [--encoding encoding.json] [--no-density], or encode --model models/<name> <file.mid> [--hop N]';

async function encodeWithModel(dir: string, file: string, hop: number | undefined): Promise<void> {
  const model = await readModelEncoder(dir).catch((e: unknown) => {
    throw e instanceof EngineError ? new CliError(e.message) : e;
  });
  const r = encodeForModel(readMidi(readBytes(file)), model, hop);
  const { bars, maxTracks } = model.config.encoding;
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
  rejectUnknown(args, model ? ['model', 'hop'] : ['bars', 'hop', 'parts', 'no-density', 'encoding']);
  const [file] = args.positionals;
  if (!file) throw new CliError(USAGE);
  if (model) return encodeWithModel(model, file, args.flags.has('hop') ? int(args, 'hop', 1, 1, 64) : undefined);
  const grid = gridFromFile(file, str(args, 'parts'));
  if (grid.source?.cut) process.stderr.write(`${file}: ${grid.source.cut}\n`);
  const edges = args.flags.has('no-density') ? {} : headerEdgesFrom(str(args, 'encoding'));
  const pieces = args.flags.has('bars')
    ? windows(grid, int(args, 'bars', 4, 1, 64), int(args, 'hop', int(args, 'bars', 4), 1, 64))
    : [grid];
  for (const piece of pieces) process.stdout.write(encodePiece(piece, edges).join(' ') + '\n');
}
