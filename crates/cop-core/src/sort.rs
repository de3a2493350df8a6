//! One sort for the code that ships in the calendar's wasm chunk.
//!
//! Every `sort`, `sort_unstable` or `sort_by_key` on a new element type (or with a new
//! closure) compiles the standard library's quicksort anew: about 2–3.5 KB of wasm each, and
//! the calendar had ten of them. Here the standard sort is instantiated once, on positions
//! compared through a `&dyn Fn`, and the items are then put in that order: one copy of it for
//! the whole crate, a few dozen bytes per call site. Stable (ties keep their order), which
//! also gives the same result as the unstable sorts it replaces on totally ordered values.

use std::cmp::Ordering;

/// The positions `0..len` in the order `cmp` gives them, ties by position.
pub fn order(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    order
}

/// Sorts `items` by `cmp`, stably.
pub fn sort_by<T: Copy>(items: &mut [T], cmp: impl Fn(&T, &T) -> Ordering) {
    let sorted: Vec<T> = order(items.len(), &|a, b| cmp(&items[a], &items[b]))
        .into_iter()
        .map(|i| items[i])
        .collect();
    for (slot, value) in items.iter_mut().zip(sorted) {
        *slot = value;
    }
}

/// Sorts `items` in their own order.
pub fn sort<T: Copy + Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut items = [(3, 'a'), (1, 'b'), (3, 'c'), (0, 'd'), (1, 'e')];
        sort_by(&mut items, |a, b| a.0.cmp(&b.0));
        assert_eq!(items, [(0, 'd'), (1, 'b'), (1, 'e'), (3, 'a'), (3, 'c')]);
        let mut numbers = [5u8, 2, 9, 2, 0];
        sort(&mut numbers);
        assert_eq!(numbers, [0, 2, 2, 5, 9]);
        let mut empty: [u32; 0] = [];
        sort(&mut empty);
        assert_eq!(order(3, &|a, b| b.cmp(&a)), [2, 1, 0]);
    }
}
