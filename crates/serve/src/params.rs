//! Strict query strings: every parameter known to the endpoint, none repeated, every value
//! checked, all problems reported at once in one 400.

use std::collections::BTreeMap;

use raqib_store::api::Cursor;
use raqib_store::{Filter, Near, ReviewState};

use crate::error::{ApiError, ApiResult};

/// Longest value accepted for any parameter.
const MAX_VALUE: usize = 500;

/// The filter parameters of `/events` (and of `/counts`), as `raqib query` has them.
pub const FILTER_PARAMS: &[&str] = &[
    "from",
    "to",
    "plover",
    "cameo",
    "acled",
    "actor",
    "role",
    "place",
    "near",
    "km",
    "status",
    "outlet",
    "review",
    "report",
    "story",
    "main",
    "all_versions",
];

/// A parsed query string.
#[derive(Debug, Default)]
pub struct Params {
    values: BTreeMap<String, String>,
    errors: Vec<String>,
}

impl Params {
    /// Parse `query` allowing only the names in `allowed` (and in `also`).
    pub fn parse(query: Option<&str>, allowed: &[&str], also: &[&str]) -> ApiResult<Params> {
        let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query.unwrap_or(""))
            .map_err(|e| ApiError::bad_request(format!("malformed query string: {e}")))?;
        let mut p = Params::default();
        for (k, v) in pairs {
            if !allowed.contains(&k.as_str()) && !also.contains(&k.as_str()) {
                let mut names: Vec<&str> = allowed.iter().chain(also).copied().collect();
                names.sort_unstable();
                p.errors.push(format!(
                    "unknown parameter {k:?} (this endpoint takes: {})",
                    if names.is_empty() {
                        "none".to_string()
                    } else {
                        names.join(", ")
                    }
                ));
                continue;
            }
            if v.contains('\0') {
                // PostgreSQL text cannot hold NUL; no filter value needs one.
                p.errors
                    .push(format!("parameter {k:?} contains a NUL character"));
                continue;
            }
            if v.len() > MAX_VALUE {
                p.errors
                    .push(format!("parameter {k:?} is longer than {MAX_VALUE} bytes"));
                continue;
            }
            if p.values.contains_key(&k) {
                p.errors.push(format!("parameter {k:?} is given twice"));
                continue;
            }
            p.values.insert(k, v);
        }
        Ok(p)
    }

    /// A text value (empty counts as absent).
    pub fn str(&self, name: &str) -> Option<String> {
        self.values
            .get(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// An unsigned integer in `1..=max`, or `default`.
    pub fn uint(&mut self, name: &str, default: u64, max: u64) -> u64 {
        match self.str(name) {
            None => default,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (1..=max).contains(&n) => n,
                _ => {
                    self.errors.push(format!(
                        "{name}={v:?}: expected a whole number from 1 to {max}"
                    ));
                    default
                }
            },
        }
    }

    /// An offset (`0..=max`), or 0.
    pub fn offset(&mut self, name: &str, max: u64) -> u64 {
        match self.str(name) {
            None => 0,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n <= max => n,
                _ => {
                    self.errors.push(format!(
                        "{name}={v:?}: expected a whole number from 0 to {max}"
                    ));
                    0
                }
            },
        }
    }

    /// A boolean flag: `true`/`false`/`1`/`0`, absent = false.
    pub fn flag(&mut self, name: &str) -> bool {
        match self.str(name).as_deref() {
            None | Some("false" | "0") => false,
            Some("true" | "1") => true,
            Some(v) => {
                self.errors
                    .push(format!("{name}={v:?}: expected true or false"));
                false
            }
        }
    }

    /// One of `choices`, or `default`.
    pub fn choice(
        &mut self,
        name: &str,
        choices: &[&'static str],
        default: &'static str,
    ) -> &'static str {
        match self.str(name) {
            None => default,
            Some(v) => match choices.iter().find(|c| c.eq_ignore_ascii_case(&v)) {
                Some(c) => c,
                None => {
                    self.errors.push(format!(
                        "{name}={v:?}: expected one of {}",
                        choices.join(", ")
                    ));
                    default
                }
            },
        }
    }

    /// Record a problem found by the caller.
    pub fn error(&mut self, message: String) {
        self.errors.push(message);
    }

    /// The store filter of the filter parameters, checked as `raqib query` checks its flags.
    pub fn filter(&mut self) -> Filter {
        let mut errors = Vec::new();
        for name in ["from", "to"] {
            if let Some(d) = self.str(name) {
                if d.len() != 10 || raqib_lexicon::dates::parse_iso(&d).is_none() {
                    errors.push(format!("{name}={d:?} is not a date of the form YYYY-MM-DD"));
                }
            }
        }
        let plover = self.str("plover").map(|p| {
            if raqib_core::Plover::parse(&p).is_none() {
                errors.push(format!("plover={p:?} is not a PLOVER event type"));
            }
            p
        });
        let status = self.str("status").map(|s| {
            if raqib_core::Status::parse(&s.to_ascii_lowercase()).is_none() {
                errors.push(format!(
                    "status={s:?}: expected asserted, claimed, disputed, intended, stalled or negated"
                ));
            }
            s
        });
        let review = self
            .str("review")
            .and_then(|s| match ReviewState::parse(&s) {
                Some(r) => Some(r),
                None => {
                    errors.push(format!(
                        "review={s:?}: expected auto, reviewed, published or rejected"
                    ));
                    None
                }
            });
        let role = self.str("role");
        if let Some(r) = &role {
            if !["source", "target", "attribution", "denier"].contains(&r.as_str()) {
                errors.push(format!(
                    "role={r:?}: expected source, target, attribution or denier"
                ));
            } else if self.str("actor").is_none() {
                errors.push("role needs actor".to_string());
            }
        }
        if let Some(c) = self.str("cameo") {
            if !(c.len() <= 4 && c.bytes().all(|b| b.is_ascii_digit())) {
                errors.push(format!(
                    "cameo={c:?}: expected a CAMEO code prefix (1 to 4 digits)"
                ));
            }
        }
        let km = match self.str("km") {
            None => 25.0,
            Some(v) => match v.parse::<f64>() {
                Ok(k) if k.is_finite() && (0.0..=20_000.0).contains(&k) => k,
                _ => {
                    errors.push(format!("km={v:?}: expected a distance from 0 to 20000"));
                    25.0
                }
            },
        };
        let near = self.str("near").and_then(|s| {
            let parts: Vec<Option<f64>> = s
                .split(',')
                .map(|p| p.trim().parse::<f64>().ok().filter(|x| x.is_finite()))
                .collect();
            match parts.as_slice() {
                [Some(lat), Some(lon)]
                    if (-90.0..=90.0).contains(lat) && (-180.0..=180.0).contains(lon) =>
                {
                    Some(Near {
                        lat: *lat,
                        lon: *lon,
                        km,
                    })
                }
                _ => {
                    errors.push(format!(
                        "near={s:?}: expected LAT,LON within ±90,±180 (e.g. 33.57,36.40)"
                    ));
                    None
                }
            }
        });
        if self.str("km").is_some() && self.str("near").is_none() {
            errors.push("km needs near".to_string());
        }
        let main_only = self.flag("main");
        let include_superseded = self.flag("all_versions");
        self.errors.extend(errors);
        Filter {
            from: self.str("from"),
            to: self.str("to"),
            plover,
            cameo: self.str("cameo"),
            acled: self.str("acled"),
            actor: self.str("actor"),
            actor_role: role,
            place: self.str("place"),
            near,
            status,
            outlet: self.str("outlet"),
            review,
            report: self.str("report"),
            story: self.str("story"),
            main_only,
            include_superseded,
        }
    }

    /// The `cursor` parameter: `DATE_KEY` or `none_KEY` as `next_cursor` gave it.
    pub fn cursor(&mut self) -> Option<Cursor> {
        let v = self.str("cursor")?;
        match decode_cursor(&v) {
            Some(c) => Some(c),
            None => {
                self.errors.push(format!(
                    "cursor={v:?} is not a cursor this server gave (use next_cursor as it is)"
                ));
                None
            }
        }
    }

    /// A key for caching the answer of `endpoint` to these parameters: the same whatever
    /// order the client wrote them in.
    pub fn key(&self, endpoint: &str) -> String {
        let query = serde_urlencoded::to_string(&self.values).unwrap_or_default();
        format!("{endpoint}?{query}")
    }

    /// Fail with every problem found, or go on.
    pub fn finish(&self) -> ApiResult<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(ApiError::bad_request(self.errors.join("; ")))
        }
    }
}

