// The alert (what went wrong and why) and the notice (what the app did for you).
import { patch } from './state';

export function showAlert(message: string): void {
  patch('messages', { alert: message });
}

export function showNotice(message: string | null): void {
  patch('messages', { notice: message });
}

export function dismissAlert(): void {
  patch('messages', { alert: null });
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
