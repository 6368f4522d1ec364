//! The linking engine shared by incidents, agreements and evacuations.
//!
//! Items (an event, an agreement mention, an evacuation mention) are linked when a pairwise rule
//! says they may be the same thing. The *components* of that graph are a function of the set of
//! items alone, whatever order they arrived in; each component is then clustered by a
//! deterministic greedy pass in a canonical order. So the picture depends on the set of reports
//! only, and adding a report re-clusters only the components it touches.
//!
//! Candidates are found through a space–time index: items with a point place sit in grid cells
//! per time bucket; every item also sits under its countries; items with a place off the grid
//! (a region) or without a place sit in a "loose" bucket per country. [`Footprint`] makes the
//! keys and the probes so that every pair a rule may link is found from either side.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::features::{cell, Country, PlaceSig};

/// The time bucket of undated items: they are only ever compared with each other.
const UNDATED: i32 = i32::MIN;

/// One index key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key {
    Cell {
        kind: u16,
        t: i32,
        y: i32,
        x: i32,
    },
    Country {
        kind: u16,
        t: i32,
        c: Country,
        loose: bool,
    },
}

/// Where an item sits in time and space.
#[derive(Debug, Clone, Default)]
pub(crate) struct Footprint {
    /// Separates the kinds of item (and families of event types) in the index.
    pub kind: u16,
    /// Time buckets `lo..=hi`; `None` for an undated item.
    pub t: Option<(i32, i32)>,
    /// Buckets probed either side.
    pub slack: i32,
    /// Grid cells of the item's point places.
    pub cells: Vec<(i32, i32)>,
    /// Countries of its places and actors (0 when none is known).
    pub countries: Vec<Country>,
    /// It has no place, or a place that is not a grid point.
    pub loose: bool,
}

impl Footprint {
    /// Build from places and the countries of the actors.
    pub fn new(
        kind: u16,
        t: Option<(i32, i32)>,
        slack: i32,
        places: &[PlaceSig],
        actor_countries: impl IntoIterator<Item = Country>,
    ) -> Footprint {
        let mut cells: Vec<(i32, i32)> =
            places.iter().filter_map(|p| p.point()).map(cell).collect();
        cells.sort_unstable();
        cells.dedup();
        // Found through its countries (not only its cells) when a place may match without
        // being a nearby point: no place, a region, or only places taken from context.
        let loose = places.is_empty()
            || places.iter().any(|p| p.point().is_none())
            || places.iter().all(|p| p.inferred);
        let mut countries: Vec<Country> = places
            .iter()
            .map(|p| p.country)
            .filter(|c| *c != 0)
            .chain(actor_countries.into_iter().filter(|c| *c != 0))
            .collect();
        countries.sort_unstable();
        countries.dedup();
        if countries.is_empty() {
            countries.push(0);
        }
        Footprint {
            kind,
            t,
            slack,
            cells,
            countries,
            loose,
        }
    }

    fn times(&self, slack: i32) -> Vec<i32> {
        match self.t {
            None => vec![UNDATED],
            Some((lo, hi)) => (lo.saturating_sub(slack)..=hi.saturating_add(slack)).collect(),
        }
    }

    /// The keys the item is stored under.
    pub fn keys(&self, out: &mut Vec<Key>) {
        let kind = self.kind;
        for t in self.times(0) {
            for &(y, x) in &self.cells {
                out.push(Key::Cell { kind, t, y, x });
            }
            for &c in &self.countries {
                out.push(Key::Country {
                    kind,
                    t,
                    c,
                    loose: false,
                });
                if self.loose {
                    out.push(Key::Country {
                        kind,
                        t,
                        c,
                        loose: true,
                    });
                }
            }
        }
    }

