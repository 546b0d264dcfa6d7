// Token shards: a 1024-byte header (magic, version, token count, vocab size, vocab sha256) then
// uint16 token ids, little-endian (docs/FORMATS.md). Python's training/data.py reads the same layout.
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
export const SHARD_MAGIC = 0x544e4143; // "CANT"
export const SHARD_VERSION = 1;
export const SHARD_HEADER_BYTES = 1024;

export class ShardError extends Error {
  override name = 'ShardError';
}

function hexToBytes(hex: string): Uint8Array {
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new ShardError(`vocab hash must be 64 hex digits, got "${hex}"`);
  return Uint8Array.from(hex.match(/../g)!, (b) => parseInt(b, 16));
}

export function shardHeader(tokenCount: number, vocabSize: number, vocabHashHex: string): Uint8Array {
  const header = new Uint8Array(SHARD_HEADER_BYTES);
  const view = new DataView(header.buffer);
  view.setUint32(0, SHARD_MAGIC, true);
  view.setUint32(4, SHARD_VERSION, true);
  view.setBigUint64(8, BigInt(tokenCount), true);
  view.setUint32(16, vocabSize, true);
  header.set(hexToBytes(vocabHashHex), 20);
  return header;
}

export interface ShardInfo {
  tokenCount: number;
  vocabSize: number;
  vocabHash: string;
  tokens: Uint16Array;
}

export function readShard(bytes: Uint8Array, expectedVocabHash?: string): ShardInfo {
  if (bytes.length < SHARD_HEADER_BYTES) throw new ShardError('shard is shorter than its header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, true) !== SHARD_MAGIC) throw new ShardError('not a Cantor token shard (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== SHARD_VERSION) throw new ShardError(`shard version ${version}, expected ${SHARD_VERSION}`);
  const tokenCount = Number(view.getBigUint64(8, true));
  if (bytes.length !== SHARD_HEADER_BYTES + tokenCount * 2)
    throw new ShardError(`shard holds ${(bytes.length - SHARD_HEADER_BYTES) / 2} tokens, header says ${tokenCount}`);
  const vocabHash = Array.from(bytes.subarray(20, 52), (b) => b.toString(16).padStart(2, '0')).join('');
  if (expectedVocabHash && vocabHash !== expectedVocabHash)
    throw new ShardError(
      `shard vocab hash ${vocabHash.slice(0, 12)}… does not match tokenizer ${expectedVocabHash.slice(0, 12)}…`,
    );
  const copy = bytes.slice(SHARD_HEADER_BYTES);
  return {
    tokenCount,
    vocabSize: view.getUint32(16, true),
    vocabHash,
    tokens: new Uint16Array(copy.buffer, 0, tokenCount),
  };
}

/** Most tokens in one shard file; a split past this continues in the next file. */
export const MAX_SHARD_TOKENS = 100_000_000;

/**
 * Concatenate raw uint16 part files (in order) into `<dir>/<prefix><split>_NNN.bin` shards with
 * headers, each written to a temporary name first so a killed run never leaves a half shard.
 * `patch` may rewrite each part's ids in place first. Returns the token count; a split without
 * tokens gets no file (a stale one is removed).
 */
export function writeSplitShards(
  dir: string,
  prefix: string,
  split: string,
  partFiles: readonly string[],
  vocabSize: number,
  hash: string,
  patch?: (ids: Uint16Array) => void,
): number {
  let shard = 0;
  let buffers: Uint8Array[] = [];
  let count = 0;
  let total = 0;
  const flush = () => {
    const path = join(dir, `${prefix}${split}_${String(shard).padStart(3, '0')}.bin`);
    const fd = openSync(path + '.tmp', 'w');
    writeSync(fd, shardHeader(count, vocabSize, hash));
    for (const b of buffers) writeSync(fd, b);
    closeSync(fd);
    renameSync(path + '.tmp', path);
    shard++;
    buffers = [];
    count = 0;
  };
  for (const file of partFiles) {
    const bytes = new Uint8Array(readFileSync(file));
    patch?.(new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2));
    if (count > 0 && count + bytes.length / 2 > MAX_SHARD_TOKENS) flush();
    buffers.push(bytes);
    count += bytes.length / 2;
    total += bytes.length / 2;
  }
  if (count > 0) flush();
  else rmSync(join(dir, `${prefix}${split}_000.bin`), { force: true });
  return total;
}
