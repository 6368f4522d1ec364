//! Which events each actor (in a role) and each place term is in, as posting lists: one row
//! per key and ingest holding the keys of its events as a JSON array, read with `json_each`.
//!
//! One row per event and actor role (`event_roles`) or place term (`event_terms`) was a
//! quarter of an ingest's instructions: ~6 B-tree entries an event. An ingest gathers the
//! event keys of each actor role and place term of the whole batch and writes each list
//! once, so a batch of 500 reports writes a few hundred rows instead of ~15 thousand.
//!
//! A row is keyed by its key columns and the largest event key it holds (`last_ek`), with the
//! smallest beside it (`first_ek`), its event keys ascending and distinct. Lists of one key may
//! overlap only after corrections (an edit that adds an actor to an old event adds a list of
//! one), so [`Table::remove`] and [`Table::contains`] read every list whose range holds the
//! event.

use rusqlite::{params_from_iter, Connection, ToSql};
use rustc_hash::FxHashMap;

use super::bulk::BulkStatements;
use crate::error::{Context, Result};

/// A posting table: its name, key columns and statements.
#[derive(Debug)]
pub(crate) struct Table<const N: usize> {
    name: &'static str,
    /// `INSERT … VALUES` of a row: the key columns, `last_ek`, `first_ek`, `eks`.
    insert: &'static str,
    /// The lists of a key whose range holds an event key (parameters: the key, then the
    /// event key twice).
    covering: &'static str,
    /// Delete one list (parameters: the key, then its `last_ek`).
    delete: &'static str,
}

/// Actors of events: key (`actor_keys.ak`, role number as in `rows::role_code`).
pub(crate) const ROLES: Table<2> = Table {
    name: "role_postings",
    insert: "INSERT INTO role_postings (ak, role, last_ek, first_ek, eks) VALUES",
    covering: "SELECT last_ek, eks FROM role_postings \
               WHERE ak = ? AND role = ? AND last_ek >= ? AND first_ek <= ?",
    delete: "DELETE FROM role_postings WHERE ak = ? AND role = ? AND last_ek = ?",
};

/// Places of events: key (`place_terms.pt`).
pub(crate) const TERMS: Table<1> = Table {
    name: "term_postings",
    insert: "INSERT INTO term_postings (pt, last_ek, first_ek, eks) VALUES",
    covering: "SELECT last_ek, eks FROM term_postings \
               WHERE pt = ? AND last_ek >= ? AND first_ek <= ?",
    delete: "DELETE FROM term_postings WHERE pt = ? AND last_ek = ?",
};

/// The event keys of each key gathered over an ingest, written by [`Lists::write`].
#[derive(Debug)]
pub(crate) struct Lists<const N: usize> {
    lists: FxHashMap<[i64; N], Vec<i64>>,
}

impl<const N: usize> Default for Lists<N> {
    fn default() -> Lists<N> {
        Lists {
            lists: FxHashMap::default(),
        }
    }
}

/// A JSON array of integers.
fn json_array(eks: &[i64]) -> String {
    let mut out = String::with_capacity(eks.len() * 8 + 2);
    let mut digits = itoa::Buffer::new();
    out.push('[');
    for (i, ek) in eks.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(digits.format(*ek));
    }
    out.push(']');
    out
}

impl<const N: usize> Lists<N> {
    /// Event `ek` has `key`.
    pub fn add(&mut self, key: [i64; N], ek: i64) {
        self.lists.entry(key).or_default().push(ek);
    }

    /// Write one row per key into `table`, and forget them. No stored list of a key may end
    /// at the same event as its new one: an event is in one list of a key at most, and a new
    /// ingest's events are in none.
    pub fn write(
        &mut self,
        tx: &Connection,
        bulk: &mut BulkStatements,
        table: &Table<N>,
    ) -> Result<()> {
        let mut rows: Vec<([i64; N], i64, i64, String)> = Vec::with_capacity(self.lists.len());
        for (key, mut eks) in self.lists.drain() {
            eks.sort_unstable();
            eks.dedup();
            let (first, last) = (eks[0], eks[eks.len() - 1]);
            rows.push((key, last, first, json_array(&eks)));
        }
        // Key order: the rows go to the end of each key's range of the table's B-tree.
        rows.sort_unstable_by_key(|r| r.0);
        let mut ps: Vec<&dyn ToSql> = Vec::with_capacity(rows.len() * (N + 3));
        for (key, last, first, eks) in &rows {
            ps.extend(key.iter().map(|k| k as &dyn ToSql));
            ps.extend([last as &dyn ToSql, first, eks]);
        }
        bulk.insert(tx, table.insert, "", N + 3, &ps)
    }
}

/// The actor roles and place terms of an ingest's events.
#[derive(Debug, Default)]
pub(crate) struct EventLinks {
    /// By (`ak`, role number).
    pub roles: Lists<2>,
    /// By `pt`.
    pub terms: Lists<1>,
}

impl EventLinks {
    /// Write both tables' lists (see [`Lists::write`]).
    pub fn write(&mut self, tx: &Connection, bulk: &mut BulkStatements) -> Result<()> {
        self.roles.write(tx, bulk, &ROLES)?;
        self.terms.write(tx, bulk, &TERMS)
    }
}

