// The one module that imports Tone.js: the audio context (unlock, clock), sample voices,
// fallback synths, and the NoteSink the scheduler plays into. Everything that decides
// *what* to play lives in pure modules (scheduler, instruments, patch).
import * as Tone from 'tone';
import type { Track } from '../music/score';
import { PIANO_SAMPLE_URLS } from './assets';
import { FALLBACK_TIMBRES, METAL_DRUM_KEYS, timbreIndex, soundFor, soundKey, type Sound } from './instruments';
import { nearestRootZones, rootsNeeded, velocityGain, type Patch, type Zone } from './patch';
import { MASTER_GAIN, masterBus, startSampleVoice, type SampleVoice } from './sampleVoice';
import type { Clock, NoteSink, VoiceOn } from './scheduler';
import { requestPatch } from './soundfontClient';

/** The Salamander samples ring long; a damper-like release. */
const PIANO_RELEASE = 0.35;

type Voice = SampleVoice;

type Synths =
  { poly: Tone.PolySynth } | { skin: Tone.PolySynth<Tone.MembraneSynth>; metal: Tone.PolySynth<Tone.MetalSynth> };

export class ToneOutput implements NoteSink {
  readonly clock: Clock = { now: () => this.ctx.currentTime };
  /** The master bus (gain -> limiter -> speakers) every voice and synth plays into. */
  private readonly master = masterBus(this.ctx, this.ctx.destination);
  private readonly patches = new Map<string, Patch<AudioBuffer>>();
  private readonly loading = new Map<string, Promise<void>>();
  /** Why a sound's samples did not load (soundKey -> message), until a later load succeeds. */
  private readonly failures = new Map<string, string>();
  private readonly pianoRoots = new Map<number, Promise<AudioBuffer | undefined>>();
  private readonly synths = new Map<number, Synths>();
  private readonly voices = new Map<number, Voice>();
  /** Every sampled voice still making sound, released or not, so pause can cut tails too. */
  private readonly ringing = new Set<Voice>();
  private trackSounds: Sound[] = [];
  private meter: Tone.Meter | undefined;
  /** Preview voices count down from -1, so they never meet the scheduler's ids. */
  private previewIds = -1;

  /** The Web Audio context (Tone's, so Tone's nodes and ours connect). */
  private get ctx(): AudioContext {
    return Tone.getContext().rawContext as unknown as AudioContext;
  }

  /** Audio time the listener hears now: currentTime minus the output latency. */
  heardTime(): number {
    const c = this.ctx;
    return c.currentTime - (c.outputLatency || c.baseLatency || 0);
  }

  /** Seconds from the audio clock to performance.now() (in seconds) at which that audio time is heard. */
  heardOffset(): number {
    const c = this.ctx;
    const stamp = c.getOutputTimestamp?.();
    if (stamp?.performanceTime && stamp.contextTime) return stamp.performanceTime / 1000 - stamp.contextTime;
    return performance.now() / 1000 - this.heardTime();
  }

  /** What the context adds between a voice's start time and the speaker, seconds. */
  outputLatency(): number {
    const c = this.ctx;
    return (c.baseLatency || 0) + (c.outputLatency || 0);
  }

  /** Silence the page's own sound (playback goes to a MIDI synth instead), or bring it back. */
  setMuted(muted: boolean): void {
    this.master.gain.value = muted ? 0 : MASTER_GAIN;
  }

  /** A metronome click at `time`; the first beat of a bar is higher. Cut by allOff like any voice. */
  click(time: number, accent: boolean): void {
    const ctx = this.ctx;
    const osc = ctx.createOscillator();
    osc.frequency.value = accent ? 1760 : 1320;
    const amp = ctx.createGain();
    amp.gain.setValueAtTime(0, time);
    amp.gain.linearRampToValueAtTime(accent ? 0.9 : 0.6, time + 0.002);
    amp.gain.exponentialRampToValueAtTime(0.001, time + 0.06);
    osc.connect(amp).connect(this.master);
    osc.start(time);
    osc.stop(time + 0.07);
    const voice: Voice = { release: () => undefined, cut: (t) => osc.stop(Math.max(t, ctx.currentTime)) };
    this.ringing.add(voice);
    osc.onended = () => {
      amp.disconnect();
      this.ringing.delete(voice);
    };
  }

  /** Resume the audio context; must first happen inside a user gesture (autoplay policy). */
  async unlock(): Promise<void> {
    if (Tone.getContext().state !== 'running') await Tone.start();
  }

