//! The allocator of the wasm builds: the standard one, recording that an allocation failed.
//!
//! On wasm32 a failed allocation cannot be returned as an error: Rust's handler aborts, which is a
//! trap (`unreachable`), as a panic is. The JS guard that the build appends to the glue
//! (`js/guard.js`) catches the trap, asks `allocationFailed()` which of the two it was, replaces
//! the module instance with a fresh one and throws a coded error: `too_large` when the memory was
//! exhausted, `internal` for a bug.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, Ordering};

use wasm_bindgen::prelude::*;

static FAILED: AtomicBool = AtomicBool::new(false);

struct Recording;

fn record(p: *mut u8) -> *mut u8 {
    if p.is_null() {
        FAILED.store(true, Ordering::Relaxed);
    }
    p
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; only the
// null result is observed.
unsafe impl GlobalAlloc for Recording {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(unsafe { System.alloc(layout) })
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        record(unsafe { System.alloc_zeroed(layout) })
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(unsafe { System.realloc(ptr, layout, new_size) })
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Recording = Recording;

/// Whether an allocation failed since the last call (for the JS guard, after a trap; not API).
#[wasm_bindgen(js_name = allocationFailed, skip_typescript)]
pub fn allocation_failed() -> bool {
    FAILED.swap(false, Ordering::Relaxed)
}
