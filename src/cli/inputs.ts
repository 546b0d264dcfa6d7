// Reading the CLI's inputs: MIDI files and token text.
import { existsSync, readFileSync } from 'node:fs';
import { headerEdges, type HeaderConfig, type HeaderEdges } from '../music/controls';
import { applyConventions } from '../music/corpus';
import type { GridPiece } from '../music/grid';
import { readMidi } from '../music/midiReader';
import { scoreToGrid } from '../music/quantize';
import { isPartName, type PartName } from '../music/parts';
import { CliError } from './args';

const DEFAULT_MODEL_CONFIG = 'models/chorales/config.json';

/** The header part of an encoding.json, or of a model's config.json `encoding`. */
export function readHeaderConfig(file: string): HeaderConfig {
  if (!existsSync(file)) throw new CliError(`no such file: ${file}`);
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    return (doc?.encoding ?? doc) as HeaderConfig;
  } catch {
    throw new CliError(`${file} is not valid JSON`);
  }
}

/**
 * Header edges from an encoding.json or a model's config.json; without a path, the bundled model's,
 * and none (header tokens off) when that is absent too. The file must have density edges; POLYPHONY
 * and DURATION are written when it turns them on.
 */
export function headerEdgesFrom(path?: string): HeaderEdges {
  const file = path ?? (existsSync(DEFAULT_MODEL_CONFIG) ? DEFAULT_MODEL_CONFIG : undefined);
  if (!file) return {};
  const e = readHeaderConfig(file);
  const densityEdges = e.density?.edges;
  if (!Array.isArray(densityEdges)) throw new CliError(`${file} has no density edges`);
  return { ...headerEdges(e), densityEdges };
}

export function readBytes(path: string): Uint8Array {
  if (path !== '-' && !existsSync(path)) throw new CliError(`no such file: ${path}`);
  return new Uint8Array(readFileSync(path === '-' ? 0 : path));
}

/** `--parts SOPRANO,ALTO,…` -> part names, rejecting unknown ones. */
export function parseParts(text: string): PartName[] {
  const parts = text.split(',');
  for (const p of parts)
    if (!isPartName(p)) throw new CliError(`"${p}" is not a part name (an upper-case word such as SOPRANO; not DRUMS)`);
  return parts as PartName[];
}

/** A MIDI file on the grid: GM instruments, or the named parts in track order when `partsText` lists them. */
export function gridFromFile(path: string, partsText?: string): GridPiece {
  return scoreToGrid(
    applyConventions(readMidi(readBytes(path)), { parts: partsText ? parseParts(partsText) : undefined }),
  );
}

/** Token text -> pieces: one piece a line; blank lines ignored. */
export function readTokenLines(path: string): string[][] {
  const text = new TextDecoder().decode(readBytes(path));
  return text
    .split('\n')
    .map((l) => l.trim().split(/\s+/).filter(Boolean))
    .filter((l) => l.length > 0);
}
