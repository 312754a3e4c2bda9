//! Stable sorting through one compiled sort routine.
//!
//! The standard library's `sort_by` is generic over the element and the comparison, so every call site compiles
//! its own copy of the sort (about 2 KB of wasm each). Here the sort runs once, over positions with a
//! type-erased comparison, and the result is applied by swaps: the order is the standard library's stable order.

use std::cmp::Ordering;

/// Sorts `items` stably by `compare`.
pub fn sort_by<T>(items: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    let order = positions_in_order(items.len(), &|a, b| compare(&items[a], &items[b]));
    permute(items, order);
}

/// Sorts `items` stably by the key `key` gives.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in sorted order: the one instance of the standard library's stable sort.
fn positions_in_order(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Rearranges `items` so that position `k` holds what was at `order[k]`, following each cycle of the permutation
/// with swaps.
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    const DONE: usize = usize::MAX;
    for start in 0..items.len() {
        let mut at = start;
        while order[at] != DONE {
            let from = order[at];
            order[at] = DONE;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the comparison with the standard sort covers many shapes.
    fn numbers(seed: u64, len: usize, range: u64) -> Vec<u64> {
        let mut state = seed;
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % range
            })
            .collect()
    }

    #[test]
    fn matches_the_standard_stable_sort_including_ties() {
        for seed in 0..200 {
            let len = (seed % 40) as usize;
            // (key, original position): ties on the key show whether the sort is stable.
            let items: Vec<(u64, usize)> = numbers(seed, len, 5)
                .into_iter()
                .enumerate()
                .map(|(i, k)| (k, i))
                .collect();
            let mut ours = items.clone();
            sort_by_key(&mut ours, |item| item.0);
            let mut standard = items;
            standard.sort_by_key(|item| item.0);
            assert_eq!(ours, standard, "seed {seed}");
        }
    }

    #[test]
    fn sorts_descending_and_long_lists() {
        let mut items = numbers(7, 5000, 1000);
        sort_by(&mut items, |a, b| b.cmp(a));
        assert!(items.windows(2).all(|w| w[0] >= w[1]));
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
    }
}
