export declare const SYSTEM_CHROMIUM: string;
export interface ResolvedChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'Playwright' | 'system';
  found: boolean;
}
export declare function resolveChromium(where?: {
  env?: Record<string, string | undefined>;
  playwright?: string;
  system?: string;
}): ResolvedChromium;
export declare function chromiumPath(): string;