    /// The keys under which the item's possible links are stored.
    pub fn probes(&self, out: &mut Vec<Key>) {
        let kind = self.kind;
        for t in self.times(self.slack) {
            for &(y, x) in &self.cells {
                for dy in -1..=1 {
                    for dx in -1..=1 {
                        out.push(Key::Cell {
                            kind,
                            t,
                            y: y + dy,
                            x: x + dx,
                        });
                    }
                }
            }
            for &c in &self.countries {
                out.push(Key::Country {
                    kind,
                    t,
                    c,
                    loose: !self.loose,
                });
            }
        }
    }

    /// Whether two items share a country (the rule whenever places are not two nearby points).
    pub fn share_country(&self, o: &Footprint) -> bool {
        self.countries.iter().any(|c| o.countries.contains(c))
    }
}

/// An item the engine can link.
pub(crate) trait Linkable {
    /// Where it sits.
    fn footprint(&self) -> &Footprint;
    /// The pairwise rule. Must be symmetric, and true only for pairs the index finds: two
    /// nearby grid points, or items sharing a country.
    fn linkable(&self, other: &Self) -> bool;
}

/// An item the engine can cluster.
pub(crate) trait Clusterable: Linkable {
    /// The canonical order, starting with [`Clusterable::start`].
    type Order: Ord + Clone;
    /// Its place in the canonical order (content only, never arrival).
    fn order(&self) -> Self::Order;
    /// When it starts (day number; `i64::MAX` undated).
    fn start(&self) -> i64;
    /// The latest start of an item it may link with.
    fn reach(&self) -> i64;
    /// How alike two linkable items are (higher is more alike); `None` when not linkable.
    fn score(&self, other: &Self) -> Option<i64>;
    /// Whether two items may sit in one cluster, given their link score (complete linkage:
    /// by default, only linked pairs).
    fn compatible(&self, _other: &Self, score: Option<i64>) -> bool {
        score.is_some()
    }
}

/// The items, their index and their components.
#[derive(Debug)]
pub(crate) struct Graph<T> {
    items: Vec<Option<T>>,
    free: Vec<u32>,
    index: FxHashMap<Key, Vec<u32>>,
    comp_of: Vec<u32>,
    comps: FxHashMap<u32, Vec<u32>>,
    next_comp: u32,
}

impl<T> Default for Graph<T> {
    fn default() -> Self {
        Graph {
            items: Vec::new(),
            free: Vec::new(),
            index: FxHashMap::default(),
            comp_of: Vec::new(),
            comps: FxHashMap::default(),
            next_comp: 0,
        }
    }
}

impl<T: Linkable> Graph<T> {
    /// The item with this id.
    pub fn get(&self, id: u32) -> &T {
        self.items[id as usize]
            .as_ref()
            .expect("graph: live item id")
    }

    /// The component of an item.
    pub fn comp_of(&self, id: u32) -> u32 {
        self.comp_of[id as usize]
    }

    /// Members of a component.
    pub fn members(&self, comp: u32) -> &[u32] {
        self.comps.get(&comp).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every component id.
    pub fn comp_ids(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self.comps.keys().copied().collect();
        v.sort_unstable();
        v
    }

    /// How many live items.
    pub fn len(&self) -> usize {
        self.items.len() - self.free.len()
    }

    fn alloc(&mut self, item: T) -> u32 {
        if let Some(id) = self.free.pop() {
            self.items[id as usize] = Some(item);
            id
        } else {
            self.items.push(Some(item));
            self.comp_of.push(u32::MAX);
            (self.items.len() - 1) as u32
        }
    }

    fn new_comp(&mut self, members: Vec<u32>) -> u32 {
        let c = self.next_comp;
        self.next_comp += 1;
        for &m in &members {
            self.comp_of[m as usize] = c;
        }
        self.comps.insert(c, members);
        c
    }

    fn index_item(&mut self, id: u32) {
        let mut keys = Vec::new();
        self.get(id).footprint().keys(&mut keys);
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            self.index.entry(k).or_default().push(id);
        }
    }

