// `cantor encode <file.mid>`: print mmmtrack tokens, one window a line (or the whole piece).
import { encodePiece } from '../music/encode';
import { CliError, int, parseArgs, rejectUnknown, str } from './args';
import { densityEdgesFrom, gridFromFile } from './inputs';
import { windows } from '../music/windows';

export async function runEncode(argv: string[]): Promise<void> {
  const args = parseArgs(argv, ['no-density']);
  rejectUnknown(args, ['bars', 'hop', 'parts', 'no-density', 'encoding']);
  const [file] = args.positionals;
  if (!file) throw new CliError('usage: encode <file.mid> [--bars N] [--hop N] [--parts …] [--encoding encoding.json] [--no-density]');
  const grid = gridFromFile(file, str(args, 'parts'));
  if (grid.source?.cut) process.stderr.write(`${file}: ${grid.source.cut}\n`);
  const densityEdges = args.flags.has('no-density') ? undefined : densityEdgesFrom(str(args, 'encoding'));
  const pieces = args.flags.has('bars') ? windows(grid, int(args, 'bars', 4, 1, 64), int(args, 'hop', int(args, 'bars', 4), 1, 64)) : [grid];
  for (const piece of pieces) process.stdout.write(encodePiece(piece, { densityEdges }).join(' ') + '\n');
}
