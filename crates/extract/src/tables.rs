//! Trigger and frame tables (`data/triggers`), with inflections generated from lemmas, compiled
//! into one token matcher.

use raqib_core::{Acled, Plover};
use raqib_lexicon::matcher::{EntryRef, Matcher, MatcherBuilder};
use rustc_hash::FxHashMap;
use serde::Deserialize;

const TYPES: &str = include_str!("../../../data/triggers/types.toml");
const AR: &str = include_str!("../../../data/triggers/ar.toml");
const EN: &str = include_str!("../../../data/triggers/en.toml");
const NATIONALITIES: &str = include_str!("../../../data/triggers/nationalities.toml");
const SALIENCE: &str = include_str!("../../../data/triggers/salience.toml");

/// What an event type means.
#[derive(Debug, Clone)]
pub struct EventType {
    /// Name in the tables (`shell`, `negotiate`...).
    pub name: String,
    /// PLOVER type.
    pub plover: Plover,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// ACLED types.
    pub acled: Acled,
    /// Needs a source and a target.
    pub dyadic: bool,
    /// An attack only when the agent is armed.
    pub armed_agent: bool,
}

/// Kinds of frame words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FrameKind {
    /// A reporting verb or phrase (said, according to).
    Report,
    /// A denial.
    Deny,
    /// A negation particle.
    Negate,
    /// A halt of an ongoing process.
    Stall,
    /// Intent, plan, future.
    Intend,
    /// A generic or habitual statement.
    Generic,
    /// "that" after a reporting verb.
    Complementizer,
    /// A condition.
    Condition,
    /// What an agreement stipulates ("يقضي ب", "provides for"): terms, not events.
    Terms,
}

/// What a matched cue is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// An event trigger of this type index.
    Trigger(u16),
    /// A frame word.
    Frame(FrameKind),
}

/// One cue of the tables.
#[derive(Debug, Clone)]
pub struct Cue {
    /// What it is.
    pub kind: CueKind,
    /// A verb (rather than a noun).
    pub verb: bool,
    /// Words one of which must follow within `window` tokens.
    pub objects: Vec<String>,
    /// Window for `objects`.
    pub window: usize,
    /// Words that cancel the cue when they follow it directly.
    pub not_before: Vec<String>,
    /// An object with the article counts only after a count ("آلاف المتظاهرين"): "وهتف
    /// المتظاهرون" goes on about protesters already told of, "هتف آلاف" tells of new ones.
    pub fresh: bool,
}

/// All tables, compiled.
#[derive(Debug)]
pub struct Tables {
    /// Event types.
    pub types: Vec<EventType>,
    /// Cues (indexed by `EntryRef::Other`).
    pub cues: Vec<Cue>,
    /// Matcher over triggers and frames.
    pub matcher: Matcher,
    /// Nationality adjectives (bare key) → country.
    pub nationality: FxHashMap<String, String>,
    /// Anaphoric group nouns, as key sequences.
    pub anaphors: Matcher,
    /// Anaphoric institution nouns ("المركز", "the observatory"): `Other(i)` → `named_keys[i]`.
    pub named_anaphors: Matcher,
    /// The word each institution anaphor shares with its antecedent's name.
    pub named_keys: Vec<String>,
    /// Side nouns ("الجانب") that a nationality makes a state.
    pub sides: Matcher,
    /// Air-force agents, as key sequences.
    pub air: Matcher,
    /// Unnamed speakers ("مصدر عسكري", "state media"); `EntryRef::Other(i)` → `source_roles[i]`.
    pub sources: Matcher,
    /// Roles of each unnamed speaker.
    pub source_roles: Vec<String>,
    /// Means of an attack ("سيارة مفخخة", "gunmen"): a sentence naming them reports one.
    pub means: Matcher,
    /// Its toll ("مقتل", "جرحى", "killed").
    pub toll: Matcher,
    /// Field sources that give tolls ("مصدر أمني", "police", "witnesses").
    pub field_sources: Matcher,
}