/// Refuse an id from the path that no store can hold (too long, or with a NUL).
pub fn check_path_id(id: &str) -> ApiResult<()> {
    if id.len() > 300 {
        return Err(ApiError::bad_request("the id is longer than 300 bytes"));
    }
    if id.contains('\0') {
        return Err(ApiError::bad_request("the id contains a NUL character"));
    }
    Ok(())
}

/// A cursor as text.
pub fn encode_cursor(c: &Cursor) -> String {
    format!("{}_{}", c.date.as_deref().unwrap_or("none"), c.key)
}

fn decode_cursor(s: &str) -> Option<Cursor> {
    let (d, k) = s.split_once('_')?;
    let key: i64 = k.parse().ok().filter(|k| *k >= 0)?;
    let date = match d {
        "none" => None,
        d if d.len() == 10 && raqib_lexicon::dates::parse_iso(d).is_some() => Some(d.to_string()),
        _ => return None,
    };
    Some(Cursor { date, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_repeated_and_malformed_parameters_are_all_reported() {
        let mut p = Params::parse(
            Some("plover=BOMBING&from=2018-13-01&x=1&limit=0&limit=5"),
            FILTER_PARAMS,
            &["limit"],
        )
        .unwrap();
        let _ = p.filter();
        let _ = p.uint("limit", 50, 500);
        let e = p.finish().unwrap_err().message;
        for needle in ["\"x\"", "twice", "PLOVER", "YYYY-MM-DD", "limit"] {
            assert!(e.contains(needle), "{needle} missing from: {e}");
        }
    }

    #[test]
    fn cursors_round_trip_and_junk_is_refused() {
        for c in [
            Cursor {
                date: Some("2018-04-07".into()),
                key: 42,
            },
            Cursor { date: None, key: 7 },
        ] {
            assert_eq!(decode_cursor(&encode_cursor(&c)), Some(c));
        }
        for junk in [
            "",
            "x",
            "2018-04-07",
            "2018-04-07_-1",
            "'; DROP TABLE events;--_1",
        ] {
            assert_eq!(decode_cursor(junk), None, "{junk}");
        }
    }
}
