/**
 * A real, playable WAV file (PCM, 16-bit): a tone whose pitch rises over time, so every region of the
 * file holds different bytes and a range served from the wrong offset would not match.
 */
export function wavBytes(seconds: number, opts: { sampleRate?: number; channels?: number } = {}): Buffer {
  const rate = opts.sampleRate ?? 44_100;
  const channels = opts.channels ?? 2;
  const frames = Math.round(seconds * rate);
  const dataBytes = frames * channels * 2;
  const b = Buffer.alloc(44 + dataBytes);
  b.write('RIFF', 0, 'ascii');
  b.writeUInt32LE(36 + dataBytes, 4);
  b.write('WAVE', 8, 'ascii');
  b.write('fmt ', 12, 'ascii');
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(channels, 22);
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * channels * 2, 28);
  b.writeUInt16LE(channels * 2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36, 'ascii');
  b.writeUInt32LE(dataBytes, 40);
  let phase = 0;
  for (let i = 0, at = 44; i < frames; i++) {
    phase += (2 * Math.PI * (220 + (660 * i) / frames)) / rate;
    const v = Math.round(Math.sin(phase) * 8000);
    for (let c = 0; c < channels; c++, at += 2) b.writeInt16LE(v, at);
  }
  return b;
}
