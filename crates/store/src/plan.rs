//! Planning an ingest: which reports are new, revised or unchanged, which story each joins,
//! and the rows to write. Backend-neutral; a backend looks up what the plan needs, calls
//! [`build`], gives the new rows their keys and writes them, all in one transaction.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use raqib_core::Report;
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::near::{self, Signature};
use crate::rows::{self, EventCols};
use crate::{overlay, IngestStats, Result};

/// A stored version of a report id that is in the batch.
#[derive(Debug, Clone)]
pub(crate) struct Existing {
    pub id: String,
    pub sha: String,
    pub rk: i64,
    pub version: i64,
    pub superseded: bool,
    pub story_id: String,
}

/// A stored report sharing an LSH band with a report of the batch.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub rk: i64,
    pub story_id: String,
    pub sig: Signature,
}

/// One report version to insert.
#[derive(Debug, Clone)]
pub(crate) struct NewReport {
    /// Its index in the batch given to [`build`].
    pub src: usize,
    pub rk: i64,
    pub id: String,
    pub version: i64,
    pub sha: String,
    pub date: Option<String>,
    pub lang: String,
    pub source: Option<String>,
    pub url: Option<String>,
    pub outlet_id: Option<String>,
    pub story_id: String,
    pub superseded: bool,
    pub json: String,
    pub sig: Option<Vec<u8>>,
    pub bands: Vec<i64>,
    pub n_events: i64,
    /// Key of its first event (its events have consecutive keys).
    pub first_ek: i64,
    pub agreements: Vec<(i64, String, String, String)>,
    pub evacuations: Vec<(i64, String, String)>,
}

/// One event to insert.
#[derive(Debug, Clone)]
pub(crate) struct NewEvent {
    pub ek: i64,
    pub report: usize,
    pub pos: i64,
    pub event_id: String,
    pub cols: EventCols,
    pub json: String,
    pub corrected: bool,
}

/// Everything one batch writes.
#[derive(Debug, Default)]
pub(crate) struct Plan {
    pub reports: Vec<NewReport>,
    pub events: Vec<NewEvent>,
    /// Stored versions superseded by this batch.
    pub supersede: Vec<i64>,
    /// `(report id, old version, new version)` for the audit log.
    pub revisions: Vec<(String, i64, i64)>,
    pub stats: IngestStats,
}

/// The hash of a report's text: the one it carries, else computed.
pub(crate) fn text_sha(r: &Report) -> String {
    if !r.text_sha256.trim().is_empty() {
        return r.text_sha256.trim().to_ascii_lowercase();
    }
    hex::encode(Sha256::digest(r.text.as_bytes()))
}

/// A report's stored JSON, and per event its JSON and columns.
pub(crate) type PreparedRows = (String, Vec<(String, EventCols)>);

/// One report prepared: its text hash, signature and rows.
type PreparedReport = (String, Option<Signature>, Result<PreparedRows>);

fn prepare_one(r: &Report) -> PreparedReport {
    let sig = near::signature(&r.text);
    let rows = rows::report_json(r).and_then(|json| {
        let evs = r
            .events
            .iter()
            .map(|e| Ok((rows::event_json(e)?, rows::event_cols(r, e))))
            .collect::<Result<Vec<_>>>()?;
        Ok((json, evs))
    });
    (text_sha(r), sig, rows)
}

/// What a backend must look up before [`build`]: report ids, band keys and event ids.
pub(crate) struct Prepared<'a> {
    pub reports: &'a [Report],
    pub shas: Vec<String>,
    pub sigs: Vec<Option<Signature>>,
    /// Per report: its stored JSON, and per event its JSON and columns (before corrections).
    /// Computed in parallel, before the write transaction starts.
    pub rows: Vec<Result<PreparedRows>>,
}

