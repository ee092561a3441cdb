//! The dependency graph of a plan: adjacency in both directions, a
//! topological order (Kahn's algorithm) and cycle detection.
//!
//! Why a separate file: the scheduler needs the order, the UI needs to refuse
//! a dependency that would close a loop *before* it is stored, and both
//! must agree on what a cycle is. Adjacency is kept in compressed arrays
//! (one offset vector plus one edge vector per direction) so that 10,000
//! steps with 20,000 dependencies are a few allocations, not 20,000.

use std::collections::{HashMap, VecDeque};

use uuid::Uuid;

use super::schedule::{PlanStep, ScheduleInput};

/// An edge to a neighbour: its index and the lag in working days.
pub(crate) type Edge = (usize, i32);

/// Dependencies between the steps of a plan, by position in the input.
#[derive(Debug, Clone)]
pub(crate) struct DependencyGraph {
    /// Step id -> position. If an id occurs twice, the first wins (the
    /// scheduler refuses such input before it gets here).
    pub index: HashMap<Uuid, usize>,
    pred_offsets: Vec<usize>,
    preds: Vec<Edge>,
    succ_offsets: Vec<usize>,
    succs: Vec<Edge>,
}

impl DependencyGraph {
    /// Builds the graph. Predecessor ids that are not in `steps` are skipped;
    /// callers that must reject them check beforehand.
    pub fn build(steps: &[PlanStep]) -> Self {
        let mut index = HashMap::with_capacity(steps.len());
        for (i, s) in steps.iter().enumerate() {
            index.entry(s.id).or_insert(i);
        }
        let n = steps.len();
        let mut pred_offsets = Vec::with_capacity(n + 1);
        let mut preds = Vec::new();
        let mut succ_count = vec![0usize; n];
        for s in steps {
            pred_offsets.push(preds.len());
            for &(p, lag) in &s.predecessors {
                if let Some(&pi) = index.get(&p) {
                    preds.push((pi, lag));
                    succ_count[pi] += 1;
                }
            }
        }
        pred_offsets.push(preds.len());

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
        DependencyGraph {
            index,
            pred_offsets,
            preds,
            succ_offsets,
            succs,
        }
    }

    /// Number of steps.
    pub fn len(&self) -> usize {
        self.pred_offsets.len().saturating_sub(1)
    }

    /// The predecessors of step `v` with their lags.
    pub fn preds(&self, v: usize) -> &[Edge] {
        &self.preds[self.pred_offsets[v]..self.pred_offsets[v + 1]]
    }

    /// The successors of step `v` with their lags.
    pub fn succs(&self, v: usize) -> &[Edge] {
        &self.succs[self.succ_offsets[v]..self.succ_offsets[v + 1]]
    }

    /// A topological order (every predecessor before its successors), by
    /// Kahn's algorithm in O(V + E). Steps without mutual constraints keep
    /// their input order, so results are stable for the user.
    ///
    /// On a cycle, returns `Err` with one cycle as step positions in
    /// dependency order (each step is a predecessor of the next, and the
    /// last one of the first).
    pub fn topological_order(&self) -> Result<Vec<usize>, Vec<usize>> {
        let n = self.len();
        let mut in_degree: Vec<usize> = (0..n).map(|v| self.preds(v).len()).collect();
        let mut queue: VecDeque<usize> = (0..n).filter(|&v| in_degree[v] == 0).collect();
        let mut order = Vec::with_capacity(n);
        while let Some(v) = queue.pop_front() {
            order.push(v);
            for &(s, _) in self.succs(v) {
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

    /// After Kahn's algorithm stopped early, every step with a positive
    /// remaining in-degree has at least one predecessor that is also left
    /// over. Walking from such a predecessor to the next must therefore
    /// revisit a step: the revisited stretch is a cycle.
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
                // Start at the step the user entered first, for a stable message.
                if let Some(min_at) = (0..cycle.len()).min_by_key(|&i| cycle[i]) {
                    cycle.rotate_left(min_at);
                }
                return cycle;
            }
            position.insert(v, walk.len());
            walk.push(v);
            match self.preds(v).iter().find(|&&(p, _)| in_degree[p] > 0) {
                Some(&(p, _)) => v = p,
                // Cannot happen by the argument above; return what we have
                // rather than panic.
                None => return walk,
            }
        }
    }

