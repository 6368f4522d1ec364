//! Records kept per component: clustering a component gives its records, and a change to a
//! component rebuilds that component's records and nothing else.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::graph::{cluster, Clusterable, Graph};

/// An item whose clusters become output records.
pub(crate) trait Record: Clusterable + Sized {
    /// The record.
    type Out: Clone;
    /// The record of one cluster, members in canonical order.
    fn build(members: &[&Self]) -> Self::Out;
    /// Its id.
    fn id(out: &Self::Out) -> &str;
    /// Output order.
    fn sort_key(out: &Self::Out) -> (String, String);
}

/// The items of one kind, their components and the records built from them.
#[derive(Debug)]
pub(crate) struct Book<T: Record> {
    pub graph: Graph<T>,
    pub records: FxHashMap<String, T::Out>,
    by_comp: FxHashMap<u32, Vec<String>>,
    pub comp_of_record: FxHashMap<String, u32>,
}

impl<T: Record> Default for Book<T> {
    fn default() -> Self {
        Book {
            graph: Graph::default(),
            records: FxHashMap::default(),
            by_comp: FxHashMap::default(),
            comp_of_record: FxHashMap::default(),
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
    pub fn clusters(&self, comp: u32) -> Vec<Vec<u32>> {
        let ids = self.graph.members(comp);
        let items: Vec<&T> = ids.iter().map(|&i| self.graph.get(i)).collect();
        cluster(&items)
            .into_iter()
            .map(|c| c.into_iter().map(|k| ids[k]).collect())
            .collect()
    }

    fn drop_records(&mut self, comp: u32) {
        for id in self.by_comp.remove(&comp).unwrap_or_default() {
            self.records.remove(&id);
            self.comp_of_record.remove(&id);
        }
    }

    fn refresh(&mut self, comp: u32) {
        self.drop_records(comp);
        let mut ids = Vec::new();
        for members in self.clusters(comp) {
            let items: Vec<&T> = members.iter().map(|&i| self.graph.get(i)).collect();
            let out = T::build(&items);
            let id = T::id(&out).to_string();
            self.comp_of_record.insert(id.clone(), comp);
            self.records.insert(id.clone(), out);
            ids.push(id);
        }
        self.by_comp.insert(comp, ids);
    }

    /// Add items; rebuilds the records of the components they touch. Returns their ids.
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

    /// Remove items; rebuilds the records of the components they leave.
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

    /// Every record, in output order.
    pub fn sorted(&self) -> Vec<T::Out> {
        let mut v: Vec<(&(String, String), &T::Out)> = Vec::new();
        let keys: Vec<(String, String)> = self.records.values().map(T::sort_key).collect();
        for (k, r) in keys.iter().zip(self.records.values()) {
            v.push((k, r));
        }
        v.sort_by(|a, b| a.0.cmp(b.0));
        v.into_iter().map(|(_, r)| r.clone()).collect()
    }
}
