// General MIDI percussion key names (channel 10), short enough for a drum lane's row labels.

const GM_DRUMS: Record<number, string> = {
  35: 'Kick 2',
  36: 'Kick',
  37: 'Side stick',
  38: 'Snare',
  39: 'Clap',
  40: 'Snare 2',
  41: 'Low floor tom',
  42: 'Closed hat',
  43: 'High floor tom',
  44: 'Pedal hat',
  45: 'Low tom',
  46: 'Open hat',
  47: 'Low-mid tom',
  48: 'High-mid tom',
  49: 'Crash',
  50: 'High tom',
  51: 'Ride',
  52: 'China',
  53: 'Ride bell',
  54: 'Tambourine',
  55: 'Splash',
  56: 'Cowbell',
  57: 'Crash 2',
  58: 'Vibraslap',
  59: 'Ride 2',
  60: 'High bongo',
  61: 'Low bongo',
  62: 'Mute high conga',
  63: 'Open high conga',
  64: 'Low conga',
  65: 'High timbale',
  66: 'Low timbale',
  67: 'High agogo',
  68: 'Low agogo',
  69: 'Cabasa',
  70: 'Maracas',
  71: 'Short whistle',
  72: 'Long whistle',
  73: 'Short guiro',
  74: 'Long guiro',
  75: 'Claves',
  76: 'High wood block',
  77: 'Low wood block',
  78: 'Mute cuica',
  79: 'Open cuica',
  80: 'Mute triangle',
  81: 'Open triangle',
};

/** The GM drum sound on a key, e.g. 42 -> "Closed hat"; keys outside the kit name their number. */
export function drumName(key: number): string {
  return GM_DRUMS[key] ?? `Drum ${key}`;
}

/** The keys of the GM kit, 35..81, in order. */
export const GM_KIT_KEYS: readonly number[] = Object.keys(GM_DRUMS)
  .map(Number)
  .sort((a, b) => a - b);