impl<const N: usize> Table<N> {
    /// The lists of `key` that may hold `ek`, as (`last_ek`, event keys).
    fn covering(&self, tx: &Connection, key: [i64; N], ek: i64) -> Result<Vec<(i64, Vec<i64>)>> {
        let what = format!("reading {}", self.name);
        let mut st = tx.prepare_cached(self.covering).ctx(&what)?;
        let ps = key.into_iter().chain([ek, ek]);
        let rows = st
            .query_map(params_from_iter(ps), |r| {
                Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
            })
            .ctx(&what)?;
        let mut out = Vec::new();
        for row in rows {
            let (last, eks) = row.ctx(&what)?;
            let eks: Vec<i64> = serde_json::from_str(&eks).ctx(&what)?;
            out.push((last, eks));
        }
        Ok(out)
    }

    /// True when event `ek` has `key`.
    pub fn contains(&self, tx: &Connection, key: [i64; N], ek: i64) -> Result<bool> {
        Ok(self
            .covering(tx, key, ek)?
            .iter()
            .any(|(_, eks)| eks.binary_search(&ek).is_ok()))
    }

    /// Record that event `ek` has `key` (after a correction), unless it has already.
    pub fn add_one(
        &self,
        tx: &Connection,
        bulk: &mut BulkStatements,
        key: [i64; N],
        ek: i64,
    ) -> Result<()> {
        if self.contains(tx, key, ek)? {
            return Ok(());
        }
        let mut one = Lists::default();
        one.add(key, ek);
        one.write(tx, bulk, self)
    }

    /// Record that event `ek` no longer has `key` (after a correction).
    pub fn remove(
        &self,
        tx: &Connection,
        bulk: &mut BulkStatements,
        key: [i64; N],
        ek: i64,
    ) -> Result<()> {
        let what = format!("updating {}", self.name);
        for (last, mut eks) in self.covering(tx, key, ek)? {
            let Ok(at) = eks.binary_search(&ek) else {
                continue;
            };
            eks.remove(at);
            let ps = key.into_iter().chain([last]);
            tx.prepare_cached(self.delete)
                .and_then(|mut st| st.execute(params_from_iter(ps)))
                .ctx(&what)?;
            // What is left goes back as a list of its own, keyed by its new last event.
            let mut rest = Lists::default();
            for ek in eks {
                rest.add(key, ek);
            }
            rest.write(tx, bulk, self)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let c = Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE term_postings (pt INTEGER NOT NULL, last_ek INTEGER NOT NULL, \
             first_ek INTEGER NOT NULL, eks TEXT NOT NULL, PRIMARY KEY (pt, last_ek)) \
             WITHOUT ROWID;",
        )
        .unwrap();
        c
    }

    fn events_of(c: &Connection, pt: i64) -> Vec<i64> {
        c.prepare(
            "SELECT j.value FROM term_postings p, json_each(p.eks) j WHERE p.pt = ? \
             ORDER BY j.value",
        )
        .unwrap()
        .query_map([pt], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    }

    #[test]
    fn lists_are_written_one_row_a_key_sorted_and_distinct() {
        let c = conn();
        let mut bulk = BulkStatements::default();
        let mut lists = Lists::default();
        for (pt, ek) in [(1, 5), (2, 5), (1, 3), (1, 5), (1, 9)] {
            lists.add([pt], ek);
        }
        lists.write(&c, &mut bulk, &TERMS).unwrap();
        let rows: Vec<(i64, i64, i64, String)> = c
            .prepare("SELECT pt, last_ek, first_ek, eks FROM term_postings ORDER BY pt")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            vec![(1, 9, 3, "[3,5,9]".into()), (2, 5, 5, "[5]".into())]
        );
        // Written lists are forgotten: a second write adds nothing.
        lists.write(&c, &mut bulk, &TERMS).unwrap();
        assert_eq!(events_of(&c, 1), vec![3, 5, 9]);
    }

    #[test]
    fn corrections_add_and_remove_single_events() {
        let c = conn();
        let mut bulk = BulkStatements::default();
        let mut lists = Lists::default();
        for ek in [3, 5, 9] {
            lists.add([1], ek);
        }
        lists.write(&c, &mut bulk, &TERMS).unwrap();
        // Already there: nothing is added.
        TERMS.add_one(&c, &mut bulk, [1], 5).unwrap();
        assert_eq!(events_of(&c, 1), vec![3, 5, 9]);
        // An old event gains the term, inside the range of the first list.
        TERMS.add_one(&c, &mut bulk, [1], 4).unwrap();
        assert_eq!(events_of(&c, 1), vec![3, 4, 5, 9]);
        assert!(TERMS.contains(&c, [1], 4).unwrap());
        // Removing the largest key of a list gives the list a new last key.
        TERMS.remove(&c, &mut bulk, [1], 9).unwrap();
        assert_eq!(events_of(&c, 1), vec![3, 4, 5]);
        assert!(!TERMS.contains(&c, [1], 9).unwrap());
        TERMS.remove(&c, &mut bulk, [1], 4).unwrap();
        TERMS.remove(&c, &mut bulk, [1], 3).unwrap();
        TERMS.remove(&c, &mut bulk, [1], 5).unwrap();
        assert!(events_of(&c, 1).is_empty());
        let rows: i64 = c
            .query_row("SELECT count(*) FROM term_postings", [], |r| r.get(0))
            .unwrap();
        assert_eq!(rows, 0, "empty lists are deleted");
        // Removing what is not there changes nothing.
        TERMS.remove(&c, &mut bulk, [2], 1).unwrap();
    }
}
