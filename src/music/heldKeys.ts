// Which keys still sound, given key and sustain-pedal events, as a piano's dampers decide:
// a key let go while the pedal is down sounds on until the pedal comes up (or the key is
// struck again). Shared by live monitoring (voices) and take building (notes).

export class HeldKeys<T> {
  /** Keys down now. */
  private readonly down = new Map<number, T>();
  /** Keys let go while the pedal was down: they sound until it comes up. */
  private readonly pedalled = new Map<number, T>();
  private pedal = false;

  /** A key goes down; returns what it ends (the same key still sounding from before). */
  press(pitch: number, value: T): T[] {
    const ended = this.take(pitch);
    this.down.set(pitch, value);
    return ended;
  }

  /** A key comes up; returns what ends now (nothing while the pedal holds it). */
  release(pitch: number): T[] {
    const value = this.down.get(pitch);
    if (value === undefined) return [];
    this.down.delete(pitch);
    if (!this.pedal) return [value];
    this.pedalled.set(pitch, value);
    return [];
  }

  /** The sustain pedal goes down or up; returns what ends now (pedal up ends every key already let go). */
  setPedal(down: boolean): T[] {
    this.pedal = down;
    if (down) return [];
    const ended = [...this.pedalled.values()];
    this.pedalled.clear();
    return ended;
  }

  /** Everything still sounding (keys down and pedalled), which now ends. */
  releaseAll(): T[] {
    const ended = [...this.down.values(), ...this.pedalled.values()];
    this.down.clear();
    this.pedalled.clear();
    return ended;
  }

  /** Everything still sounding, left as it is. */
  sounding(): T[] {
    return [...this.down.values(), ...this.pedalled.values()];
  }

  private take(pitch: number): T[] {
    const ended = [this.down.get(pitch), this.pedalled.get(pitch)].filter((v) => v !== undefined);
    this.down.delete(pitch);
    this.pedalled.delete(pitch);
    return ended;
  }
}
