// The alert (what went wrong and why) and the notice (what the app did for you).
// Both stay until the user closes them or the next action succeeds (actionSucceeded),
// so a message never sits above a later result it no longer describes.
import { patch } from './state';

export function showAlert(message: string): void {
  patch('messages', { alert: message });
}

/** A notice, with its list when it has one (the line sums it up; "Show all" opens the list). */
export function showNotice(message: string | null, details: string[] = []): void {
  patch('messages', { notice: message, noticeDetails: message === null ? [] : details });
}

export function dismissAlert(): void {
  patch('messages', { alert: null });
}

/** An action worked: earlier messages are stale. Call it before showing the action's own notice. */
export function actionSucceeded(): void {
  patch('messages', { alert: null, notice: null, noticeDetails: [] });
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
