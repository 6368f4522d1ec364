//! One event per happening: what the headline, the lead and the body tell again is merged,
//! keeping the best evidence and every actor, source and denial; places and groups missing from
//! a sentence are filled from the report's context, marked inferred.

use raqib_core::{Plover, Status};

use crate::mentions::place_of;
use crate::sentence::{party, Context, Draft};

fn status_class(s: Option<Status>) -> u8 {
    match s {
        None | Some(Status::Asserted | Status::Claimed | Status::Disputed) => 0,
        Some(Status::Negated) => 1,
        Some(Status::Stalled) => 2,
        Some(Status::Intended) => 3,
    }
}

fn parties(d: &Draft) -> Vec<(String, bool)> {
    let mut v: Vec<_> = d
        .source
        .iter()
        .chain(&d.target)
        .map(|a| party(&a.code))
        .collect();
    v.sort();
    v.dedup();
    v
}

fn same_happening(cx: &Context, a: &Draft, b: &Draft) -> bool {
    let ta = &cx.tables.types[a.ty as usize];
    let tb = &cx.tables.types[b.ty as usize];
    if ta.plover != tb.plover || status_class(a.status) != status_class(b.status) {
        return false;
    }
    // A bare telling (no actor, no own date, no voice: a headline, a summary) is the same
    // happening as a fuller telling of the same kind.
    let bare = |d: &Draft| {
        d.source.is_empty()
            && d.target.is_empty()
            && d.attribution.is_empty()
            && d.date.as_ref().is_none_or(|x| x.inferred)
    };
    if ta.plover == Plover::Assault && (bare(a) || bare(b)) {
        return true;
    }
    if ta.plover == Plover::Assault {
        // Attacks told by different voices, or denied in one telling, are kept apart: the
        // tracking stage links them as versions of one incident where they are.
        let speaker = |d: &Draft| d.attribution.last().map(|x| party(&x.code));
        if ta.cameo != tb.cameo
            || a.aerial != b.aerial
            || a.symmetric != b.symmetric
            || (speaker(a) != speaker(b) && !a.symmetric && !denial_only(a) && !denial_only(b))
            || (a.denied_by.is_empty() != b.denied_by.is_empty()
                && !denial_only(a)
                && !denial_only(b))
        {
            return false;
        }
    }
    if let (Some(x), Some(y)) = (&a.date, &b.date) {
        if x.value != y.value && !x.inferred && !y.inferred {
            return false;
        }
    }
    // Named actors that differ are different happenings ("Faylaq al-Rahman left" is not
    // "Jaish al-Islam left"), whatever side they share.
    let named = |d: &Draft| {
        d.source
            .iter()
            .chain(&d.target)
            .filter_map(|x| x.id.clone())
            .collect::<Vec<_>>()
    };
    let (na, nb) = (named(a), named(b));
    let talks = matches!(ta.plover, Plover::Consult | Plover::Agree);
    if !talks && !na.is_empty() && !nb.is_empty() && !na.iter().any(|x| nb.contains(x)) {
        return false;
    }
    let (pa, pb) = (parties(a), parties(b));
    if ta.plover == Plover::Agree {
        return pa.iter().any(|p| pb.contains(p)) || pa.is_empty() || pb.is_empty();
    }
    // A running total is not a batch; handing over weapons is not leaving.
    if ta.plover == Plover::Retreat
        && (a.cumulative != b.cumulative
            || (ta.mode.is_some() && tb.mode.is_some() && ta.mode != tb.mode))
    {
        return false;
    }
    // Retreats with no agent yet take the report's evacuating group later.
    if ta.plover == Plover::Retreat && (pa.is_empty() || pb.is_empty()) {
        return ordinal(cx, a) == ordinal(cx, b)
            || ordinal(cx, a).is_none()
            || ordinal(cx, b).is_none();
    }
    if pa != pb {
        return false;
    }
    if ta.plover == Plover::Retreat {
        if let (Some(x), Some(y)) = (ordinal(cx, a), ordinal(cx, b)) {
            if x != y {
                return false;
            }
        }
    }
    // Directed acts keep their direction unless one telling is mutual.
    a.symmetric
        || b.symmetric
        || (a.source.iter().map(|x| party(&x.code)).collect::<Vec<_>>()
            == b.source.iter().map(|x| party(&x.code)).collect::<Vec<_>>())
}