  /** Keys (soundKey) of the sounds that play from samples now; the rest use fallback synths. */
  sampledSounds(): string[] {
    return [...this.patches.keys()].sort();
  }

  /** Output peak level in dB (-Infinity when silent); the meter is attached on first call. */
  level(): number {
    if (!this.meter) {
      this.meter = new Tone.Meter();
      Tone.connect(this.master, this.meter);
    }
    const v: number | number[] = this.meter.getValue();
    return Array.isArray(v) ? Math.max(...v) : v;
  }

  /** The sample patches loaded so far (soundKey -> patch), and why the sounds that failed did. */
  loadedSamples(): { patches: ReadonlyMap<string, Patch<AudioBuffer>>; failures: ReadonlyMap<string, string> } {
    return { patches: this.patches, failures: this.failures };
  }

  setTracks(tracks: readonly Track[]): void {
    this.trackSounds = tracks.map(soundFor);
  }

  /** Fetch and decode what these tracks need. Never rejects: a failed sound falls back to a synth. */
  async load(tracks: readonly Track[]): Promise<void> {
    const pianoPitches = new Set<number>();
    const jobs: Promise<void>[] = [];
    for (const t of tracks) {
      const sound = soundFor(t);
      if (sound.kind === 'piano') for (const n of t.notes) pianoPitches.add(n.pitch);
      else jobs.push(this.loadGm(sound));
    }
    if (pianoPitches.size > 0) jobs.push(this.loadPiano(pianoPitches));
    await Promise.all(jobs);
  }

  private loadGm(sound: Sound & { kind: 'gm' }): Promise<void> {
    const key = soundKey(sound);
    let job = this.loading.get(key);
    if (!job) {
      job = requestPatch(sound.program, sound.drum).then(
        (patch) => {
          const samples = patch.samples.map(({ pcm, sampleRate }) => {
            const buffer = this.ctx.createBuffer(1, Math.max(1, pcm.length), sampleRate);
            buffer.getChannelData(0).set(pcm);
            return buffer;
          });
          this.patches.set(key, { samples, keys: patch.keys });
          this.failures.delete(key);
        },
        (err: unknown) => {
          console.warn(`Cantor: ${key} samples unavailable, using a synth:`, err);
          this.failures.set(key, err instanceof Error ? err.message : String(err));
          this.loading.delete(key); // a later load may retry
        },
      );
      this.loading.set(key, job);
    }
    return job;
  }

  /** Decode only the piano recordings these pitches use; the patch grows as pieces need more. */
  private async loadPiano(pitches: Set<number>): Promise<void> {
    const roots = [...PIANO_SAMPLE_URLS.keys()].sort((a, b) => a - b);
    for (const root of rootsNeeded(roots, pitches)) {
      if (this.pianoRoots.has(root)) continue;
      const url = PIANO_SAMPLE_URLS.get(root)!;
      this.pianoRoots.set(
        root,
        fetch(url)
          .then((r) => (r.ok ? r.arrayBuffer() : Promise.reject(new Error(`${url}: HTTP ${r.status}`))))
          .then((bytes) => this.ctx.decodeAudioData(bytes))
          .catch((err: unknown) => {
            console.warn('Cantor: piano sample unavailable:', err);
            this.failures.set('piano', err instanceof Error ? err.message : String(err));
            this.pianoRoots.delete(root);
            return undefined;
          }),
      );
    }
    const loaded: [number, AudioBuffer][] = [];
    for (const [root, job] of this.pianoRoots) {
      const buffer = await job;
      if (buffer) loaded.push([root, buffer]);
    }
    loaded.sort((a, b) => a[0] - b[0]);
    if (loaded.length === 0) return;
    this.failures.delete('piano');
    this.patches.set('piano', {
      samples: loaded.map(([, b]) => b),
      keys: nearestRootZones(
        loaded.map(([r]) => r),
        PIANO_RELEASE,
      ),
    });
  }

  noteOn(v: VoiceOn): void {
    this.startVoice(this.trackSounds[v.track] ?? { kind: 'piano' }, v);
  }

