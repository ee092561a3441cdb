//! The one dependency graph: adjacency in both directions, topological
//! order, cycles, and "would this new dependency close a loop".
//!
//! Why one module: the dataset's validation, the commands (which refuse a
//! dependency that would close a loop *before* it is stored) and the
//! scheduler must agree on what a cycle is, so they all ask this graph.
//!
//! It has its own small input types: nodes are positions `0..n` and an
//! edge is "`predecessor` before `successor`" with a lag in working days.
//! [`Graph::keyed`] builds it from any list of records with ids (steps of a
//! dataset, steps of a plan), so it knows nothing of either. Adjacency is
//! kept in compressed arrays (one offset vector plus one edge vector per
//! direction) so that 10,000 steps with 20,000 dependencies are a few
//! allocations, not 20,000. Every walk uses an explicit stack or queue, so
//! a chain of 50,000 steps cannot overflow the (small) wasm stack.

use std::collections::{HashMap, VecDeque};
use std::hash::Hash;

/// An edge to a neighbour: its position and the lag in working days.
pub type Edge = (usize, i32);

/// Dependencies between nodes `0..len()`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    pred_offsets: Vec<usize>,
    preds: Vec<Edge>,
    succ_offsets: Vec<usize>,
    succs: Vec<Edge>,
}

/// Not yet reached by a search.
const UNSEEN: usize = usize::MAX;