/// A telling that only denies ("X denied that any chemical weapons were used").
fn denial_only(d: &Draft) -> bool {
    d.attribution.is_empty() && !d.denied_by.is_empty()
}

/// The batch ordinal a retreat's window gives ("الدفعة الثانية"), if any.
fn ordinal(_cx: &Context, d: &Draft) -> Option<u64> {
    d.ordinal
}

fn absorb(into: &mut Draft, d: Draft, headline: bool) {
    let d_first = headline;
    let mut d = d;
    if d_first {
        // Keep the body's telling as the evidence.
        std::mem::swap(into, &mut d);
    }
    for a in d.source {
        if !into
            .source
            .iter()
            .any(|x| x.code == a.code && x.name == a.name)
        {
            into.source.push(a);
        }
    }
    for a in d.target {
        if !into
            .target
            .iter()
            .any(|x| x.code == a.code && x.name == a.name)
        {
            into.target.push(a);
        }
    }
    for p in d.location {
        if !into.location.iter().any(|x| x.id == p.id) {
            into.location.push(p);
        }
    }
    for a in d.denied_by {
        if !into.denied_by.iter().any(|x| x.code == a.code) {
            into.denied_by.push(a);
        }
    }
    if into.attribution.is_empty() {
        into.attribution = d.attribution;
    }
    if into.date.is_none() {
        into.date = d.date;
    }
    // The merged telling's counts stay with the event.
    into.told.push(d.window.clone());
    into.told.extend(d.told);
    into.symmetric |= d.symmetric;
    into.main |= d.main;
    into.confidence = (into.confidence + 0.05).min(0.95);
}

/// A place named as a destination ("إلى جرابلس", "for Jarablus"): not where things happen.
fn headed_to(p: &crate::mentions::PlaceMention) -> bool {
    crate::sentence::heads_toward(p.prep) || p.prep == Some("into")
}

/// Merge the drafts of one report and fill context.
pub fn merge(cx: &Context, drafts: Vec<Draft>, focal: Option<u32>) -> Vec<Draft> {
    let doc = cx.doc;
    let is_headline = |d: &Draft| {
        let p = doc.sentences[d.sentence].paragraph;
        doc.paragraphs.get(p).map(|p| p.part) == Some(raqib_text::Part::Headline)
    };
    let mut out: Vec<Draft> = Vec::new();
    for d in drafts {
        // Tellings of one happening stand close together in a report; looking back over a
        // bounded number of events keeps merging linear in huge inputs.
        let from = out.len().saturating_sub(256);
        if let Some(i) = out[from..]
            .iter()
            .position(|m| same_happening(cx, m, &d))
            .map(|i| i + from)
        {
            let swap = is_headline(&out[i]) && !is_headline(&d);
            absorb(&mut out[i], d, swap);
        } else {
            out.push(d);
        }
    }
    // The evacuating group: retreats with no agent take the group of the report's evacuation.
    let group = out
        .iter()
        .find(|d| cx.tables.types[d.ty as usize].plover == Plover::Retreat && !d.source.is_empty())
        .map(|d| d.source[0].clone());
    for d in &mut out {
        if cx.tables.types[d.ty as usize].plover == Plover::Retreat && d.source.is_empty() {
            if let Some(g) = &group {
                d.source.push(raqib_core::Actor {
                    text: None,
                    span: None,
                    ..g.clone()
                });
            }
        }
        if d.location.is_empty() {
            // The paragraph's place, else the report's focal place.
            let para = doc.sentences[d.sentence].paragraph;
            let in_para = cx
                .mentions
                .places
                .iter()
                .filter(|p| !headed_to(p))
                .find(|p| {
                    let si = doc
                        .sentences
                        .partition_point(|s| s.tokens.end <= p.tokens.start);
                    doc.sentences.get(si).is_some_and(|s| s.paragraph == para)
                });
            let pick = in_para.map(|p| p.place).or(focal);
            if let Some(i) = pick {
                d.location
                    .push(place_of(cx.lex.place_at(i), None, None, true));
            }
        }
    }
    out
}