    fn unindex_item(&mut self, id: u32) {
        let mut keys = Vec::new();
        self.get(id).footprint().keys(&mut keys);
        keys.sort_unstable();
        keys.dedup();
        for k in keys {
            if let Some(v) = self.index.get_mut(&k) {
                v.retain(|&x| x != id);
                if v.is_empty() {
                    self.index.remove(&k);
                }
            }
        }
    }

    /// Live items the index finds for `item` (not checked against the rule), sorted.
    fn candidates(&self, item: &T, out: &mut Vec<u32>) {
        out.clear();
        let mut probes = Vec::new();
        item.footprint().probes(&mut probes);
        for k in probes {
            if let Some(v) = self.index.get(&k) {
                out.extend_from_slice(v);
            }
        }
        out.sort_unstable();
        out.dedup();
    }

    /// Items the index finds around a stored item, linked or not.
    pub fn nearby(&self, id: u32) -> Vec<u32> {
        let mut c = Vec::new();
        self.candidates(self.get(id), &mut c);
        c.retain(|&j| j != id);
        c
    }

    /// Linked neighbours of a stored item.
    pub fn neighbours(&self, id: u32) -> Vec<u32> {
        let mut c = Vec::new();
        let item = self.get(id);
        self.candidates(item, &mut c);
        c.retain(|&j| j != id && item.linkable(self.get(j)));
        c
    }

    /// Build from scratch: index everything, then join linked pairs (union–find).
    pub fn build(items: Vec<T>) -> Graph<T> {
        let mut g = Graph::default();
        let n = items.len();
        for it in items {
            let id = g.alloc(it);
            g.index_item(id);
        }
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn find(p: &mut [u32], mut x: u32) -> u32 {
            while p[x as usize] != x {
                p[x as usize] = p[p[x as usize] as usize];
                x = p[x as usize];
            }
            x
        }
        let mut cands = Vec::new();
        for i in 0..n as u32 {
            let item = g.get(i);
            g.candidates(item, &mut cands);
            for &j in &cands {
                if j < i && item.linkable(g.get(j)) {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    if a != b {
                        parent[a.max(b) as usize] = a.min(b);
                    }
                }
            }
        }
        let mut groups: FxHashMap<u32, Vec<u32>> = FxHashMap::default();
        for i in 0..n as u32 {
            let r = find(&mut parent, i);
            groups.entry(r).or_default().push(i);
        }
        let mut roots: Vec<u32> = groups.keys().copied().collect();
        roots.sort_unstable();
        for r in roots {
            let members = groups.remove(&r).unwrap_or_default();
            g.new_comp(members);
        }
        g
    }

    /// Add one item; returns its id, its component, and the components merged into it.
    pub fn insert(&mut self, item: T) -> (u32, u32, Vec<u32>) {
        let mut cands = Vec::new();
        self.candidates(&item, &mut cands);
        let mut comps: Vec<u32> = cands
            .iter()
            .filter(|&&j| item.linkable(self.get(j)))
            .map(|&j| self.comp_of[j as usize])
            .collect();
        comps.sort_unstable();
        comps.dedup();
        let id = self.alloc(item);
        self.index_item(id);
        if comps.is_empty() {
            let c = self.new_comp(vec![id]);
            return (id, c, Vec::new());
        }
        // Merge into the largest component.
        let target = *comps
            .iter()
            .max_by_key(|c| (self.comps[*c].len(), std::cmp::Reverse(**c)))
            .expect("non-empty");
        let mut merged = Vec::new();
        for c in comps {
            if c == target {
                continue;
            }
            let members = self.comps.remove(&c).unwrap_or_default();
            for &m in &members {
                self.comp_of[m as usize] = target;
            }
            self.comps
                .get_mut(&target)
                .expect("target component")
                .extend(members);
            merged.push(c);
        }
        self.comp_of[id as usize] = target;
        self.comps
            .get_mut(&target)
            .expect("target component")
            .push(id);
        (id, target, merged)
    }