#[derive(Deserialize)]
struct SalienceFile {
    means: FormList,
    toll: FormList,
    field_sources: FormList,
}

#[derive(Deserialize)]
struct TypesFile {
    #[serde(rename = "type")]
    types: std::collections::BTreeMap<String, TypeDef>,
}

#[derive(Deserialize)]
struct TypeDef {
    plover: String,
    #[serde(default)]
    mode: Option<String>,
    cameo: String,
    acled: [String; 2],
    #[serde(default)]
    dyadic: bool,
    #[serde(default)]
    armed_agent: bool,
}

#[derive(Deserialize, Default)]
struct TriggerFile {
    #[serde(default)]
    verb: Vec<VerbDef>,
    #[serde(default)]
    noun: Vec<NounDef>,
    #[serde(default)]
    frame: Vec<FrameDef>,
}

#[derive(Deserialize)]
struct VerbDef {
    #[serde(default)]
    past: Option<String>,
    #[serde(default)]
    present: Option<String>,
    #[serde(default)]
    base: Option<String>,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    objects: Vec<String>,
    #[serde(default)]
    window: Option<usize>,
    #[serde(default)]
    fresh: bool,
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Deserialize)]
struct NounDef {
    forms: Vec<String>,
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    not_before: Vec<String>,
}

