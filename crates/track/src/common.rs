//! Helpers shared by the trackers: report metadata, stable ids, consensus unions.

use std::sync::Arc;

use raqib_core::{Actor, DateRef, Place};
use rustc_hash::FxHashMap;
use sha2::{Digest, Sha256};

use crate::features::{day_number, norm};

/// What every item keeps of its report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportMeta {
    pub id: String,
    pub date: Option<String>,
    pub day: Option<i32>,
}

impl ReportMeta {
    pub fn new(id: &str, date: Option<&str>) -> Arc<ReportMeta> {
        Arc::new(ReportMeta {
            id: id.to_string(),
            date: date.map(str::to_string),
            day: date.and_then(day_number),
        })
    }

    /// The report's date as an inferred DATE.
    pub fn date_ref(&self) -> Option<DateRef> {
        self.date.as_ref().map(|d| inferred_day(d))
    }
}

/// A day taken from context.
pub(crate) fn inferred_day(value: &str) -> DateRef {
    DateRef {
        value: Some(value.get(..10).unwrap_or(value).to_string()),
        precision: "day".into(),
        from: None,
        to: None,
        inferred: true,
        text: None,
        span: None,
    }
}

/// A short stable id: a prefix and 12 hex digits of the SHA-256 of the parts.
pub(crate) fn stable_id(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1f]);
    }
    let d = h.finalize();
    format!("{prefix}-{}", &hex::encode(d)[..12])
}

fn actor_key(a: &Actor) -> String {
    match &a.id {
        Some(id) if !id.is_empty() => format!("id:{id}"),
        _ => format!("{}|{}", a.code, norm(&a.name)),
    }
}

fn place_key(p: &Place) -> String {
    match &p.id {
        Some(id) if !id.is_empty() => format!("id:{id}"),
        _ => norm(&p.name),
    }
}

/// An actor as a consensus value: the mention's span belongs to one report only, so it goes.
pub(crate) fn detach_actor(a: &Actor) -> Actor {
    Actor {
        span: None,
        ..a.clone()
    }
}

fn detach_place(p: &Place) -> Place {
    Place {
        span: None,
        ..p.clone()
    }
}

/// Union of several lists, most supported first (each list counts once), then first seen.
fn union_by<'a, T: 'a, K: std::hash::Hash + Eq + Clone>(
    lists: impl IntoIterator<Item = &'a [T]>,
    key: impl Fn(&T) -> K,
    detach: impl Fn(&T) -> T,
) -> Vec<T> {
    let mut seen: FxHashMap<K, (usize, usize)> = FxHashMap::default();
    let mut out: Vec<T> = Vec::new();
    for list in lists {
        let mut in_list: Vec<K> = Vec::new();
        for x in list {
            let k = key(x);
            if in_list.contains(&k) {
                continue;
            }
            in_list.push(k.clone());
            match seen.get_mut(&k) {
                Some((n, _)) => *n += 1,
                None => {
                    seen.insert(k, (1, out.len()));
                    out.push(detach(x));
                }
            }
        }
    }
    let mut ranked: Vec<(usize, usize, T)> = out
        .into_iter()
        .map(|x| {
            let (n, first) = seen[&key(&x)];
            (n, first, x)
        })
        .collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    ranked.into_iter().map(|(_, _, x)| x).collect()
}

/// Union of actor lists, most supported first.
pub(crate) fn union_actors<'a>(lists: impl IntoIterator<Item = &'a [Actor]>) -> Vec<Actor> {
    union_by(lists, actor_key, detach_actor)
}

/// Union of place lists, most supported first; places named in the text win over places taken
/// from context, which are kept only when no list names one.
pub(crate) fn union_places<'a>(lists: impl IntoIterator<Item = &'a [Place]>) -> Vec<Place> {
    let lists: Vec<&[Place]> = lists.into_iter().collect();
    let stated: Vec<Vec<Place>> = lists
        .iter()
        .map(|l| l.iter().filter(|p| !p.inferred).cloned().collect())
        .collect();
    if stated.iter().any(|l| !l.is_empty()) {
        union_by(stated.iter().map(Vec::as_slice), place_key, detach_place)
    } else {
        union_by(lists, place_key, detach_place)
    }
}

/// The most common day among dates (stated ones before inferred ones; the earliest on a tie).
pub(crate) fn consensus_date<'a>(dates: impl IntoIterator<Item = &'a DateRef>) -> Option<DateRef> {
    let dates: Vec<&DateRef> = dates.into_iter().filter(|d| d.value.is_some()).collect();
    for stated in [true, false] {
        let pool: Vec<&DateRef> = dates
            .iter()
            .copied()
            .filter(|d| !stated || !d.inferred)
            .collect();
        let mut counts: Vec<(String, usize, &DateRef)> = Vec::new();
        for d in pool {
            let v = d.value.clone().unwrap_or_default();
            match counts.iter_mut().find(|(x, _, _)| *x == v) {
                Some((_, n, _)) => *n += 1,
                None => counts.push((v, 1, d)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if let Some((_, _, d)) = counts.first() {
            return Some(DateRef {
                span: None,
                ..(*d).clone()
            });
        }
    }
    None
}

/// The value of an optional date, for sorting (`""` when undated).
pub(crate) fn date_key(d: Option<&DateRef>) -> String {
    d.and_then(|d| d.value.clone()).unwrap_or_default()
}