impl<'a> Prepared<'a> {
    /// Hash and sign the batch (no database needed), on every core.
    pub fn new(reports: &'a [Report]) -> Prepared<'a> {
        Prepared::gather(reports, reports.par_iter().map(prepare_one).collect())
    }

    /// [`Prepared::new`] on the calling thread alone: for a slice prepared while the writing
    /// thread works, which must keep a core of its own (see `SqliteStore::ingest`).
    pub fn new_on_this_thread(reports: &'a [Report]) -> Prepared<'a> {
        Prepared::gather(reports, reports.iter().map(prepare_one).collect())
    }

    fn gather(reports: &'a [Report], per: Vec<PreparedReport>) -> Prepared<'a> {
        let mut p = Prepared {
            reports,
            shas: Vec::with_capacity(per.len()),
            sigs: Vec::with_capacity(per.len()),
            rows: Vec::with_capacity(per.len()),
        };
        for (sha, sig, rows) in per {
            p.shas.push(sha);
            p.sigs.push(sig);
            p.rows.push(rows);
        }
        p
    }

    /// Distinct report ids.
    pub fn ids(&self) -> Vec<String> {
        let mut v: Vec<String> = self.reports.iter().map(|r| r.id.clone()).collect();
        v.sort();
        v.dedup();
        v
    }

    /// Distinct band keys.
    pub fn band_keys(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self
            .sigs
            .iter()
            .flatten()
            .flat_map(near::band_keys)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// Distinct event ids.
    pub fn event_ids(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .reports
            .iter()
            .flat_map(|r| r.events.iter().map(|e| e.id.clone()))
            .collect();
        v.sort();
        v.dedup();
        v
    }
}

/// Plan the batch. `corrections` maps event ids to their `(field, value)` overlays in order.
pub(crate) fn build(
    mut p: Prepared<'_>,
    existing: Vec<Existing>,
    candidates: Vec<(i64, Candidate)>,
    corrections: &HashMap<String, Vec<(String, String)>>,
) -> Result<Plan> {
    let mut plan = Plan::default();
    // Versions by report id: (sha, version, superseded, story, where: Err(rk) stored / Ok(idx) batch).
    struct V {
        sha: String,
        version: i64,
        superseded: bool,
        story: String,
        at: std::result::Result<usize, i64>,
    }
    let mut versions: FxHashMap<String, Vec<V>> = FxHashMap::default();
    for e in existing {
        versions.entry(e.id).or_default().push(V {
            sha: e.sha,
            version: e.version,
            superseded: e.superseded,
            story: e.story_id,
            at: Err(e.rk),
        });
    }
    // Band index: stored candidates, then reports of this batch as they are accepted.
    let mut by_band: FxHashMap<i64, Vec<usize>> = FxHashMap::default();
    let mut pool: Vec<(String, Signature)> = Vec::new();
    let mut seen_rk: FxHashMap<i64, usize> = FxHashMap::default();
    for (key, c) in candidates {
        let i = *seen_rk.entry(c.rk).or_insert_with(|| {
            pool.push((c.story_id.clone(), c.sig));
            pool.len() - 1
        });
        by_band.entry(key).or_default().push(i);
    }

    for (i, r) in p.reports.iter().enumerate() {
        let sha = &p.shas[i];
        let vs = versions.entry(r.id.clone()).or_default();
        if vs.iter().any(|v| &v.sha == sha) {
            plan.stats.unchanged += 1;
            continue;
        }
        let version = vs.iter().map(|v| v.version).max().unwrap_or(0) + 1;
        let mut story = None;
        for v in vs.iter_mut().filter(|v| !v.superseded) {
            v.superseded = true;
            story = Some(v.story.clone());
            plan.revisions.push((r.id.clone(), v.version, version));
            match v.at {
                Err(rk) => plan.supersede.push(rk),
                Ok(idx) => {
                    plan.reports[idx].superseded = true;
                }
            }
        }
        if version > 1 {
            plan.stats.revised += 1;
        } else {
            plan.stats.new += 1;
        }
        let sig = p.sigs[i];
        let bands = sig.as_ref().map(near::band_keys);
        if story.is_none() {
            if let (Some(sig), Some(bands)) = (&sig, &bands) {
                let mut best: Option<(f64, usize)> = None;
                for b in bands {
                    for &c in by_band.get(b).into_iter().flatten() {
                        let s = near::similarity(sig, &pool[c].1);
                        if s >= near::THRESHOLD
                            && best.is_none_or(|(bs, bc)| s > bs || (s == bs && c < bc))
                        {
                            best = Some((s, c));
                        }
                    }
                }
                if let Some((_, c)) = best {
                    story = Some(pool[c].0.clone());
                    plan.stats.near_duplicates += 1;
                }
            }
        }
        let story = story.unwrap_or_else(|| format!("story-{}", &sha[..sha.len().min(16)]));
        if let (Some(sig), Some(bands)) = (&sig, &bands) {
            pool.push((story.clone(), *sig));
            let c = pool.len() - 1;
            for b in bands {
                by_band.entry(*b).or_default().push(c);
            }
        }
        let idx = plan.reports.len();
        vs.push(V {
            sha: sha.clone(),
            version,
            superseded: false,
            story: story.clone(),
            at: Ok(idx),
        });

        let (report_json, prepped) = std::mem::replace(&mut p.rows[i], Ok(Default::default()))?;
        for (pos, (e, (json, cols))) in r.events.iter().zip(prepped).enumerate() {
            let (cols, corrected) = match corrections.get(&e.id) {
                Some(cs) if !cs.is_empty() => {
                    let mut c = e.clone();
                    for (f, v) in cs {
                        // Validated when recorded; a value a later release refuses is skipped.
                        let _ = overlay::apply(&mut c, f, v);
                    }
                    (rows::event_cols(r, &c), true)
                }
                _ => (cols, false),
            };
            plan.events.push(NewEvent {
                ek: 0,
                report: idx,
                pos: pos as i64,
                event_id: e.id.clone(),
                cols,
                json,
                corrected,
            });
        }
        plan.stats.events += r.events.len() as u64;
        let mut agreements = Vec::new();
        for (k, a) in r.agreements.iter().enumerate() {
            agreements.push((
                k as i64,
                a.name.clone(),
                a.status.clone(),
                serde_json::to_string(a).unwrap_or_default(),
            ));
        }
        let mut evacuations = Vec::new();
        for (k, v) in r.evacuations.iter().enumerate() {
            evacuations.push((
                k as i64,
                v.status.clone(),
                serde_json::to_string(v).unwrap_or_default(),
            ));
        }
        plan.reports.push(NewReport {
            src: i,
            rk: 0,
            id: r.id.clone(),
            version,
            sha: sha.clone(),
            date: rows::day(r.date.as_deref()),
            lang: r.lang.clone(),
            source: r.source.clone(),
            url: r.url.clone(),
            outlet_id: r.outlet.as_ref().and_then(|o| o.id.clone()),
            story_id: story,
            superseded: false,
            json: report_json,
            sig: sig.as_ref().map(near::to_bytes),
            bands: bands.map(|b| b.to_vec()).unwrap_or_default(),
            n_events: r.events.len() as i64,
            first_ek: 0,
            agreements,
            evacuations,
        });
    }
    Ok(plan)
}

impl Plan {
    /// Give the new rows their keys (`rks` one per report, `eks` one per event, in order).
    pub fn assign_keys(&mut self, rks: &[i64], eks: &[i64]) {
        for (r, k) in self.reports.iter_mut().zip(rks) {
            r.rk = *k;
        }
        for (e, k) in self.events.iter_mut().zip(eks) {
            e.ek = *k;
        }
        // Events are in report order: a report's first event key, or the next key when it has
        // none (its empty range then starts there).
        let mut next = eks.first().copied().unwrap_or(0);
        let mut firsts = vec![None; self.reports.len()];
        for e in &self.events {
            firsts[e.report].get_or_insert(e.ek);
        }
        for (r, f) in self.reports.iter_mut().zip(firsts) {
            r.first_ek = f.unwrap_or(next);
            next = r.first_ek + r.n_events;
        }
    }
}
