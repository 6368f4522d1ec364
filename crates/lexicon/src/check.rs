//! `raqib lexicon check`: validation of the data.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::matcher::MatcherBuilder;
use crate::model::ActorKind;
use crate::Lexicon;

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// `error` (must be fixed) or `warning`.
    pub severity: &'static str,
    /// The file it is in.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

/// Role codes the project knows.
pub const ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "INS", "CVL", "MED", "COP", "JUD", "SPY", "REF", "NGO", "IGO",
    "LEG", "PTY", "BUS", "EDU", "HLH", "REL", "MOD", "RAD", "ELI", "LAB", "AGR", "CRM", "UAF",
    "IMG", "SET", "HRI", "ENV", "DEV", "ETH", "MUS", "SHI", "SUN", "CHR", "JEW", "UNO",
];

/// Whether a code is a country (or IGO/NGO/IMG) followed by known roles; generics hold roles only.
pub fn valid_code(code: &str, generic: bool) -> bool {
    if code.is_empty()
        || !code.len().is_multiple_of(3)
        || !code.bytes().all(|b| b.is_ascii_uppercase())
    {
        return false;
    }
    let parts: Vec<&str> = (0..code.len())
        .step_by(3)
        .map(|i| &code[i..i + 3])
        .collect();
    let roles = if generic { &parts[..] } else { &parts[1..] };
    roles.iter().all(|r| ROLES.contains(r))
}

fn valid_date(d: &str) -> bool {
    let parts: Vec<&str> = d.split('-').collect();
    let num = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [y] => num(y, 4),
        [y, m] => num(y, 4) && num(m, 2),
        [y, m, dd] => num(y, 4) && num(m, 2) && num(dd, 2),
        _ => false,
    }
}

/// Validate the lexicon: ids, codes, dates, role periods, aliases shared by actors with
/// conflicting codes, and places.
pub fn check(lex: &Lexicon) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut err = |severity, file: &str, message: String| {
        out.push(Problem {
            severity,
            file: file.to_string(),
            message,
        })
    };
    let mut ids = FxHashSet::default();
    let mut alias_codes: FxHashMap<Vec<String>, Vec<(String, String)>> = FxHashMap::default();
    for a in &lex.actors {
        let generic = a.kind == ActorKind::Generic;
        if !ids.insert(a.id.as_str()) {
            err("error", &a.file, format!("duplicate actor id {:?}", a.id));
        }
        if a.id.is_empty()
            || !a
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            err(
                "error",
                &a.file,
                format!(
                    "actor id {:?} must be lowercase ASCII, digits and hyphens",
                    a.id
                ),
            );
        }
        if !valid_code(&a.code, generic) {
            err(
                "error",
                &a.file,
                format!("actor {:?} has a bad code {:?}", a.id, a.code),
            );
        }
        for d in [&a.from, &a.to].into_iter().flatten() {
            if !valid_date(d) {
                err(
                    "error",
                    &a.file,
                    format!("actor {:?} has a bad date {d:?}", a.id),
                );
            }
        }
        for r in &a.roles {
            if !valid_code(&r.code, generic) {
                err(
                    "error",
                    &a.file,
                    format!("actor {:?} role has a bad code {:?}", a.id, r.code),
                );
            }
            for d in [&r.from, &r.to].into_iter().flatten() {
                if !valid_date(d) {
                    err(
                        "error",
                        &a.file,
                        format!("actor {:?} role has a bad date {d:?}", a.id),
                    );
                }
            }
            if let (Some(f), Some(t)) = (&r.from, &r.to) {
                if f > t {
                    err(
                        "error",
                        &a.file,
                        format!("actor {:?} role {:?} ends before it starts", a.id, r.code),
                    );
                }
            }
        }
        let mut roles: Vec<_> = a.roles.iter().collect();
        roles.sort_by(|x, y| x.from.cmp(&y.from));
        for w in roles.windows(2) {
            if let (Some(end), Some(start)) = (&w[0].to, &w[1].from) {
                if start < end {
                    err(
                        "error",
                        &a.file,
                        format!("actor {:?} has overlapping roles ({end} > {start})", a.id),
                    );
                }
            }
        }
        if let Some(p) = &a.parent {
            if lex.actor(p).is_none() {
                err(
                    "warning",
                    &a.file,
                    format!("actor {:?} names an unknown parent {p:?}", a.id),
                );
            }
        }
        let mut seen = FxHashSet::default();
        for name in a.all_names() {
            if let Some(keys) = MatcherBuilder::keys(name) {
                if seen.insert(keys.clone()) {
                    alias_codes
                        .entry(keys)
                        .or_default()
                        .push((a.id.clone(), a.code.clone()));
                }
            } else {
                err(
                    "error",
                    &a.file,
                    format!("actor {:?} has a name with no word: {name:?}", a.id),
                );
            }
        }
    }
    let files: FxHashMap<&str, &str> = lex
        .actors
        .iter()
        .map(|a| (a.id.as_str(), a.file.as_str()))
        .collect();
    let mut conflicts: Vec<_> = alias_codes
        .into_iter()
        .filter(|(_, v)| {
            let codes: FxHashSet<&str> = v.iter().map(|(_, c)| c.as_str()).collect();
            codes.len() > 1
        })
        .collect();
    conflicts.sort();
    for (keys, v) in conflicts {
        let who: Vec<String> = v.iter().map(|(i, c)| format!("{i} ({c})")).collect();
        err(
            "warning",
            files.get(v[0].0.as_str()).copied().unwrap_or(""),
            format!(
                "alias {:?} is shared by actors with different codes: {}",
                keys.join(" "),
                who.join(", ")
            ),
        );
    }
    let mut place_ids = FxHashSet::default();
    for p in &lex.places {
        if !place_ids.insert(p.id.as_str()) {
            err(
                "error",
                "gazetteer",
                format!("duplicate place id {:?}", p.id),
            );
        }
        if p.name.is_empty() {
            err(
                "error",
                "gazetteer",
                format!("place {:?} has no name", p.id),
            );
        }
        if p.country.len() != 3 {
            err(
                "error",
                "gazetteer",
                format!("place {:?} has a bad country {:?}", p.id, p.country),
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_country_then_known_roles() {
        assert!(valid_code("SYRGOVMIL", false));
        assert!(valid_code("IGO", false));
        assert!(valid_code("CVL", true));
        assert!(!valid_code("SYRXYZ", false));
        assert!(!valid_code("SYRGOVMI", false));
        assert!(!valid_code("syrreb", false));
    }

    #[test]
    fn dates_may_be_partial() {
        assert!(valid_date("2018"));
        assert!(valid_date("2018-04"));
        assert!(valid_date("2018-04-07"));
        assert!(!valid_date("18-4-7"));
    }
}
