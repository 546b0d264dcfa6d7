// The one EngineClient of the app, created on first use (tests install a fake).
import { EngineClient } from '../model/client';

let client: EngineClient | null = null;

export function engine(): EngineClient {
  client ??= new EngineClient();
  return client;
}

export function setEngine(next: EngineClient | null): void {
  client?.dispose();
  client = next;
}
