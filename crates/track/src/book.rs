//! Records kept per component: clustering a component gives its records, and a change to a
//! component rebuilds that component's records and nothing else.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::graph::{cluster, Clusterable, Graph};

/// An item whose clusters become output records.
pub(crate) trait Record: Clusterable + Sized {
    /// The record.
    type Out;
    /// The record's id, from its members (in canonical order) — cheap, without building it.
    fn record_id(members: &[&Self]) -> String;
    /// The record of one cluster, members in canonical order.
    fn build(members: &[&Self]) -> Self::Out;
    /// Output order.
    fn sort_key(out: &Self::Out) -> (String, String);
}

/// The items of one kind, their components and their clusters (records are built when read).
#[derive(Debug)]
pub(crate) struct Book<T: Record> {
    pub graph: Graph<T>,
    /// Record id -> its members, in canonical order.
    clusters: FxHashMap<String, Vec<u32>>,
    /// Component -> the ids of its records.
    by_comp: FxHashMap<u32, Vec<String>>,
}

impl<T: Record> Default for Book<T> {
    fn default() -> Self {
        Book {
            graph: Graph::default(),
            clusters: FxHashMap::default(),
            by_comp: FxHashMap::default(),
        }
    }
}

impl<T: Record> Book<T> {
    /// Everything at once.
    pub fn build(items: Vec<T>) -> Book<T> {
        let mut b = Book {
            graph: Graph::build(items),
            ..Book::default()
        };
        for c in b.graph.comp_ids() {
            b.refresh(c);
        }
        b
    }

    /// The clusters of a component, as member ids in canonical order.
    pub fn clusters_of(&self, comp: u32) -> Vec<Vec<u32>> {
        let ids = self.graph.members(comp);
        let items: Vec<&T> = ids.iter().map(|&i| self.graph.get(i)).collect();
        cluster(&items)
            .into_iter()
            .map(|c| c.into_iter().map(|k| ids[k]).collect())
            .collect()
    }

    fn drop_records(&mut self, comp: u32) {
        for id in self.by_comp.remove(&comp).unwrap_or_default() {
            self.clusters.remove(&id);
        }
    }

    fn refresh(&mut self, comp: u32) {
        self.drop_records(comp);
        let mut ids = Vec::new();
        for members in self.clusters_of(comp) {
            let items: Vec<&T> = members.iter().map(|&i| self.graph.get(i)).collect();
            let id = T::record_id(&items);
            self.clusters.insert(id.clone(), members);
            ids.push(id);
        }
        self.by_comp.insert(comp, ids);
    }

    /// Add items; re-clusters the components they touch. Returns their ids.
    pub fn insert(&mut self, items: Vec<T>) -> Vec<u32> {
        let mut dirty: FxHashSet<u32> = FxHashSet::default();
        let mut ids = Vec::with_capacity(items.len());
        for it in items {
            let (id, comp, merged) = self.graph.insert(it);
            for m in merged {
                let moved = self.by_comp.remove(&m).unwrap_or_default();
                self.by_comp.entry(comp).or_default().extend(moved);
                dirty.remove(&m);
            }
            dirty.insert(comp);
            ids.push(id);
        }
        let mut dirty: Vec<u32> = dirty.into_iter().collect();
        dirty.sort_unstable();
        for c in dirty {
            self.refresh(c);
        }
        ids
    }

    /// Remove items; re-clusters the components they leave.
    pub fn remove(&mut self, ids: &[u32]) {
        if ids.is_empty() {
            return;
        }
        let (old, new) = self.graph.remove(ids);
        for c in old {
            self.drop_records(c);
        }
        for c in new {
            self.refresh(c);
        }
    }

    /// The members of a record.
    pub fn members(&self, id: &str) -> Option<&[u32]> {
        self.clusters.get(id).map(Vec::as_slice)
    }

    /// The record an item is in.
    pub fn record_of(&self, item: u32) -> Option<&str> {
        let comp = self.graph.comp_of(item);
        self.by_comp.get(&comp)?.iter().find_map(|id| {
            self.clusters
                .get(id)
                .filter(|m| m.contains(&item))
                .map(|_| id.as_str())
        })
    }

    /// One record, built.
    pub fn get(&self, id: &str) -> Option<T::Out> {
        let members = self.clusters.get(id)?;
        let items: Vec<&T> = members.iter().map(|&i| self.graph.get(i)).collect();
        Some(T::build(&items))
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.clusters.len()
    }

    /// Every record, built, in output order.
    pub fn sorted(&self) -> Vec<T::Out> {
        let mut v: Vec<((String, String), T::Out)> = self
            .clusters
            .values()
            .map(|members| {
                let items: Vec<&T> = members.iter().map(|&i| self.graph.get(i)).collect();
                let out = T::build(&items);
                (T::sort_key(&out), out)
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v.into_iter().map(|(_, r)| r).collect()
    }
}
