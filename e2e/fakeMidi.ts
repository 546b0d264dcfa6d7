// A scripted Web MIDI access injected into the page before the app loads: navigator.requestMIDIAccess
// answers with an input that delivers timed messages and an output that records what it is sent
// (or, per `mode`, there is no Web MIDI, permission is refused, or no device is connected).
import { expect, type Page } from '@playwright/test';

export type FakeMidiMode = 'devices' | 'no-web-midi' | 'denied' | 'no-devices';

/** A message of a script: `at` ms after the take's downbeat (negative: in the count-in). */
export interface ScriptedMessage {
  at: number;
  data: number[];
}

export interface SentMessage {
  data: number[];
  timestamp: number;
}

export const INPUT = { id: 'fake-in-1', name: 'Test Keys' };
export const OUTPUT = { id: 'fake-out-1', name: 'Test Synth' };

export async function installFakeMidi(page: Page, mode: FakeMidiMode): Promise<void> {
  const script = ({ mode, input, output }: { mode: FakeMidiMode; input: typeof INPUT; output: typeof OUTPUT }) => {
    // The page asks whether MIDI is already allowed: not yet, so it shows Connect MIDI.
    const query = navigator.permissions?.query.bind(navigator.permissions);
    if (query)
      navigator.permissions.query = (d: PermissionDescriptor) =>
        d.name === ('midi' as PermissionName) ? Promise.resolve({ state: 'prompt' } as PermissionStatus) : query(d);
    if (mode === 'no-web-midi') {
      delete (Navigator.prototype as { requestMIDIAccess?: unknown }).requestMIDIAccess;
      return;
    }
    class Port extends EventTarget {
      state = 'connected';
      connection = 'open';
      manufacturer = 'Cantor tests';
      constructor(
        readonly id: string,
        readonly name: string,
        readonly type: 'input' | 'output',
      ) {
        super();
      }
      open() {
        return Promise.resolve(this);
      }
      close() {
        return Promise.resolve(this);
      }
    }
    const sent: { data: number[]; timestamp: number }[] = [];
    class Output extends Port {
      send(data: number[], timestamp?: number) {
        sent.push({ data: [...data], timestamp: timestamp ?? performance.now() });
      }
      clear() {}
    }
    const access = Object.assign(new EventTarget(), {
      inputs: new Map<string, Port>(),
      outputs: new Map<string, Port>(),
      sysexEnabled: false,
    });
    const changed = (port: Port) => access.dispatchEvent(Object.assign(new Event('statechange'), { port }));
    const plug = () => {
      const i = new Port(input.id, input.name, 'input');
      const o = new Output(output.id, output.name, 'output');
      access.inputs.set(i.id, i);
      access.outputs.set(o.id, o);
      changed(i);
      changed(o);
    };
    if (mode === 'devices') plug();
    (navigator as { requestMIDIAccess: unknown }).requestMIDIAccess = () =>
      mode === 'denied'
        ? Promise.reject(new DOMException('MIDI access was not allowed', 'NotAllowedError'))
        : Promise.resolve(access);
    /** Dispatch a message stamped `timeStamp`, `late` ms after that time (as a busy browser hands it over). */
    const deliver = (data: number[], timeStamp: number, late: number) => {
      const fire = () => {
        const port = access.inputs.get(input.id);
        if (!port) return; // unplugged: nothing more arrives
        const e = new Event('midimessage');
        Object.defineProperty(e, 'data', { value: new Uint8Array(data) });
        Object.defineProperty(e, 'timeStamp', { value: timeStamp });
        port.dispatchEvent(e);
      };
      setTimeout(fire, Math.max(0, timeStamp + late - performance.now()));
    };
    Object.assign(window, {
      __midi: {
        sent,
        plug,
        unplug: () => {
          const i = access.inputs.get(input.id);
          const o = access.outputs.get(output.id);
          access.inputs.delete(input.id);
          access.outputs.delete(output.id);
          for (const p of [i, o]) {
            if (!p) continue;
            p.state = 'disconnected';
            changed(p);
          }
        },
        /** Play a script relative to `origin` (performance.now() ms), each message delivered `late` ms after its timestamp. */
        play: (script: { at: number; data: number[] }[], origin: number, late: number) => {
          for (const m of script) deliver(m.data, origin + m.at, late);
        },
        /** One message now, stamped now (the monitoring latency is measured from it). */
        now: (data: number[]) => deliver(data, performance.now(), 0),
      },
    });
  };
  // Run as text: tsx (the benchmarks) names functions with an __name helper the page does not have.
  const args = JSON.stringify({ mode, input: INPUT, output: OUTPUT });
  await page.addInitScript({ content: `var __name = (f) => f; (${script.toString()})(${args});` });
}

/** Press Connect MIDI and wait until the pickers are live. */
export async function connectMidi(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Connect MIDI', exact: true }).click();
  await expect(page.getByLabel('MIDI input', { exact: true })).toBeEnabled();
}

/** performance.now() ms at which the take's downbeat is heard, once the count-in has started. */
export async function takeStart(page: Page): Promise<number> {
  const state = page.locator('.rec-state');
  await expect(state).toHaveAttribute('data-start-ms', /\d/);
  return Number(await state.getAttribute('data-start-ms'));
}

/** Play a script on the fake keyboard, each message arriving `late` ms after its timestamp; resolves once the last has arrived. */
export async function playScript(page: Page, script: ScriptedMessage[], origin: number, late = 40): Promise<void> {
  await page.evaluate(
    ([s, o, l]) =>
      (window as unknown as { __midi: { play: (s: unknown, o: number, l: number) => void } }).__midi.play(s, o, l),
    [script, origin, late] as const,
  );
  const last = Math.max(...script.map((m) => m.at));
  await page.waitForFunction((t) => performance.now() > t, origin + last + late + 100);
}

export async function sentMessages(page: Page): Promise<SentMessage[]> {
  return page.evaluate(() => (window as unknown as { __midi: { sent: SentMessage[] } }).__midi.sent);
}
