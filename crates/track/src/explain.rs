//! Why an incident holds the versions it holds, and why nearby events are not among them.

use serde::{Deserialize, Serialize};

use crate::book::Book;
use crate::incidents::{check, EventItem};

/// How an incident was put together.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The incident.
    pub incident: String,
    /// Its versions in the order they were linked, each with the checks against the versions
    /// already in the incident.
    pub versions: Vec<ExplainedVersion>,
    /// Events found near it that are not in it, with the reason.
    pub not_linked: Vec<NotLinked>,
}

/// One version and why it belongs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExplainedVersion {
    /// Report id.
    pub report: String,
    /// Event id.
    pub event: String,
    /// The event in one line.
    pub summary: String,
    /// Its checks against each version linked before it (empty for the first).
    pub links: Vec<LinkCheck>,
}

/// One pairwise check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkCheck {
    /// The other version's report.
    pub report: String,
    /// The other version's event.
    pub event: String,
    /// Whether the pair may be one event.
    pub linked: bool,
    /// How much they have in common (same day 2, adjacent 1; same place 2, near or inside 1;
    /// shared actor 2; shared target 1).
    pub score: i64,
    /// Each rule, in order, as it applied.
    pub reasons: Vec<String>,
}

/// A nearby event left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotLinked {
    /// Report id.
    pub report: String,
    /// Event id.
    pub event: String,
    /// The event in one line.
    pub summary: String,
    /// The incident it is in instead.
    pub incident: Option<String>,
    /// Why it is not in this one: the first check that fails, or that it fits another better.
    pub reasons: Vec<String>,
}

/// At most this many nearby events are explained.
const MAX_NOT_LINKED: usize = 25;

pub(crate) fn explain(book: &Book<EventItem>, id: &str) -> Option<Explanation> {
    let mine: Vec<u32> = book.members(id)?.to_vec();
    let g = &book.graph;
    let mut versions = Vec::new();
    for (k, &m) in mine.iter().enumerate() {
        let it = g.get(m);
        let links = mine[..k]
            .iter()
            .map(|&o| {
                let other = g.get(o);
                let c = check(it, other, true);
                LinkCheck {
                    report: other.report.id.clone(),
                    event: other.event.id.clone(),
                    linked: c.linked,
                    score: c.score,
                    reasons: c.notes,
                }
            })
            .collect();
        versions.push(ExplainedVersion {
            report: it.report.id.clone(),
            event: it.event.id.clone(),
            summary: it.summary(),
            links,
        });
    }
    // Nearby: everything the index finds around the versions.
    let mut near: Vec<u32> = Vec::new();
    for &m in &mine {
        for n in g.nearby(m) {
            if !mine.contains(&n) && !near.contains(&n) {
                near.push(n);
            }
        }
    }
    near.sort_by_key(|&n| g.get(n).version_order());
    let mut not_linked = Vec::new();
    for n in near.into_iter().take(MAX_NOT_LINKED) {
        let it = g.get(n);
        let elsewhere = book.record_of(n).map(str::to_string);
        let mut reasons = Vec::new();
        for &m in &mine {
            let c = check(it, g.get(m), true);
            if !c.linked {
                let other = g.get(m);
                reasons.push(format!("against {} {}:", other.report.id, other.event.id));
                reasons.extend(c.notes.into_iter().last());
                break;
            }
        }
        if reasons.is_empty() {
            reasons.push("fits every version, but fits its own incident better".into());
        }
        not_linked.push(NotLinked {
            report: it.report.id.clone(),
            event: it.event.id.clone(),
            summary: it.summary(),
            incident: elsewhere,
            reasons,
        });
    }
    Some(Explanation {
        incident: id.to_string(),
        versions,
        not_linked,
    })
}