#[derive(Deserialize)]
struct FrameDef {
    kind: String,
    #[serde(default)]
    verbs: Vec<Vec<String>>,
    #[serde(default)]
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct NationalityFile {
    country: std::collections::BTreeMap<String, Vec<String>>,
    anaphor: AnaphorList,
    side: FormList,
    sources: std::collections::BTreeMap<String, String>,
    air: FormList,
}

#[derive(Deserialize)]
struct FormList {
    forms: Vec<String>,
}

#[derive(Deserialize)]
struct AnaphorList {
    forms: Vec<String>,
    named: Vec<String>,
}

/// Inflections of an Arabic verb from its perfect and imperfect 3rd person masculine singular.
///
/// The unvocalized script writes active and passive alike (قَصَفَ / قُصِفَ), so persons and
/// numbers of both voices come out of the same suffix tables.
pub fn arabic_verb_forms(past: &str, present: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Perfect: 3ms, 3fs/1s/2s, 3mp, 3md, 3fd, 3fp, 1p, 2mp...
    let (p_stem, p_weak) = weak_end(past);
    for suf in ["", "ت", "وا", "ا", "تا", "ن", "نا", "تم", "و"] {
        out.push(format!("{past}{suf}"));
    }
    if p_weak {
        for suf in ["ت", "وا", "تا", "ا"] {
            out.push(format!("{p_stem}{suf}"));
        }
    }
    // Imperfect: person prefixes on the stem, with number suffixes.
    let stem = present
        .strip_prefix('ي')
        .or_else(|| present.strip_prefix('ت'))
        .unwrap_or(present);
    let (i_stem, i_weak) = weak_end(stem);
    for pre in ["ي", "ت", "ن", "أ"] {
        for suf in ["", "ون", "وا", "ان", "ا", "ين", "ن"] {
            out.push(format!("{pre}{stem}{suf}"));
        }
        if i_weak {
            for suf in ["ون", "وا", "ن"] {
                out.push(format!("{pre}{i_stem}{suf}"));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A stem ending in a weak letter (ى ي ا), without it.
fn weak_end(s: &str) -> (&str, bool) {
    for w in ['ى', 'ي', 'ا'] {
        if let Some(x) = s.strip_suffix(w) {
            if x.chars().count() >= 2 {
                return (x, true);
            }
        }
    }
    (s, false)
}

/// Regular English inflections: -s, -ed, -ing.
pub fn english_verb_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let sibilant = ["s", "sh", "ch", "x", "z", "o"]
        .iter()
        .any(|e| base.ends_with(e));
    out.push(if sibilant {
        format!("{base}es")
    } else if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else {
        format!("{base}s")
    });
    if let Some(stem) = base.strip_suffix('e') {
        out.push(format!("{base}d"));
        if !base.ends_with("ee") {
            out.push(format!("{stem}ing"));
        } else {
            out.push(format!("{base}ing"));
        }
    } else if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        out.push(format!("{stem}ied"));
        out.push(format!("{base}ing"));
    } else {
        out.push(format!("{base}ed"));
        out.push(format!("{base}ing"));
    }
    out
}

fn frame_kind(s: &str) -> FrameKind {
    match s {
        "report" => FrameKind::Report,
        "deny" => FrameKind::Deny,
        "negate" => FrameKind::Negate,
        "stall" => FrameKind::Stall,
        "intend" => FrameKind::Intend,
        "generic" => FrameKind::Generic,
        "complementizer" => FrameKind::Complementizer,
        "terms" => FrameKind::Terms,
        _ => FrameKind::Condition,
    }
}

fn keys_of(words: &[String]) -> Vec<String> {
    words
        .iter()
        .filter_map(|w| MatcherBuilder::keys(w))
        .filter(|k| k.len() == 1)
        .map(|mut k| k.remove(0))
        .collect()
}

impl Tables {
    /// Load and compile the embedded tables.
    pub fn load() -> Result<Tables, String> {
        let types_file: TypesFile =
            toml::from_str(TYPES).map_err(|e| format!("data/triggers/types.toml: {e}"))?;
        let mut types = Vec::new();
        let mut type_ix = FxHashMap::default();
        for (name, d) in types_file.types {
            let plover = Plover::parse(&d.plover)
                .ok_or_else(|| format!("types.toml: {name}: unknown PLOVER type {}", d.plover))?;
            type_ix.insert(name.clone(), types.len() as u16);
            types.push(EventType {
                name,
                plover,
                mode: d.mode,
                cameo: d.cameo,
                acled: Acled {
                    event_type: d.acled[0].clone(),
                    sub_event_type: d.acled[1].clone(),
                },
                dyadic: d.dyadic,
                armed_agent: d.armed_agent,
            });
        }
        let mut cues = Vec::new();
        let mut b = MatcherBuilder::new();
        let mut add = |forms: Vec<String>, cue: Cue, b: &mut MatcherBuilder| {
            let ix = cues.len() as u32;
            cues.push(cue);
            for f in forms {
                if let Some(k) = MatcherBuilder::keys(&f) {
                    b.add_keys(&k, EntryRef::Other(ix));
                }
            }
        };
        for (file, text, arabic) in [("ar.toml", AR, true), ("en.toml", EN, false)] {
            let t: TriggerFile =
                toml::from_str(text).map_err(|e| format!("data/triggers/{file}: {e}"))?;
            for v in t.verb {
                let ty = *type_ix
                    .get(&v.ty)
                    .ok_or_else(|| format!("{file}: unknown type {}", v.ty))?;
                let mut forms = v.forms.clone();
                if arabic {
                    if let (Some(p), Some(i)) = (&v.past, &v.present) {
                        forms.extend(arabic_verb_forms(p, i));
                    }
                } else if let Some(base) = &v.base {
                    forms.extend(english_verb_forms(base));
                }
                let cue = Cue {
                    kind: CueKind::Trigger(ty),
                    verb: true,
                    objects: keys_of(&v.objects),
                    window: v.window.unwrap_or(3),
                    not_before: keys_of(&v.not_before),
                    fresh: v.fresh,
                };
                add(forms, cue, &mut b);
            }
            for n in t.noun {
                let ty = *type_ix
                    .get(&n.ty)
                    .ok_or_else(|| format!("{file}: unknown type {}", n.ty))?;
                let cue = Cue {
                    kind: CueKind::Trigger(ty),
                    verb: false,
                    objects: Vec::new(),
                    window: 0,
                    not_before: keys_of(&n.not_before),
                    fresh: false,
                };
                add(n.forms, cue, &mut b);
            }
            for f in t.frame {
                let kind = frame_kind(&f.kind);
                let mut verb_forms = Vec::new();
                for v in &f.verbs {
                    match (arabic, v.as_slice()) {
                        (true, [p, i]) => verb_forms.extend(arabic_verb_forms(p, i)),
                        (false, [base, irregular @ ..]) => {
                            verb_forms.extend(english_verb_forms(base));
                            verb_forms.extend(irregular.iter().cloned());
                        }
                        _ => return Err(format!("{file}: frame verb {v:?} is malformed")),
                    }
                }
                // Verbs take a subject; listed forms (prepositions, participles, particles) do not.
                for (forms, verb) in [(verb_forms, true), (f.forms.clone(), false)] {
                    let cue = Cue {
                        kind: CueKind::Frame(kind),
                        verb,
                        objects: Vec::new(),
                        window: 0,
                        not_before: Vec::new(),
                        fresh: false,
                    };
                    add(forms, cue, &mut b);
                }
            }
        }
        let nat: NationalityFile = toml::from_str(NATIONALITIES)
            .map_err(|e| format!("data/triggers/nationalities.toml: {e}"))?;
        let mut nationality = FxHashMap::default();
        for (country, words) in nat.country {
            for k in keys_of(&words) {
                nationality.insert(k, country.clone());
            }
        }
        let list = |forms: &[String]| {
            let mut b = MatcherBuilder::new();
            for f in forms {
                if let Some(k) = MatcherBuilder::keys(f) {
                    b.add_keys(&k, EntryRef::Other(0));
                }
            }
            b.build()
        };
        let mut sb = MatcherBuilder::new();
        let mut source_roles = Vec::new();
        for (words, roles) in &nat.sources {
            if let Some(k) = MatcherBuilder::keys(words) {
                sb.add_keys(&k, EntryRef::Other(source_roles.len() as u32));
                source_roles.push(roles.clone());
            }
        }
        let mut nb = MatcherBuilder::new();
        let mut named_keys = Vec::new();
        for w in &nat.anaphor.named {
            if let Some(k) = MatcherBuilder::keys(w) {
                nb.add_keys(&k, EntryRef::Other(named_keys.len() as u32));
                named_keys.push(k.last().cloned().unwrap_or_default());
            }
        }
        let salience: SalienceFile =
            toml::from_str(SALIENCE).map_err(|e| format!("data/triggers/salience.toml: {e}"))?;
        Ok(Tables {
            means: list(&salience.means.forms),
            toll: list(&salience.toll.forms),
            field_sources: list(&salience.field_sources.forms),
            named_anaphors: nb.build(),
            named_keys,
            sides: list(&nat.side.forms),
            sources: sb.build(),
            source_roles,
            types,
            cues,
            matcher: b.build(),
            nationality,
            anaphors: list(&nat.anaphor.forms),
            air: list(&nat.air.forms),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_inflections_cover_persons_numbers_and_voice() {
        let f = arabic_verb_forms("قصف", "يقصف");
        for w in ["قصف", "قصفت", "قصفوا", "يقصف", "تقصف", "يقصفون", "نقصف"]
        {
            assert!(f.contains(&w.to_string()), "missing {w}");
        }
        let n = arabic_verb_forms("نفى", "ينفي");
        for w in ["نفى", "نفت", "نفوا", "ينفي", "تنفي", "ينفون"] {
            assert!(n.contains(&w.to_string()), "missing {w}");
        }
    }

    #[test]
    fn english_inflections_follow_spelling_rules() {
        assert_eq!(
            english_verb_forms("shell"),
            vec!["shell", "shells", "shelled", "shelling"]
        );
        assert_eq!(
            english_verb_forms("evacuate"),
            vec!["evacuate", "evacuates", "evacuated", "evacuating"]
        );
        assert_eq!(
            english_verb_forms("deny"),
            vec!["deny", "denies", "denied", "denying"]
        );
    }
}
