// The one way the bundle's files are compressed: the copies the reference server sends as they
// are (scripts/precompress.mjs), and so the bytes the size budgets count (scripts/size-report.mjs,
// tests/size.test.mjs); the benchmarks compress the comparison's files the same way.
//
// gzip is Zopfli's (@gfx/zopfli, the C library built to wasm; 15 iterations, its default): a
// deflate stream any gzip decoder reads, 4–5 % smaller than zlib's level 9 on the wasm
// (the main module 80,528 → 76,331 bytes), for about 10 s of the build. More iterations gave
// 50 bytes more for twice the time. brotli is node's at quality 11, its highest.
import { gzipAsync } from "@gfx/zopfli";
import { brotliCompressSync, constants } from "node:zlib";

/** `bytes` gzipped as the server sends them. */
export const gzip = async (bytes) => Buffer.from(await gzipAsync(bytes, { numiterations: 15 }));

/** `bytes` with brotli as the server sends them. */
export const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