    /// Remove items; returns the components that were dissolved and the ones that replace them.
    pub fn remove(&mut self, ids: &[u32]) -> (Vec<u32>, Vec<u32>) {
        let gone: FxHashSet<u32> = ids.iter().copied().collect();
        let mut old: Vec<u32> = ids.iter().map(|&i| self.comp_of[i as usize]).collect();
        old.sort_unstable();
        old.dedup();
        for &id in ids {
            self.unindex_item(id);
        }
        let mut new = Vec::new();
        for &c in &old {
            let members: Vec<u32> = self
                .comps
                .remove(&c)
                .unwrap_or_default()
                .into_iter()
                .filter(|m| !gone.contains(m))
                .collect();
            // Connectivity among what is left.
            let set: FxHashSet<u32> = members.iter().copied().collect();
            let mut seen: FxHashSet<u32> = FxHashSet::default();
            for &m in &members {
                if !seen.insert(m) {
                    continue;
                }
                let mut group = vec![m];
                let mut stack = vec![m];
                while let Some(x) = stack.pop() {
                    for n in self.neighbours(x) {
                        if set.contains(&n) && seen.insert(n) {
                            group.push(n);
                            stack.push(n);
                        }
                    }
                }
                new.push(self.new_comp(group));
            }
        }
        for &id in ids {
            self.items[id as usize] = None;
            self.comp_of[id as usize] = u32::MAX;
            self.free.push(id);
        }
        (old, new)
    }
}

/// Cluster the members of one component, agglomeratively: linked pairs are taken from the
/// most alike down (ties in canonical order), and two clusters merge along a pair when every
/// pair across them may sit together. Depends on the set of items only.
/// Returns clusters of indices into `items`, each in canonical order, clusters in the order of
/// their first member.
pub(crate) fn cluster<T: Clusterable>(items: &[&T]) -> Vec<Vec<usize>> {
    let n = items.len();
    let keys: Vec<T::Order> = items.iter().map(|t| t.order()).collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    // rank[i]: position of item i in canonical order.
    let mut rank = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        rank[i] = r;
    }
    // Linked pairs, by a sweep over start times.
    let mut scores: FxHashMap<(usize, usize), i64> = FxHashMap::default();
    let mut edges: Vec<(i64, usize, usize)> = Vec::new();
    for (a, &i) in order.iter().enumerate() {
        let reach = items[i].reach();
        for &j in &order[a + 1..] {
            if items[j].start() > reach {
                break;
            }
            if let Some(s) = items[i].score(items[j]) {
                scores.insert((rank[i], rank[j]), s);
                edges.push((s, rank[i], rank[j]));
            }
        }
    }
    edges.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    // Clusters over ranks.
    let mut of: Vec<usize> = (0..n).collect();
    let mut members: Vec<Vec<usize>> = (0..n).map(|r| vec![r]).collect();
    let score_of = |a: usize, b: usize| scores.get(&(a.min(b), a.max(b))).copied();
    for (_, a, b) in edges {
        let (ca, cb) = (of[a], of[b]);
        if ca == cb {
            continue;
        }
        let ok = members[ca].iter().all(|&x| {
            members[cb]
                .iter()
                .all(|&y| items[order[x]].compatible(items[order[y]], score_of(x, y)))
        });
        if !ok {
            continue;
        }
        let (keep, gone) = if members[ca].len() >= members[cb].len() {
            (ca, cb)
        } else {
            (cb, ca)
        };
        let moved = std::mem::take(&mut members[gone]);
        for &m in &moved {
            of[m] = keep;
        }
        members[keep].extend(moved);
    }
    let mut out: Vec<Vec<usize>> = members
        .into_iter()
        .filter(|m| !m.is_empty())
        .map(|mut m| {
            m.sort_unstable();
            m
        })
        .collect();
    out.sort_by_key(|m| m[0]);
    out.into_iter()
        .map(|m| m.into_iter().map(|r| order[r]).collect())
        .collect()
}