  /**
   * Start a note now on a track's instrument and keep it sounding until noteOff(id) (a key played on a
   * MIDI keyboard). Returns its id and the audio time it starts at: the earliest the context can.
   */
  monitorOn(
    track: Pick<Track, 'program' | 'isDrum' | 'part'>,
    pitch: number,
    velocity: number,
  ): { id: number; time: number } {
    const id = this.previewIds--;
    const time = this.ctx.currentTime;
    this.startVoice(soundFor(track), { id, track: -1, pitch, velocity, time });
    return { id, time };
  }

  /** The audio clock now. */
  now(): number {
    return this.ctx.currentTime;
  }

  /** Sound one note now on a track's instrument, outside any playback (a note placed in the roll). */
  preview(track: Pick<Track, 'program' | 'isDrum' | 'part'>, pitch: number, velocity: number, seconds: number): void {
    const id = this.previewIds--;
    const time = this.ctx.currentTime + 0.01;
    this.startVoice(soundFor(track), { id, track: -1, pitch, velocity, time });
    this.noteOff(id, time + seconds);
  }

  private startVoice(sound: Sound, v: VoiceOn): void {
    const patch = this.patches.get(soundKey(sound));
    const zones = patch?.keys[v.pitch];
    const drum = sound.kind === 'gm' && sound.drum;
    if (patch && zones && zones.length > 0) {
      const layers = zones.map((z) => this.startSample(patch.samples[z.sample], z, v.velocity, v.time, drum));
      this.voices.set(v.id, {
        release: (t) => layers.forEach((l) => l.release(t)),
        cut: (t) => layers.forEach((l) => l.cut(t)),
      });
    } else if (!patch || drum) {
      this.voices.set(v.id, this.startSynth(timbreIndex(sound), v));
    } // else: the SoundFont has no sample on this key, as a real GM synth would be silent
  }

  noteOff(id: number, time: number): void {
    this.voices.get(id)?.release(time);
    this.voices.delete(id);
  }

  allOff(time: number): void {
    for (const v of this.voices.values()) v.cut(time);
    for (const v of this.ringing) v.cut(time);
    this.voices.clear();
    for (const s of this.synths.values()) {
      if ('poly' in s) s.poly.releaseAll(time);
      else {
        s.skin.releaseAll(time);
        s.metal.releaseAll(time);
      }
    }
  }

  /** One sampled voice (sampleVoice.ts), tracked until it ends so pause can cut tails too. */
  private startSample(buffer: AudioBuffer, z: Zone, velocity: number, time: number, drum: boolean): Voice {
    const voice = startSampleVoice(this.ctx, this.master, buffer, z, z.gain * velocityGain(velocity), time, drum, () =>
      this.ringing.delete(voice),
    );
    this.ringing.add(voice);
    return voice;
  }

  private startSynth(family: number, v: VoiceOn): Voice {
    const synths = this.synthsFor(family);
    const velocity = velocityGain(v.velocity);
    if ('poly' in synths) {
      const freq = Tone.Frequency(v.pitch, 'midi').toFrequency();
      synths.poly.triggerAttack(freq, v.time, velocity);
      const release = (t: number) => synths.poly.triggerRelease(freq, Math.max(t, v.time));
      return { release, cut: release };
    }
    const metal = METAL_DRUM_KEYS.has(v.pitch);
    const synth = metal ? synths.metal : synths.skin;
    // Skins: low keys are kicks and low toms, so map the GM key range onto 40..200 Hz.
    const freq = metal ? 250 : 40 + Math.max(0, v.pitch - 35) * 4;
    synth.triggerAttackRelease(freq, metal ? 0.1 : 0.3, v.time, velocity);
    return { release: () => undefined, cut: () => undefined };
  }

  private synthsFor(family: number): Synths {
    let s = this.synths.get(family);
    if (!s) {
      if (family === 16) {
        s = {
          skin: new Tone.PolySynth(Tone.MembraneSynth).connect(this.master),
          metal: new Tone.PolySynth(Tone.MetalSynth, {
            envelope: { attack: 0.001, decay: 0.15, release: 0.05 },
          }).connect(this.master),
        };
      } else {
        const { oscillator, envelope } = FALLBACK_TIMBRES[family] ?? FALLBACK_TIMBRES[0];
        const [attack, decay, sustain, release] = envelope;
        const poly = new Tone.PolySynth(Tone.Synth, {
          oscillator: { type: oscillator } as Tone.SynthOptions['oscillator'],
          envelope: { attack, decay, sustain, release },
          volume: -8,
        }).connect(this.master);
        s = { poly };
      }
      this.synths.set(family, s);
    }
    return s;
  }
}
