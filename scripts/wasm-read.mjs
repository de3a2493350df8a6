// Reading a wasm module's binary, for the build's scripts that look into one (drop-exports.mjs:
// the exports; merge-shared-chunks.mjs: the size of the code and data; inline-split-link.mjs:
// the imports, rewritten). A few lines rather than a dependency: they read sections, LEB128
// numbers and names, nothing of the code.

/** A cursor over `bytes` from `pos`: `u32()` reads a LEB128 number, `name()` a name. */
export function reader(bytes, pos = 0) {
  const cursor = {
    bytes,
    pos,
    u32() {
      let value = 0, shift = 0, byte;
      do {
        byte = bytes[cursor.pos++];
        value += (byte & 0x7f) * 2 ** shift;
        shift += 7;
      } while (byte & 0x80);
      return value;
    },
    name() {
      const length = cursor.u32();
      cursor.pos += length;
      return bytes.subarray(cursor.pos - length, cursor.pos).toString("utf8");
    },
  };
  return cursor;
}

/** Each section of the module: `{ id, start, body, end }` (`start` its id's byte, `body` its
 * contents' first byte, `end` the byte after it). */
export function sections(bytes) {
  const list = [];
  const cursor = reader(bytes, 8);
  while (cursor.pos < bytes.length) {
    const start = cursor.pos, id = bytes[cursor.pos++], size = cursor.u32();
    list.push({ id, start, body: cursor.pos, end: cursor.pos + size });
    cursor.pos += size;
  }
  return list;
}

/** `n` as LEB128. */
export function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}
