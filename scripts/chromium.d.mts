export declare const SYSTEM_CHROMIUM: string;
export interface ResolvedChromium {
  path: string;
  source: 'CHROMIUM_PATH' | 'Playwright' | 'system';
  found: boolean;
}
export declare function resolveChromium(env?: Record<string, string | undefined>): ResolvedChromium;
export declare function chromiumPath(): string;
