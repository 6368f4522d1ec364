//! `raqib eval`: score coded reports against gold files or sentence labels.
//!
//! Two modes, each a faithful port of a scorer of the shared evaluation material, so the last
//! lines are the same as the Python scorers' on the same files:
//!
//! - `--gold G.json... --coded C.jsonl [--text-dir D]`: `spec/score.py`. Gold and system events
//!   are paired one to one by a maximum-weight assignment (the same Hungarian method, with the
//!   same tie-breaking); a system event fits a gold event by PLOVER type, actor codes (country
//!   equal, gold roles among the system's; symmetric gold events may swap source and target)
//!   and place names folded for case, diacritics, hyphens and apostrophes; status, date, CAMEO,
//!   ACLED, attribution and denial are counted over the pairs where the gold gives a value.
//! - `--labels labels.jsonl --coded C.jsonl`: `score_detection.py` of the Arabic event GSR: a
//!   sentence is detected for a type when its report holds an event of that type (only events
//!   with `main: true` when the coder marks them).
//!
//! The scorers read JSON loosely (a missing or mistyped field counts as absent); the helpers
//! below follow Python's truthiness, equality and `str()` so that odd input scores the same.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use anyhow::Context;
use serde_json::{Map, Value};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Gold files (spec/gold.md), one per report.
    #[arg(long, num_args = 1.., required_unless_present = "labels", conflicts_with = "labels")]
    pub gold: Vec<PathBuf>,
    /// Sentence labels (`{id, event_type, label}` per line) for the detection score.
    #[arg(long)]
    pub labels: Option<PathBuf>,
    /// Coded reports: JSONL from `raqib code`, one report a line.
    #[arg(long)]
    pub coded: PathBuf,
    /// Folder with the gold text files, to read evidence spans.
    #[arg(long, requires = "gold")]
    pub text_dir: Option<PathBuf>,
    /// Exit with status 1 when the F1 (detection: the lowest F1 over the types) is below this.
    #[arg(long)]
    pub min_f1: Option<f64>,
    /// Per report: counts, missed gold events and false events.
    #[arg(long, requires = "gold")]
    pub verbose: bool,
    /// Event types to score in detection mode (default: every type in the labels).
    #[arg(long = "type", requires = "labels")]
    pub types: Vec<String>,
}

/// Run `raqib eval`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    match &args.labels {
        Some(labels) => detection(&args, labels),
        None => events(&args),
    }
}

// ------------------------------------------------------------------------ Python semantics

/// Python's `bool(x)` of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|x| x != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

fn opt_truthy(v: Option<&Value>) -> bool {
    v.is_some_and(truthy)
}

/// Python's `==` of two JSON values (numbers compare by value, `True == 1`).
fn py_eq(a: &Value, b: &Value) -> bool {
    let num = |v: &Value| match v {
        Value::Number(n) => n.as_f64(),
        Value::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
        _ => None,
    };
    match (a, b) {
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| py_eq(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| py_eq(v, w)))
        }
        (Value::Number(x), Value::Number(y))
            if (x.is_i64() || x.is_u64()) && (y.is_i64() || y.is_u64()) =>
        {
            x == y
        }
        (Value::Number(_) | Value::Bool(_), Value::Number(_) | Value::Bool(_)) => num(a) == num(b),
        _ => a == b,
    }
}

/// Python's `x in container` where `x` may be absent (None).
fn py_in(x: Option<&Value>, container: Option<&Value>) -> bool {
    let null = Value::Null;
    let x = x.unwrap_or(&null);
    match container {
        Some(Value::Array(items)) => items.iter().any(|i| py_eq(x, i)),
        Some(Value::String(s)) => matches!(x, Value::String(sub) if s.contains(sub.as_str())),
        Some(Value::Object(o)) => matches!(x, Value::String(k) if o.contains_key(k)),
        _ => false,
    }
}