    /// A shortest chain of dependencies from `from` to `to` (both included),
    /// by breadth-first search along successors.
    pub fn path(&self, from: usize, to: usize) -> Option<Vec<usize>> {
        let n = self.len();
        if from >= n || to >= n {
            return None;
        }
        let mut came_from = vec![usize::MAX; n];
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
            for &(s, _) in self.succs(v) {
                if came_from[s] == usize::MAX {
                    came_from[s] = v;
                    queue.push_back(s);
                }
            }
        }
        None
    }
}

/// Would the dependency "`successor` starts after `predecessor` finishes"
/// close a loop? If so, returns the loop in dependency order, starting with
/// `predecessor`, then `successor`, then the existing chain back towards
/// `predecessor` (which is not repeated at the end). Used to refuse the
/// dependency in the UI at the moment the user tries to create it.
///
/// A step depending on itself is the loop `[predecessor]`. Unknown ids have
/// no dependencies, so they never close a loop (other than with themselves).
/// Runs in O(V + E).
pub fn find_cycle_if_added(
    input: &ScheduleInput,
    predecessor: Uuid,
    successor: Uuid,
) -> Option<Vec<Uuid>> {
    if predecessor == successor {
        return Some(vec![predecessor]);
    }
    let graph = DependencyGraph::build(&input.steps);
    let from = *graph.index.get(&successor)?;
    let to = *graph.index.get(&predecessor)?;
    let path = graph.path(from, to)?;
    // path = successor -> ... -> predecessor; the new edge closes it.
    let mut cycle = Vec::with_capacity(path.len());
    cycle.push(predecessor);
    cycle.extend(path[..path.len() - 1].iter().map(|&i| input.steps[i].id));
    Some(cycle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(edges: &[(u128, u128)], n: u128) -> Vec<PlanStep> {
        (1..=n)
            .map(|i| {
                let mut s = PlanStep::new(Uuid::from_u128(i), format!("S{i}"), 1);
                for &(p, succ) in edges {
                    if succ == i {
                        s = s.after(Uuid::from_u128(p), 0);
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn independent_steps_keep_input_order() {
        let g = DependencyGraph::build(&plan(&[], 4));
        assert_eq!(g.topological_order(), Ok(vec![0, 1, 2, 3]));
    }

    #[test]
    fn predecessors_come_first() {
        // 3 → 1 → 2, 4 alone.
        let g = DependencyGraph::build(&plan(&[(3, 1), (1, 2)], 4));
        assert_eq!(g.topological_order(), Ok(vec![2, 3, 0, 1]));
        assert_eq!(g.succs(2), &[(0, 0)]);
        assert_eq!(g.preds(1), &[(0, 0)]);
    }

    #[test]
    fn cycle_behind_a_tail_is_found_without_the_tail() {
        // 1 → 2 → 3 → 2: the cycle is 2 → 3, not 1.
        let g = DependencyGraph::build(&plan(&[(1, 2), (2, 3), (3, 2)], 3));
        assert_eq!(g.topological_order(), Err(vec![1, 2]));
    }

    #[test]
    fn unknown_predecessors_are_skipped_by_the_graph() {
        let steps = vec![PlanStep::new(Uuid::from_u128(1), "A", 1).after(Uuid::from_u128(9), 0)];
        let g = DependencyGraph::build(&steps);
        assert!(g.preds(0).is_empty());
    }

    #[test]
    fn path_is_shortest() {
        // 1 → 2 → 3 → 4 and 1 → 4.
        let g = DependencyGraph::build(&plan(&[(1, 2), (2, 3), (3, 4), (1, 4)], 4));
        assert_eq!(g.path(0, 3), Some(vec![0, 3]));
        assert_eq!(g.path(3, 0), None);
        assert_eq!(g.path(0, 99), None);
    }
}
