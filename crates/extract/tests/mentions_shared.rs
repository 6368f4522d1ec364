//! Every actor, outlet, person, place and date mention of the shared seed and storyline reports
//! (`../shared`), listed by hand in `tests/mentions/*.toml` (conventions in its README), held
//! against the mentions the coder recognises (`--explain`): each listed mention must be
//! recognised with its span and the right code, place or date. Recognised mentions that are not
//! in the lists are printed, with the precision they leave. Skipped, with a message, when the
//! shared folder is not there.

use std::path::{Path, PathBuf};

use raqib_core::{InputReport, Mention};
use serde::Deserialize;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    p.join("storyline/reports.jsonl").exists().then_some(p)
}

#[derive(Deserialize)]
struct List {
    texts: Vec<String>,
    date: String,
    mention: Vec<Expected>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Codes {
    One(String),
    Any(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expected {
    kind: String,
    text: String,
    #[serde(default = "one")]
    occurrence: usize,
    code: Option<Codes>,
    id: Option<String>,
    value: Option<String>,
    to: Option<String>,
    #[serde(default)]
    anaphor: bool,
    title: Option<String>,
    #[serde(default)]
    dateline: bool,
    #[allow(dead_code)]
    note: Option<String>,
}

fn one() -> usize {
    1
}

const PROCLITICS: &[char] = &['و', 'ف', 'ب', 'ل', 'ك'];

/// Character offsets of the whole-word occurrences of `needle` (see the README).
fn occurrences(text: &[char], needle: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > text.len() {
        return out;
    }
    for i in 0..=text.len() - needle.len() {
        if text[i..i + needle.len()] != *needle {
            continue;
        }
        let e = i + needle.len();
        if e < text.len() && text[e].is_alphanumeric() {
            continue;
        }
        let mut j = i;
        while j > 0 && text[j - 1].is_alphanumeric() {
            j -= 1;
        }
        let pre = &text[j..i];
        if pre.len() <= 2 && pre.iter().all(|c| PROCLITICS.contains(c)) {
            out.push(i);
        }
    }
    out
}

/// Whether a recognised span starting at `got` may stand for the listed one starting at `want`
/// (both ending at the same place): the difference is proclitics, "the ", or the title.
fn start_fits(text: &[char], want: usize, got: usize, title: Option<&str>) -> bool {
    let (a, b) = (want.min(got), want.max(got));
    let gap: String = text[a..b].iter().collect();
    gap.is_empty()
        || (gap.chars().count() <= 2 && gap.chars().all(|c| PROCLITICS.contains(&c)))
        || gap == "the "
        || gap == "The "
        || title.is_some_and(|t| {
            gap == t
                || gap
                    .strip_prefix(|c: char| PROCLITICS.contains(&c))
                    .is_some_and(|g| g == t)
        })
}

/// A code fits a listed one as in `spec/score.py`: same country, all listed roles present.
fn code_fits(got: &str, want: &str) -> bool {
    let roles = |c: &str| -> Vec<String> {
        c.as_bytes()
            .get(3..)
            .unwrap_or_default()
            .chunks(3)
            .map(|x| String::from_utf8_lossy(x).into_owned())
            .collect()
    };
    got.get(..3) == want.get(..3) && roles(want).iter().all(|r| roles(got).contains(r))
}

fn family(kind: &str) -> &str {
    match kind {
        "outlet" => "actor",
        k => k,
    }
}

struct Text {
    name: String,
    text: String,
    lang: Option<String>,
}

fn load_text(shared: &Path, spec: &str) -> Text {
    if let Some(id) = spec.strip_prefix("storyline/") {
        let all = std::fs::read_to_string(shared.join("storyline/reports.jsonl")).expect("jsonl");
        for line in all.lines().filter(|l| !l.trim().is_empty()) {
            let r: InputReport = serde_json::from_str(line).expect("report line");
            if r.id.as_deref() == Some(id) {
                return Text {
                    name: id.to_string(),
                    text: r.text.expect("text"),
                    lang: r.lang,
                };
            }
        }
        panic!("storyline report {id} not found");
    }
    Text {
        name: spec.to_string(),
        text: std::fs::read_to_string(shared.join(spec)).expect("seed text"),
        lang: None,
    }
}

#[derive(Default)]
struct Tally {
    listed: usize,
    found: usize,
    recognised: usize,
    extra: usize,
}

/// Check one text against its list; returns the failures (one line each) and the tally.
fn check(
    coder: &raqib_extract::Coder,
    lex: &raqib_lexicon::Lexicon,
    t: &Text,
    list: &List,
) -> (Vec<String>, Tally) {
    let input = InputReport {
        id: Some(t.name.clone()),
        text: Some(t.text.clone()),
        date: Some(list.date.clone()),
        lang: t.lang.clone(),
        ..Default::default()
    };
    let report = coder
        .code(&input, &raqib_extract::CodeOptions { explain: true })
        .expect("coded");
    let got: Vec<Mention> = report
        .sentences
        .unwrap_or_default()
        .into_iter()
        .flat_map(|s| s.mentions)
        .collect();
    let chars: Vec<char> = t.text.chars().collect();
    let byte_at: Vec<usize> = t
        .text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(t.text.len()))
        .collect();
    let lang = t
        .lang
        .as_deref()
        .map(raqib_text::Lang::from_code)
        .filter(|l| *l != raqib_text::Lang::Other);
    let doc = raqib_text::analyze(&t.text, &raqib_text::Options { lang });
    let anchor = raqib_lexicon::dates::parse_iso(&list.date);
    let dates = raqib_lexicon::dates::find_dates(&doc, &t.text, anchor);
    let datelines: Vec<raqib_core::Span> =
        doc.paragraphs.iter().filter_map(|p| p.dateline).collect();

    let mut fails = Vec::new();
    let mut tally = Tally {
        listed: list.mention.len(),
        recognised: got.len(),
        ..Tally::default()
    };
    let mut used = vec![false; got.len()];
    for e in &list.mention {
        let needle: Vec<char> = e.text.chars().collect();
        let occ = occurrences(&chars, &needle);
        let Some(&start) = occ.get(e.occurrence - 1) else {
            fails.push(format!(
                "{} {:?} #{}: not in the text ({} occurrences)",
                e.kind,
                e.text,
                e.occurrence,
                occ.len()
            ));
            continue;
        };
        let end = start + needle.len();
        let what = format!("{} {:?} #{} [{start},{end}]", e.kind, e.text, e.occurrence);
        if e.dateline {
            let (bs, be) = (byte_at[start], byte_at[end]);
            if !datelines.iter().any(|d| d.start <= bs && be <= d.end) {
                fails.push(format!("{what}: not in a dateline"));
                continue;
            }
            let ok = match e.kind.as_str() {
                "place" => lex
                    .find(&doc, 0..doc.tokens.len())
                    .iter()
                    .filter(|m| m.span.end == be && m.span.start <= bs)
                    .flat_map(|m| &m.entries)
                    .any(|r| match r {
                        raqib_lexicon::EntryRef::Place(i) => {
                            Some(&lex.place_at(*i).id) == e.id.as_ref()
                        }
                        _ => false,
                    }),
                _ => dates.iter().any(|d| {
                    d.span.end == be
                        && d.span.start <= bs
                        && d.value.map(|v| v.to_string()) == e.value
                }),
            };
            // The coder may also list the dateline's words among the sentence's mentions.
            for (k, m) in got.iter().enumerate() {
                if m.span.start < end && start < m.span.end && family(&m.kind) == e.kind {
                    used[k] = true;
                }
            }
            if ok {
                tally.found += 1;
            } else {
                fails.push(format!(
                    "{what}: dateline not read as {:?}",
                    e.id.as_ref().or(e.value.as_ref())
                ));
            }
            continue;
        }
        let at = got.iter().enumerate().find(|(_, m)| {
            family(&m.kind) == family(&e.kind)
                && m.span.end == end
                && start_fits(&chars, start, m.span.start, e.title.as_deref())
        });
        let Some((k, m)) = at else {
            let near: Vec<String> = got
                .iter()
                .filter(|m| m.span.start < end && start < m.span.end)
                .map(|m| format!("{} {:?} {:?}", m.kind, m.text, m.code))
                .collect();
            fails.push(format!("{what}: not recognised; overlapping: {near:?}"));
            continue;
        };
        used[k] = true;
        let mut wrong = Vec::new();
        match e.kind.as_str() {
            "actor" | "outlet" => {
                let code = m.code.as_deref().unwrap_or("");
                let fits = match &e.code {
                    Some(Codes::One(c)) => code_fits(code, c),
                    Some(Codes::Any(cs)) => cs.iter().any(|c| code_fits(code, c)),
                    None => true,
                };
                if !fits {
                    wrong.push(format!("code {code}"));
                }
                if e.id.is_some() && m.id != e.id {
                    wrong.push(format!("id {:?}", m.id));
                }
                if m.anaphor != e.anaphor {
                    wrong.push(format!("anaphor {}", m.anaphor));
                }
            }
            "place" => {
                if e.id.is_some() && m.id != e.id {
                    wrong.push(format!("place {:?} {:?}", m.id, m.value));
                }
            }
            "date" => {
                if e.value.is_some() && Some(&m.value) != e.value.as_ref() {
                    wrong.push(format!("value {}", m.value));
                }
                if let Some(to) = &e.to {
                    let d = dates.iter().find(|d| d.span.end == byte_at[end]);
                    let got_to = d.and_then(|d| d.to).map(|v| v.to_string());
                    if got_to.as_ref() != Some(to) {
                        wrong.push(format!("to {got_to:?}"));
                    }
                }
            }
            k => panic!("unknown kind {k}"),
        }
        if wrong.is_empty() {
            tally.found += 1;
        } else {
            fails.push(format!(
                "{what}: recognised {:?} but {}",
                m.text,
                wrong.join(", ")
            ));
        }
    }
    for (m, u) in got.iter().zip(&used) {
        if !u {
            tally.extra += 1;
            println!(
                "  {}: not listed: {} {:?} [{},{}] {:?} {}",
                t.name, m.kind, m.text, m.span.start, m.span.end, m.code, m.value
            );
        }
    }
    (fails, tally)
}

#[test]
fn every_hand_marked_mention_is_recognised() {
    let Some(shared) = shared() else {
        eprintln!("mentions_shared: ../shared not found, skipped");
        return;
    };
    let lex = raqib_lexicon::Lexicon::shared().expect("lexicon");
    let coder = raqib_extract::Coder::new(lex.clone());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/mentions");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/mentions")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut all = Vec::new();
    let mut total = Tally::default();
    for f in &files {
        let list: List = toml::from_str(&std::fs::read_to_string(f).expect("list"))
            .unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        for spec in &list.texts {
            let t = load_text(&shared, spec);
            let (fails, tally) = check(&coder, &lex, &t, &list);
            println!(
                "{}: {}/{} listed mentions recognised; {} of {} recognised not listed (precision {:.3})",
                t.name,
                tally.found,
                tally.listed,
                tally.extra,
                tally.recognised,
                1.0 - tally.extra as f64 / tally.recognised.max(1) as f64
            );
            for x in &fails {
                println!("  {}: MISSED {x}", t.name);
            }
            all.extend(fails.into_iter().map(|x| format!("{}: {x}", t.name)));
            total.listed += tally.listed;
            total.found += tally.found;
            total.recognised += tally.recognised;
            total.extra += tally.extra;
        }
    }
    println!(
        "all: recall {}/{} = {:.3}, precision {:.3} ({} recognised, {} not listed)",
        total.found,
        total.listed,
        total.found as f64 / total.listed.max(1) as f64,
        1.0 - total.extra as f64 / total.recognised.max(1) as f64,
        total.recognised,
        total.extra
    );
    assert!(
        all.is_empty(),
        "{} listed mentions not recognised as listed:\n{}",
        all.len(),
        all.join("\n")
    );
}

#[test]
fn occurrences_count_whole_words_after_proclitics() {
    let t: Vec<char> = "دوما بدوما ودوما الدوما Douma Doumas".chars().collect();
    let n = |s: &str| occurrences(&t, &s.chars().collect::<Vec<_>>()).len();
    assert_eq!(n("دوما"), 3);
    assert_eq!(n("Douma"), 1);
    assert!(code_fits("SYRGOVMIL", "SYRMIL"));
    assert!(!code_fits("SYRMIL", "SYRGOVMIL"));
    assert!(code_fits("RUSMED", "RUS"));
    assert!(!code_fits("TURMIL", "SYRMIL"));
}
