//! One stable sort for the lists the first page sorts.
//!
//! The standard library's sort is generic: every element type and every
//! comparison gets its own copy of the whole algorithm, about 3.5 KB of
//! wasm each, and the dashboard alone sorts fourteen kinds of list. Here
//! the sort runs once, over positions with a comparison behind a `dyn`,
//! and the elements are moved into place after; what stays generic per
//! call is a few lines. Stable, like `slice::sort_by`.

use std::cmp::Ordering;

/// `items` sorted by `compare`, keeping the order of equal ones.
pub fn sort_by<T>(items: &mut Vec<T>, compare: impl Fn(&T, &T) -> Ordering) {
    let order = {
        let all = &*items;
        sorted_positions(all.len(), &|a, b| compare(&all[a], &all[b]))
    };
    let mut taken: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.iter().filter_map(|&i| taken[i].take()));
}

/// `items` sorted by `key`, keeping the order of equal ones.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..len` in the order `compare` gives them. Not generic:
/// the one copy of the sort in the bundle.
fn sorted_positions(len: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_like_the_standard_sort() {
        let mut items = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        let mut expected = items.clone();
        expected.sort_by_key(|p| p.0);
        sort_by_key(&mut items, |p| p.0);
        assert_eq!(items, expected);
        sort_by(&mut items, |a, b| b.1.cmp(&a.1));
        assert_eq!(items.iter().map(|p| p.1).collect::<String>(), "edcba");
        let mut empty: Vec<u8> = Vec::new();
        sort_by_key(&mut empty, |x| *x);
        assert!(empty.is_empty());
    }
}