impl Graph {
    /// A graph over `items`, one node per item in order. `key` is an item's
    /// id and `predecessors` its dependencies as (id, lag). Predecessor ids
    /// that are no item's are skipped (callers that must refuse them check
    /// beforehand). If an id occurs twice, the first item wins. Returns the
    /// graph and the position of every id.
    pub fn keyed<'a, T, K, P>(
        items: &'a [T],
        key: impl Fn(&'a T) -> K,
        predecessors: impl Fn(&'a T) -> P,
    ) -> (Self, HashMap<K, usize>)
    where
        K: Hash + Eq,
        P: IntoIterator<Item = (K, i32)>,
    {
        Self::keyed_into(
            HashMap::with_capacity(items.len()),
            items,
            key,
            predecessors,
        )
    }

    /// [`Graph::keyed`] with the id index in a given (empty) map, for a
    /// faster hasher than the standard one.
    pub fn keyed_into<'a, T, K, P, S>(
        mut index: HashMap<K, usize, S>,
        items: &'a [T],
        key: impl Fn(&'a T) -> K,
        predecessors: impl Fn(&'a T) -> P,
    ) -> (Self, HashMap<K, usize, S>)
    where
        K: Hash + Eq,
        P: IntoIterator<Item = (K, i32)>,
        S: std::hash::BuildHasher,
    {
        for (i, item) in items.iter().enumerate() {
            index.entry(key(item)).or_insert(i);
        }
        let graph = Self::build(
            items.len(),
            items.iter().map(|item| {
                predecessors(item)
                    .into_iter()
                    .filter_map(|(p, lag)| index.get(&p).map(|&pi| (pi, lag)))
            }),
        );
        (graph, index)
    }

    /// A graph with `n` nodes and the edges `(predecessor, successor)`, lag
    /// 0. Edges naming a node `>= n` are skipped.
    pub fn from_edges(n: usize, edges: &[(usize, usize)]) -> Self {
        let mut lists: Vec<Vec<Edge>> = vec![Vec::new(); n];
        for &(p, s) in edges {
            if p < n && s < n {
                lists[s].push((p, 0));
            }
        }
        Self::build(n, lists)
    }

    /// The graph from each node's predecessors (all `< n`), in node order.
    fn build<L: IntoIterator<Item = Edge>>(n: usize, lists: impl IntoIterator<Item = L>) -> Self {
        let mut pred_offsets = Vec::with_capacity(n + 1);
        let mut preds = Vec::new();
        let mut succ_count = vec![0usize; n];
        for list in lists.into_iter().take(n) {
            pred_offsets.push(preds.len());
            for (p, lag) in list {
                preds.push((p, lag));
                succ_count[p] += 1;
            }
        }
        while pred_offsets.len() <= n {
            pred_offsets.push(preds.len());
        }

        let mut succ_offsets = Vec::with_capacity(n + 1);
        let mut acc = 0;
        for c in &succ_count {
            succ_offsets.push(acc);
            acc += c;
        }
        succ_offsets.push(acc);
        let mut fill = succ_offsets.clone();
        let mut succs = vec![(0usize, 0i32); acc];
        for v in 0..n {
            for &(p, lag) in &preds[pred_offsets[v]..pred_offsets[v + 1]] {
                succs[fill[p]] = (v, lag);
                fill[p] += 1;
            }
        }
        Graph {
            pred_offsets,
            preds,
            succ_offsets,
            succs,
        }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.pred_offsets.len().saturating_sub(1)
    }

    /// Number of edges.
    pub fn edge_count(&self) -> usize {
        self.preds.len()
    }

    /// True without nodes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The predecessors of node `v` with their lags, in input order.
    pub fn predecessors(&self, v: usize) -> &[Edge] {
        &self.preds[self.pred_offsets[v]..self.pred_offsets[v + 1]]
    }

    /// The successors of node `v` with their lags.
    pub fn successors(&self, v: usize) -> &[Edge] {
        &self.succs[self.succ_offsets[v]..self.succ_offsets[v + 1]]
    }

    /// A topological order (every predecessor before its successors), by
    /// Kahn's algorithm in O(V + E). Nodes without mutual constraints keep
    /// their input order, so results are stable for the user.
    ///
    /// On a cycle, returns `Err` with one cycle in dependency order (each
    /// node is a predecessor of the next, and the last one of the first),
    /// starting at its lowest position.
    pub fn topological_order(&self) -> Result<Vec<usize>, Vec<usize>> {
        let n = self.len();
        let mut in_degree: Vec<usize> = (0..n).map(|v| self.predecessors(v).len()).collect();
        let mut queue: VecDeque<usize> = (0..n).filter(|&v| in_degree[v] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &(s, _) in self.successors(v) {
                in_degree[s] -= 1;
                if in_degree[s] == 0 {
                    queue.push_back(s);
                }
            }
        }
        if order.len() == n {
            Ok(order)
        } else {
            Err(self.cycle_among(&in_degree))
        }
    }

    /// After Kahn's algorithm stopped early, every node with a positive
    /// remaining in-degree has at least one predecessor that is also left
    /// over. Walking from such a predecessor to the next must therefore
    /// revisit a node: the revisited stretch is a cycle.
    fn cycle_among(&self, in_degree: &[usize]) -> Vec<usize> {
        let Some(start) = (0..self.len()).find(|&v| in_degree[v] > 0) else {
            return Vec::new();
        };
        let mut position = HashMap::new();
        let mut walk = Vec::new();
        let mut v = start;
        loop {
            if let Some(&at) = position.get(&v) {
                let mut cycle: Vec<usize> = walk[at..].to_vec();
                // We walked successor -> predecessor; report in dependency order.
                cycle.reverse();
                rotate_to_lowest(&mut cycle);
                return cycle;
            }
            position.insert(v, walk.len());
            walk.push(v);
            match self
                .predecessors(v)
                .iter()
                .find(|&&(p, _)| in_degree[p] > 0)
            {
                Some(&(p, _)) => v = p,
                // Cannot happen by the argument above; return what we have
                // rather than panic.
                None => return walk,
            }
        }
    }

    /// Every cycle region once: for each strongly connected component that
    /// has a cycle (two or more nodes, or one node depending on itself), a
    /// shortest cycle through its lowest node, in dependency order and
    /// starting with that node. Sorted by that node. O(V + E).
    ///
    /// Why one per component and not every cycle: the number of distinct
    /// cycles can grow exponentially, and one named loop per knot is what a
    /// person needs to untie it.
    pub fn cycles(&self) -> Vec<Vec<usize>> {
        let n = self.len();
        let component = self.components();
        let mut lowest = HashMap::new();
        let mut size: HashMap<usize, usize> = HashMap::new();
        for (v, &c) in component.iter().enumerate() {
            lowest.entry(c).or_insert(v);
            *size.entry(c).or_insert(0) += 1;
        }
        let mut starts: Vec<usize> = lowest
            .iter()
            .filter(|&(c, &v)| size[c] > 1 || self.successors(v).iter().any(|&(s, _)| s == v))
            .map(|(_, &v)| v)
            .collect();
        starts.sort_unstable();
        let mut came_from = vec![UNSEEN; n];
        starts
            .into_iter()
            .filter_map(|start| self.cycle_through(start, &component, &mut came_from))
            .collect()
    }

    /// The component number of every node (Tarjan's algorithm with an
    /// explicit stack).
    fn components(&self) -> Vec<usize> {
        let n = self.len();
        let mut index = vec![UNSEEN; n];
        let mut low = vec![0usize; n];
        let mut on_stack = vec![false; n];
        let mut component = vec![UNSEEN; n];
        let mut stack = Vec::new();
        let mut calls: Vec<(usize, usize)> = Vec::new();
        let (mut next_index, mut next_component) = (0, 0);
        for root in 0..n {
            if index[root] != UNSEEN {
                continue;
            }
            index[root] = next_index;
            low[root] = next_index;
            next_index += 1;
            stack.push(root);
            on_stack[root] = true;
            calls.push((root, 0));
            while let Some(top) = calls.last_mut() {
                let (v, next) = *top;
                if let Some(&(w, _)) = self.successors(v).get(next) {
                    top.1 += 1;
                    if index[w] == UNSEEN {
                        index[w] = next_index;
                        low[w] = next_index;
                        next_index += 1;
                        stack.push(w);
                        on_stack[w] = true;
                        calls.push((w, 0));
                    } else if on_stack[w] {
                        low[v] = low[v].min(index[w]);
                    }
                    continue;
                }
                calls.pop();
                if let Some(&(parent, _)) = calls.last() {
                    low[parent] = low[parent].min(low[v]);
                }
                if low[v] == index[v] {
                    while let Some(w) = stack.pop() {
                        on_stack[w] = false;
                        component[w] = next_component;
                        if w == v {
                            break;
                        }
                    }
                    next_component += 1;
                }
            }
        }
        component
    }

    /// A shortest cycle from `start` back to itself inside its component,
    /// by breadth-first search along successors.
    fn cycle_through(
        &self,
        start: usize,
        component: &[usize],
        came_from: &mut [usize],
    ) -> Option<Vec<usize>> {
        let mut queue = VecDeque::from([start]);
        came_from[start] = start;
        while let Some(v) = queue.pop_front() {
            for &(s, _) in self.successors(v) {
                if s == start {
                    let mut cycle = vec![v];
                    let mut cur = v;
                    while cur != start {
                        cur = came_from[cur];
                        cycle.push(cur);
                    }
                    cycle.reverse();
                    return Some(cycle);
                }
                if component[s] == component[start] && came_from[s] == UNSEEN {
                    came_from[s] = v;
                    queue.push_back(s);
                }
            }
        }
        None
    }

    /// A shortest chain of dependencies from `from` to `to` (both included),
    /// by breadth-first search along successors. `None` when `to` cannot be
    /// reached or a position is out of range.
    pub fn path(&self, from: usize, to: usize) -> Option<Vec<usize>> {
        let n = self.len();
        if from >= n || to >= n {
            return None;
        }
        let mut came_from = vec![UNSEEN; n];
        came_from[from] = from;
        let mut queue = VecDeque::from([from]);
        while let Some(v) = queue.pop_front() {
            if v == to {
                let mut path = vec![to];
                let mut cur = to;
                while cur != from {
                    cur = came_from[cur];
                    path.push(cur);
                }
                path.reverse();
                return Some(path);
            }
            for &(s, _) in self.successors(v) {
                if came_from[s] == UNSEEN {
                    came_from[s] = v;
                    queue.push_back(s);
                }
            }
        }
        None
    }

    /// Would the edge "`successor` after `predecessor`" close a loop? If so,
    /// the loop in dependency order: `predecessor`, `successor`, then the
    /// shortest existing chain from `successor` back towards `predecessor`
    /// (which is not repeated at the end). A node after itself is the loop
    /// `[predecessor]`. O(V + E).
    pub fn cycle_if_added(&self, predecessor: usize, successor: usize) -> Option<Vec<usize>> {
        if predecessor == successor {
            return (predecessor < self.len()).then(|| vec![predecessor]);
        }
        let path = self.path(successor, predecessor)?;
        // path = successor -> ... -> predecessor; the new edge closes it.
        let mut cycle = Vec::with_capacity(path.len());
        cycle.push(predecessor);
        cycle.extend_from_slice(&path[..path.len() - 1]);
        Some(cycle)
    }
}

/// Rotates a cycle so that its lowest position comes first: the same cycle
/// found from different starting points then reads the same.
fn rotate_to_lowest(cycle: &mut [usize]) {
    if let Some(at) = (0..cycle.len()).min_by_key(|&i| cycle[i]) {
        cycle.rotate_left(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Edges between 1-based nodes, as written in the comments.
    fn graph(edges: &[(usize, usize)], n: usize) -> Graph {
        let edges: Vec<_> = edges.iter().map(|&(p, s)| (p - 1, s - 1)).collect();
        Graph::from_edges(n, &edges)
    }

    #[test]
    fn independent_nodes_keep_input_order() {
        assert_eq!(graph(&[], 4).topological_order(), Ok(vec![0, 1, 2, 3]));
    }

    #[test]
    fn predecessors_come_first() {
        // 3 → 1 → 2, 4 alone.
        let g = graph(&[(3, 1), (1, 2)], 4);
        assert_eq!(g.topological_order(), Ok(vec![2, 3, 0, 1]));
        assert_eq!(g.successors(2), &[(0, 0)]);
        assert_eq!(g.predecessors(1), &[(0, 0)]);
    }

    #[test]
    fn cycle_behind_a_tail_is_found_without_the_tail() {
        // 1 → 2 → 3 → 2: the cycle is 2 → 3, not 1.
        let g = graph(&[(1, 2), (2, 3), (3, 2)], 3);
        assert_eq!(g.topological_order(), Err(vec![1, 2]));
        assert_eq!(g.cycles(), vec![vec![1, 2]]);
    }

    #[test]
    fn keyed_skips_unknown_predecessors_and_keeps_lags() {
        let items = [("a", vec![("x", 1)]), ("b", vec![("a", 3)])];
        let (g, index) = Graph::keyed(&items, |i| i.0, |i| i.1.clone());
        assert!(g.predecessors(0).is_empty());
        assert_eq!(g.predecessors(1), &[(0, 3)]);
        assert_eq!(index["b"], 1);
    }

    #[test]
    fn path_is_shortest() {
        // 1 → 2 → 3 → 4 and 1 → 4.
        let g = graph(&[(1, 2), (2, 3), (3, 4), (1, 4)], 4);
        assert_eq!(g.path(0, 3), Some(vec![0, 3]));
        assert_eq!(g.path(3, 0), None);
        assert_eq!(g.path(0, 99), None);
    }

    #[test]
    fn one_cycle_per_knot() {
        // 1 ⇄ 2, 3 → 4 → 5 → 3 with the shortcut 4 → 3, 6 after itself, 7 free.
        let g = graph(
            &[
                (1, 2),
                (2, 1),
                (3, 4),
                (4, 5),
                (5, 3),
                (4, 3),
                (6, 6),
                (5, 7),
            ],
            7,
        );
        assert_eq!(g.cycles(), vec![vec![0, 1], vec![2, 3], vec![5]]);
    }

    #[test]
    fn closing_edge_names_the_loop() {
        // 1 → 2 → 3: "1 after 3" closes 3 → 1 → 2 → 3.
        let g = graph(&[(1, 2), (2, 3)], 3);
        assert_eq!(g.cycle_if_added(2, 0), Some(vec![2, 0, 1]));
        assert_eq!(g.cycle_if_added(0, 2), None);
        assert_eq!(g.cycle_if_added(1, 1), Some(vec![1]));
        assert_eq!(g.cycle_if_added(7, 7), None);
    }

    #[test]
    fn long_chains_do_not_overflow_the_stack() {
        let n = 200_000;
        let edges: Vec<_> = (1..n).map(|i| (i - 1, i)).collect();
        let mut g = Graph::from_edges(n, &edges);
        assert!(g.cycles().is_empty());
        assert_eq!(g.cycle_if_added(n - 1, 0).map(|c| c.len()), Some(n));
        let mut closed = edges.clone();
        closed.push((n - 1, 0));
        g = Graph::from_edges(n, &closed);
        assert_eq!(g.cycles().len(), 1);
        assert_eq!(g.cycles()[0].len(), n);
    }
}
