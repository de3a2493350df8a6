//! Feature `alloc-stats`, for measuring only (never in what `scripts/build.sh` ships by
//! default): the global allocator (std's, dlmalloc on wasm32) behind a counter of the bytes
//! and blocks allocated and not yet freed, read by `scripts/bench.mjs` through
//! [`alloc_stats`]. `WebAssembly.Memory`'s size only grows, so it hides a leak smaller than
//! the free space it has; these counters do not. Build with
//! `COP_FEATURES=alloc-stats COP_PKG_DIR=pkg-stats bash scripts/build.sh`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

use wasm_bindgen::prelude::*;

struct Counting;

static BYTES: AtomicUsize = AtomicUsize::new(0);
static BLOCKS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = System.alloc(layout);
        if !block.is_null() {
            BYTES.fetch_add(layout.size(), Relaxed);
            BLOCKS.fetch_add(1, Relaxed);
        }
        block
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = System.alloc_zeroed(layout);
        if !block.is_null() {
            BYTES.fetch_add(layout.size(), Relaxed);
            BLOCKS.fetch_add(1, Relaxed);
        }
        block
    }

    unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
        System.dealloc(block, layout);
        BYTES.fetch_sub(layout.size(), Relaxed);
        BLOCKS.fetch_sub(1, Relaxed);
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = System.realloc(block, layout, new_size);
        if !moved.is_null() {
            BYTES.fetch_add(new_size, Relaxed);
            BYTES.fetch_sub(layout.size(), Relaxed);
        }
        moved
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// `[bytes, blocks]` allocated and not freed.
#[wasm_bindgen]
pub fn alloc_stats() -> Vec<f64> {
    vec![BYTES.load(Relaxed) as f64, BLOCKS.load(Relaxed) as f64]
}
