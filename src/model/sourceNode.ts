// Model folder on disk (CLI, Node tests): the same ModelSource the browser reads over HTTP.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EngineError } from './protocol';
import type { ModelSource } from './modelConfig';

export function folderSource(dir: string): ModelSource {
  const read = async (name: string) => {
    try {
      return new Uint8Array(await readFile(join(dir, name)));
    } catch {
      throw new EngineError('model-missing', `${join(dir, name)} is missing or unreadable`);
    }
  };
  return {
    text: async (name) => new TextDecoder().decode(await read(name)),
    bytes: async (name, onProgress) => {
      const b = await read(name);
      onProgress?.(b.length, b.length);
      return b;
    },
  };
}