/// Python's `repr(s)` of a string.
fn py_repr_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || (0x7f..0xa0).contains(&(c as u32)) => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unprintable(c) => {
                let u = c as u32;
                if u <= 0xff {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u <= 0xffff {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Characters Python's `str.isprintable` rejects that a report may hold (format and separator
/// characters).
fn is_unprintable(c: char) -> bool {
    matches!(c as u32,
        0xa0 | 0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x1680 | 0x180e
        | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x2064 | 0x2066..=0x206f
        | 0x3000 | 0xd800..=0xdfff | 0xfeff | 0xfff9..=0xfffb)
}

/// Python's `repr(x)` of a JSON value.
fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => py_number(n),
        Value::String(s) => py_repr_str(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_repr_str(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn py_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let x = n.as_f64().unwrap_or(f64::NAN);
    if x.is_finite() && x.fract() == 0.0 && x.abs() < 1e16 {
        format!("{x:.1}")
    } else {
        let s = format!("{x:?}");
        // Python writes exponents with a sign and two digits at least: 1e+16, 1e-05.
        match s.split_once('e') {
            Some((m, e)) => {
                let (sign, digits) = match e.strip_prefix('-') {
                    Some(d) => ('-', d),
                    None => ('+', e),
                };
                format!("{m}e{sign}{digits:0>2}")
            }
            None => s,
        }
    }
}

/// Python's `str(x)` of a JSON value (absent: `None`).
fn py_str(v: Option<&Value>) -> String {
    match v {
        None => "None".into(),
        Some(Value::String(s)) => s.clone(),
        Some(v) => py_repr(v),
    }
}

/// Python's `str(x or "")`.
fn py_str_or_empty(v: Option<&Value>) -> String {
    if opt_truthy(v) {
        py_str(v)
    } else {
        String::new()
    }
}

/// Python's `str.isspace` for one character.
fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()`.
fn py_strip(s: &str) -> &str {
    s.trim_matches(py_space)
}

/// Lines the way Python's text mode reads them (universal newlines, ends kept off).
fn py_lines(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let (mut start, mut i) = (0usize, 0usize);
    while i < b.len() {
        match b[i] {
            b'\n' => {
                out.push(&text[start..i]);
                i += 1;
                start = i;
            }
            b'\r' => {
                out.push(&text[start..i]);
                i += if b.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
                start = i;
            }
            _ => i += 1,
        }
    }
    if start < b.len() {
        out.push(&text[start..]);
    }
    out
}

/// `text[start:end]` by characters, clamped like Python's slicing.
fn char_slice(text: &str, start: usize, end: usize) -> &str {
    let byte = |ch: usize| {
        text.char_indices()
            .nth(ch)
            .map(|(b, _)| b)
            .unwrap_or(text.len())
    };
    let s = byte(start);
    let e = byte(end).max(s);
    &text[s..e]
}

/// The first `n` characters.
fn char_prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((b, _)) => &s[..b],
        None => s,
    }
}

// ------------------------------------------------------------------------ score.py

/// Case-, diacritic-, hyphen- and apostrophe-insensitive form of a name (`norm`).
fn norm(s: &str) -> String {
    let s: String = s
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let s = s.to_lowercase();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '-' => out.push(' '),
            '\'' | '\u{2019}' | '\u{2bf}' | '\u{2be}' | '`' | '\u{640}' => {}
            'أ' | 'إ' | 'آ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            c => out.push(c),
        }
    }
    out.split(py_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn norm_value(v: &Value) -> String {
    match v {
        Value::String(s) => norm(s),
        _ => String::new(),
    }
}

fn split_code(code: &str) -> (String, BTreeSet<String>) {
    let code: Vec<char> = code.to_uppercase().chars().filter(|&c| c != ' ').collect();
    let country: String = code.iter().take(3).collect();
    let roles = (3..code.len())
        .step_by(3)
        .map(|i| code[i..(i + 3).min(code.len())].iter().collect())
        .collect();
    (country, roles)
}

/// Some system code fits some gold code.
fn fits(system: &[String], gold: Option<&Value>) -> bool {
    let Some(Value::Array(gold)) = gold else {
        return false;
    };
    let system: Vec<_> = system.iter().map(|s| split_code(s)).collect();
    gold.iter().any(|g| {
        let (gc, gr) = split_code(&py_str_or_empty(Some(g)));
        system
            .iter()
            .any(|(sc, sr)| !sc.is_empty() && *sc == gc && gr.is_subset(sr))
    })
}

fn codes(actors: Option<&Value>) -> Vec<String> {
    match actors {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_object)
            .map(|a| py_str_or_empty(a.get("code")))
            .collect(),
        _ => Vec::new(),
    }
}

fn place_names(places: Option<&Value>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(Value::Array(places)) = places else {
        return out;
    };
    for p in places.iter().filter_map(Value::as_object) {
        for k in ["name", "text"] {
            if opt_truthy(p.get(k)) {
                out.insert(norm_value(&p[k]));
            }
        }
        if let Some(Value::Array(alts)) = p.get("names") {
            out.extend(alts.iter().map(norm_value));
        }
    }
    out
}

type Obj = Map<String, Value>;

fn event_fits(ev: &Obj, g: &Obj) -> bool {
    if !py_in(ev.get("plover"), g.get("plover")) {
        return false;
    }
    let (src, tgt) = (codes(ev.get("source")), codes(ev.get("target")));
    let oriented = |a: &[String], b: &[String]| {
        if opt_truthy(g.get("source")) && !fits(a, g.get("source")) {
            return false;
        }
        !opt_truthy(g.get("target")) || fits(b, g.get("target"))
    };
    if !(oriented(&src, &tgt) || (opt_truthy(g.get("symmetric")) && oriented(&tgt, &src))) {
        return false;
    }
    if opt_truthy(g.get("location")) {
        let gold: BTreeSet<String> = match g.get("location") {
            Some(Value::Array(a)) => a.iter().map(norm_value).collect(),
            _ => BTreeSet::new(),
        };
        if place_names(ev.get("location")).is_disjoint(&gold) {
            return false;
        }
    }
    true
}

fn evidence_text(ev: &Obj, text: Option<&str>) -> String {
    let Some(Value::Object(e)) = ev.get("evidence") else {
        return String::new();
    };
    let mut sentence = match e.get("text") {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    };
    if sentence.is_empty() {
        if let (Some(text), Some(Value::Array(span))) =
            (text.filter(|t| !t.is_empty()), e.get("span"))
        {
            if let [Value::Number(s), Value::Number(en)] = span.as_slice() {
                if let (Some(s), Some(en)) = (s.as_i64(), en.as_i64()) {
                    if 0 <= s && s <= en {
                        sentence = char_slice(text, s as usize, en as usize).to_string();
                    }
                }
            }
        }
    }
    sentence
}

/// Maximum-weight one-to-one assignment (Hungarian method, as score.py writes it);
/// `weights[i][j] >= 0`, 0 = no pair. Returns `row → column` for the pairs of positive weight.
fn assign(weights: &[Vec<i64>], n_rows: usize, n_cols: usize) -> HashMap<usize, usize> {
    let n = n_rows.max(n_cols);
    let mut out = HashMap::new();
    if n == 0 {
        return out;
    }
    const INF: i64 = i64::MAX / 4;
    let big = weights.iter().flatten().copied().max().unwrap_or(0) + 1;
    let w = |i: usize, j: usize| {
        if i < n_rows && j < n_cols {
            weights[i][j]
        } else {
            0
        }
    };
    let cost: Vec<Vec<i64>> = (0..n)
        .map(|i| (0..n).map(|j| big - w(i, j)).collect())
        .collect();
    let (mut u, mut v) = (vec![0i64; n + 1], vec![0i64; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![INF; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let (mut delta, mut j1) = (INF, 0usize);
            for j in 1..=n {
                if !used[j] {
                    let cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        while j0 != 0 {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
        }
    }
    for j in 1..=n {
        let Some(i) = p[j].checked_sub(1) else {
            continue;
        };
        if i < n_rows && j - 1 < n_cols && weights[i][j - 1] > 0 {
            out.insert(i, j - 1);
        }
    }
    out
}

fn date_value(ev: &Obj) -> Option<&Value> {
    match ev.get("date") {
        Some(Value::Object(d)) => d.get("value"),
        Some(s @ Value::String(_)) => Some(s),
        _ => None,
    }
}

fn gold_dates(g: &Obj) -> Value {
    match g.get("date") {
        Some(a @ Value::Array(_)) => a.clone(),
        Some(d) if truthy(d) => Value::Array(vec![d.clone()]),
        _ => Value::Array(Vec::new()),
    }
}

fn in_boilerplate(ev: &Obj, gold: &Obj, text: Option<&str>) -> bool {
    let t = evidence_text(ev, text);
    let t = py_strip(&t);
    if t.is_empty() {
        return false;
    }
    let Some(Value::Array(lines)) = gold.get("no_events_in") else {
        return false;
    };
    lines.iter().any(|line| {
        let Value::String(line) = line else {
            return false;
        };
        !line.is_empty()
            && (t.contains(line.as_str())
                || (line.contains(t) && 2 * t.chars().count() >= line.chars().count()))
    })
}

fn cameo_fits(ev: &Obj, gold: Option<&Value>) -> bool {
    let cameo = py_str_or_empty(ev.get("cameo"));
    let Some(Value::Array(golds)) = gold else {
        return false;
    };
    !cameo.is_empty()
        && golds
            .iter()
            .any(|c| matches!(c, Value::String(c) if cameo.starts_with(c.as_str())))
}

fn pair_weight(ev: &Obj, g: &Obj, text: Option<&str>) -> i64 {
    if !event_fits(ev, g) {
        return 0;
    }
    let mut w: i64 = if opt_truthy(g.get("required")) {
        1_000_000
    } else {
        1_000
    };
    if let Some(Value::String(cue)) = g.get("cue") {
        if !cue.is_empty() && evidence_text(ev, text).contains(cue.as_str()) {
            w += 8;
        }
    }
    if py_in(ev.get("status"), g.get("status")) {
        w += 4;
    }
    let dates = gold_dates(g);
    if truthy(&dates) && py_in(date_value(ev), Some(&dates)) {
        w += 2;
    }
    if cameo_fits(ev, g.get("cameo")) {
        w += 1;
    }
    w
}

/// Counts of one report (or the total).
#[derive(Debug, Default, Clone)]
struct Counts {
    tp: usize,
    fn_: usize,
    fp: usize,
    dup: usize,
    optional: usize,
    boiler_fp: usize,
    status_ok: usize,
    status_n: usize,
    date_ok: usize,
    date_n: usize,
    cameo_ok: usize,
    cameo_n: usize,
    acled_ok: usize,
    acled_n: usize,
    attr_ok: usize,
    attr_n: usize,
    deny_ok: usize,
    deny_n: usize,
}

impl Counts {
    fn add(&mut self, o: &Counts) {
        self.tp += o.tp;
        self.fn_ += o.fn_;
        self.fp += o.fp;
        self.dup += o.dup;
        self.optional += o.optional;
        self.boiler_fp += o.boiler_fp;
        self.status_ok += o.status_ok;
        self.status_n += o.status_n;
        self.date_ok += o.date_ok;
        self.date_n += o.date_n;
        self.cameo_ok += o.cameo_ok;
        self.cameo_n += o.cameo_n;
        self.acled_ok += o.acled_ok;
        self.acled_n += o.acled_n;
        self.attr_ok += o.attr_ok;
        self.attr_n += o.attr_n;
        self.deny_ok += o.deny_ok;
        self.deny_n += o.deny_n;
    }
}

struct Scored {
    counts: Counts,
    missed: Vec<String>,
    false_events: Vec<String>,
}

fn score_report(gold: &Obj, coded: Option<&Obj>, text: Option<&str>) -> anyhow::Result<Scored> {
    let events: Vec<&Obj> = match coded.and_then(|c| c.get("events")) {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_object).collect(),
        _ => Vec::new(),
    };
    let gev: Vec<&Obj> = match gold.get("events") {
        Some(Value::Array(a)) => a
            .iter()
            .map(|g| g.as_object().context("a gold event is not a JSON object"))
            .collect::<anyhow::Result<_>>()?,
        _ => anyhow::bail!("the gold file has no `events` list"),
    };
    let weights: Vec<Vec<i64>> = gev
        .iter()
        .map(|g| {
            events
                .iter()
                .map(|ev| {
                    if in_boilerplate(ev, gold, text) {
                        0
                    } else {
                        pair_weight(ev, g, text)
                    }
                })
                .collect()
        })
        .collect();
    let pair = assign(&weights, gev.len(), events.len());
    let used: BTreeSet<usize> = pair.values().copied().collect();
    let mut r = Counts::default();
    let (mut missed, mut false_events) = (Vec::new(), Vec::new());
    for (gi, g) in gev.iter().enumerate() {
        if opt_truthy(g.get("required")) {
            if pair.contains_key(&gi) {
                r.tp += 1;
            } else {
                r.fn_ += 1;
                missed.push(py_str(g.get("label")));
            }
        } else if pair.contains_key(&gi) {
            r.optional += 1;
        }
        let Some(&si) = pair.get(&gi) else {
            continue;
        };
        let ev = events[si];
        r.status_n += 1;
        r.status_ok += py_in(ev.get("status"), g.get("status")) as usize;
        if opt_truthy(g.get("date")) {
            r.date_n += 1;
            r.date_ok += py_in(date_value(ev), Some(&gold_dates(g))) as usize;
        }
        if opt_truthy(g.get("cameo")) {
            r.cameo_n += 1;
            r.cameo_ok += cameo_fits(ev, g.get("cameo")) as usize;
        }
        if opt_truthy(g.get("acled")) {
            r.acled_n += 1;
            let empty = Map::new();
            let a = ev.get("acled").and_then(Value::as_object).unwrap_or(&empty);
            let pair = Value::Array(vec![
                a.get("event_type").cloned().unwrap_or(Value::Null),
                a.get("sub_event_type").cloned().unwrap_or(Value::Null),
            ]);
            r.acled_ok += py_in(Some(&pair), g.get("acled")) as usize;
        }
        if opt_truthy(g.get("attribution")) {
            r.attr_n += 1;
            r.attr_ok += fits(&codes(ev.get("attribution")), g.get("attribution")) as usize;
        }
        if opt_truthy(g.get("denied_by")) {
            r.deny_n += 1;
            r.deny_ok += fits(&codes(ev.get("denied_by")), g.get("denied_by")) as usize;
        }
    }
    for (si, ev) in events.iter().enumerate() {
        if used.contains(&si) {
            continue;
        }
        r.fp += 1;
        let ev_text = evidence_text(ev, text);
        if in_boilerplate(ev, gold, text) {
            r.boiler_fp += 1;
        } else if gev.iter().any(|g| event_fits(ev, g)) {
            r.dup += 1;
        }
        let list = |v: Vec<String>| {
            format!(
                "[{}]",
                v.iter()
                    .map(|s| py_repr_str(s))
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        false_events.push(format!(
            "{} {}->{} \"{}\"",
            py_str(ev.get("plover")),
            list(codes(ev.get("source"))),
            list(codes(ev.get("target"))),
            char_prefix(&ev_text, 70)
        ));
    }
    Ok(Scored {
        counts: r,
        missed,
        false_events,
    })
}

fn read_utf8(p: &Path) -> anyhow::Result<String> {
    std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))
}

/// The non-blank lines of a coded JSONL file, parsed: (line number, `str(id)`, report).
fn read_coded(p: &Path, prefix: &str) -> Result<Vec<(usize, String, Value)>, String> {
    let text = read_utf8(p).map_err(|e| format!("{e:#}"))?;
    let mut out = Vec::new();
    for (n, line) in py_lines(&text).into_iter().enumerate() {
        if py_strip(line).is_empty() {
            continue;
        }
        let obj: Value = serde_json::from_str(line)
            .map_err(|e| format!("{prefix}line {} of {} is not JSON: {e}", n + 1, p.display()))?;
        let key = py_str(obj.get("id"));
        out.push((n + 1, key, obj));
    }
    Ok(out)
}

fn fmt3(x: f64) -> String {
    format!("{x:.3}")
}

fn events(args: &Args) -> anyhow::Result<u8> {
    let lines = match read_coded(&args.coded, "score: ") {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    let mut coded: HashMap<String, Value> = HashMap::new();
    for (n, key, obj) in lines {
        if !obj.is_object() {
            eprintln!(
                "score: line {n} of {} is not a JSON object (one coded report a line)",
                args.coded.display()
            );
            return Ok(1);
        }
        if coded.contains_key(&key) {
            eprintln!(
                "score: warning: report id {key} appears twice in {}; the last one counts",
                args.coded.display()
            );
        }
        coded.insert(key, obj);
    }
    let mut total = Counts::default();
    for path in &args.gold {
        let gold: Value = serde_json::from_str(&read_utf8(path)?)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        let gold = gold
            .as_object()
            .with_context(|| format!("{} is not a JSON object", path.display()))?;
        let text = match &args.text_dir {
            Some(dir) => {
                let file = gold
                    .get("text_file")
                    .with_context(|| format!("{} has no `text_file`", path.display()))?;
                let p = format!("{}/{}", dir.display(), py_str(Some(file)));
                match std::fs::read(&p) {
                    Ok(bytes) => Some(
                        String::from_utf8(bytes)
                            .map_err(|_| anyhow::anyhow!("{p} is not UTF-8 text"))?,
                    ),
                    Err(_) => None,
                }
            }
            None => None,
        };
        let id = py_str(gold.get("id"));
        let rep = coded.get(&id).and_then(Value::as_object);
        let s = score_report(gold, rep, text.as_deref())
            .with_context(|| format!("cannot score {}", path.display()))?;
        total.add(&s.counts);
        if args.verbose || rep.is_none() {
            let r = &s.counts;
            println!(
                "{id}: {}tp={} fn={} fp={} (duplicates {}, boilerplate {})",
                if rep.is_none() { "NOT CODED " } else { "" },
                r.tp,
                r.fn_,
                r.fp,
                r.dup,
                r.boiler_fp
            );
            if args.verbose {
                for m in &s.missed {
                    println!("  missed {m}");
                }
                for x in &s.false_events {
                    println!("  false  {x}");
                }
            }
        }
    }
    let t = &total;
    let (tp, fn_, fp) = (t.tp as f64, t.fn_ as f64, t.fp as f64);
    if t.tp + t.fn_ == 0 {
        eprintln!("score: the gold files hold no required event");
    }
    let mut p = if t.tp + t.fp > 0 { tp / (tp + fp) } else { 0.0 };
    let mut rec = if t.tp + t.fn_ > 0 {
        tp / (tp + fn_)
    } else {
        0.0
    };
    let mut f1 = if p + rec > 0.0 {
        2.0 * p * rec / (p + rec)
    } else {
        0.0
    };
    if t.tp + t.fn_ + t.fp == 0 {
        (p, rec, f1) = (1.0, 1.0, 1.0);
    }
    println!(
        "reports={} tp={} fn={} fp={} (duplicates {}, boilerplate {})",
        args.gold.len(),
        t.tp,
        t.fn_,
        t.fp,
        t.dup,
        t.boiler_fp
    );
    println!(
        "paired: status={}/{} date={}/{} cameo={}/{} acled={}/{} attribution={}/{} denial={}/{}",
        t.status_ok,
        t.status_n,
        t.date_ok,
        t.date_n,
        t.cameo_ok,
        t.cameo_n,
        t.acled_ok,
        t.acled_n,
        t.attr_ok,
        t.attr_n,
        t.deny_ok,
        t.deny_n
    );
    println!("events P={} R={} F1={}", fmt3(p), fmt3(rec), fmt3(f1));
    Ok(match args.min_f1 {
        Some(m) if f1 < m => 1,
        _ => 0,
    })
}

// ------------------------------------------------------------------------ score_detection.py

fn detection(args: &Args, labels_path: &Path) -> anyhow::Result<u8> {
    let lines = match read_coded(&args.coded, "") {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}");
            return Ok(1);
        }
    };
    let mut found: HashMap<String, Vec<Value>> = HashMap::new();
    for (_, key, r) in lines {
        let r = r.as_object().with_context(|| {
            format!(
                "{}: report {key} is not a JSON object",
                args.coded.display()
            )
        })?;
        let events = match r.get("events") {
            None => Vec::new(),
            Some(Value::Array(a)) => a.iter().collect(),
            Some(_) => anyhow::bail!(
                "{}: report {key}: `events` is not a list",
                args.coded.display()
            ),
        };
        let mut types: Vec<Value> = Vec::new();
        for e in events {
            let e = e
                .as_object()
                .with_context(|| format!("report {key}: an event is not a JSON object"))?;
            if e.get("main").is_none_or(truthy) {
                let t = e.get("plover").cloned().unwrap_or(Value::Null);
                if !types.iter().any(|x| py_eq(x, &t)) {
                    types.push(t);
                }
            }
        }
        found.insert(key, types);
    }
    let text = read_utf8(labels_path)?;
    let mut labels: Vec<Obj> = Vec::new();
    for (n, l) in py_lines(&text).into_iter().enumerate() {
        if py_strip(l).is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(l)
            .with_context(|| format!("line {} of {} is not JSON", n + 1, labels_path.display()))?;
        let Value::Object(o) = v else {
            anyhow::bail!(
                "line {} of {} is not a JSON object",
                n + 1,
                labels_path.display()
            );
        };
        for k in ["id", "event_type", "label"] {
            if !o.contains_key(k) {
                anyhow::bail!("line {} of {} has no `{k}`", n + 1, labels_path.display());
            }
        }
        labels.push(o);
    }
    let types: Vec<String> = if args.types.is_empty() {
        let set: BTreeSet<String> = labels.iter().map(|l| py_str(l.get("event_type"))).collect();
        set.into_iter().collect()
    } else {
        args.types.clone()
    };
    let mut worst = 1.0f64;
    for t in &types {
        let tv = Value::String(t.clone());
        let (mut tp, mut fp, mut fn_, mut tn) = (0usize, 0usize, 0usize, 0usize);
        for l in &labels {
            if !py_eq(&l["event_type"], &tv) || l["label"] == "ambiguous" {
                continue;
            }
            let hit = match &l["id"] {
                Value::String(id) => found
                    .get(id)
                    .is_some_and(|types| types.iter().any(|x| py_eq(x, &tv))),
                _ => false,
            };
            let pos = l["label"] == "yes";
            match (hit, pos) {
                (true, true) => tp += 1,
                (true, false) => fp += 1,
                (false, true) => fn_ += 1,
                (false, false) => tn += 1,
            }
        }
        let p = if tp + fp > 0 {
            tp as f64 / (tp + fp) as f64
        } else {
            0.0
        };
        let r = if tp + fn_ > 0 {
            tp as f64 / (tp + fn_) as f64
        } else {
            0.0
        };
        let f1 = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        worst = worst.min(f1);
        println!(
            "{t}: tp={tp} fp={fp} fn={fn_} tn={tn} P={} R={} F1={}",
            fmt3(p),
            fmt3(r),
            fmt3(f1)
        );
    }
    println!("detection min F1={}", fmt3(worst));
    Ok(match args.min_f1 {
        Some(m) if worst < m => 1,
        _ => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_like_score_py() {
        assert_eq!(norm("Dūmā"), "duma");
        assert_eq!(norm("Ḩarastā"), "harasta");
        assert_eq!(norm("Deir ez-Zor"), "deir ez zor");
        assert_eq!(norm("  Ma'arrat   al-Nu‘man "), "maarrat al nu‘man");
        assert_eq!(norm("دُوما"), "دوما");
        assert_eq!(norm("الغوطة الشرقية"), "الغوطه الشرقيه");
        assert_eq!(norm("إدلب"), "ادلب");
    }

    #[test]
    fn codes_fit_by_country_and_roles() {
        let g = serde_json::json!(["SYRMIL"]);
        assert!(fits(&["SYRGOVMIL".into()], Some(&g)));
        assert!(!fits(&["SYRGOV".into()], Some(&g)));
        assert!(fits(&["SYRREB".into()], Some(&serde_json::json!(["SYR"]))));
        assert!(!fits(&["".into()], Some(&serde_json::json!([""]))));
    }

    #[test]
    fn assignment_maximizes_weight() {
        // Greedy would pair row 0 with column 0 (weight 10) and lose 9 + 9.
        let w = vec![vec![10, 9], vec![9, 0]];
        let a = assign(&w, 2, 2);
        assert_eq!(a.get(&0), Some(&1));
        assert_eq!(a.get(&1), Some(&0));
        let w = vec![vec![0, 0, 5]];
        assert_eq!(assign(&w, 1, 3), HashMap::from([(0, 2)]));
        assert!(assign(&[], 0, 0).is_empty());
    }

    #[test]
    fn python_reprs() {
        assert_eq!(py_repr_str("SYRMIL"), "'SYRMIL'");
        assert_eq!(py_repr_str("it's"), "\"it's\"");
        assert_eq!(py_str(None), "None");
        assert_eq!(py_str(Some(&serde_json::json!(5))), "5");
        assert_eq!(py_str(Some(&serde_json::json!(2.0))), "2.0");
        assert_eq!(py_lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
    }
}
