//! Filters to SQL, shared by both backends.
//!
//! Every value the user gives is a bound parameter, never SQL text: the SQL built here only
//! ever contains `?` placeholders (PostgreSQL's `$n` are numbered from them by [`numbered`]).
//! Prefixes are matched as ranges (`code >= p AND code < p || U+10FFFF`), which both databases
//! answer from an index, and which need no `LIKE` escaping.

use crate::{Error, Filter, Near, Result};

/// A bound value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Real(f64),
    Text(String),
}

/// A WHERE clause (over `events e`, joined with `reports r` when `needs_report`) and its
/// parameters.
#[derive(Debug, Default)]
pub(crate) struct Where {
    pub sql: String,
    pub params: Vec<Val>,
}

/// The exclusive upper bound of strings starting with `p`.
pub(crate) fn prefix_end(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

fn check_day(what: &str, v: &str) -> Result<String> {
    crate::rows::day(Some(v))
        .filter(|d| d.len() == v.trim().len())
        .ok_or_else(|| Error::invalid(what, format!("{v:?} is not a date YYYY-MM-DD")))
}

/// Build the clause. Values that cannot match anything (an unknown status, a malformed date)
/// are refused with an error rather than silently returning nothing.
pub(crate) fn build(f: &Filter) -> Result<Where> {
    let mut w = Where::default();
    let mut parts: Vec<String> = Vec::new();
    if !f.include_superseded {
        parts.push("e.current = 1".into());
    }
    if let Some(v) = &f.from {
        parts.push("e.date >= ?".into());
        w.params.push(Val::Text(check_day("--from", v)?));
    }
    if let Some(v) = &f.to {
        parts.push("e.date <= ?".into());
        w.params.push(Val::Text(check_day("--to", v)?));
    }
    if let Some(v) = &f.plover {
        parts.push("e.plover = ?".into());
        w.params.push(Val::Text(v.trim().to_ascii_uppercase()));
    }
    if let Some(v) = &f.cameo {
        parts.push("(e.cameo >= ? AND e.cameo < ?)".into());
        w.params.push(Val::Text(v.trim().to_string()));
        w.params.push(Val::Text(prefix_end(v.trim())));
    }
    if let Some(v) = &f.acled {
        parts.push("(lower(e.acled_type) = ? OR lower(e.acled_sub) = ?)".into());
        let v = v.trim().to_lowercase();
        w.params.push(Val::Text(v.clone()));
        w.params.push(Val::Text(v));
    }
    if let Some(v) = &f.actor {
        let role = match f.actor_role.as_deref() {
            None => "",
            Some("source" | "target" | "attribution" | "denier") => " AND a.role = ?",
            Some(r) => {
                return Err(Error::invalid(
                    "actor role",
                    format!("{r:?}: expected source, target, attribution or denier"),
                ))
            }
        };
        // Codes are keys; ids are keys `@id`. A code prefix is a key range.
        parts.push(format!(
            "e.ek IN (SELECT a.ek FROM event_actors a WHERE \
             ((a.key >= ? AND a.key < ?) OR a.key = ?){role})"
        ));
        let v = v.trim();
        let code = v.to_ascii_uppercase();
        w.params.push(Val::Text(code.clone()));
        w.params.push(Val::Text(prefix_end(&code)));
        w.params.push(Val::Text(format!("@{v}")));
        if let Some(r) = &f.actor_role {
            w.params.push(Val::Text(r.clone()));
        }
    }
    if let Some(v) = &f.place {
        parts.push("e.ek IN (SELECT p.ek FROM event_places p WHERE p.term = ?)".into());
        w.params.push(Val::Text(v.trim().to_lowercase()));
    }
    if let Some(n) = &f.near {
        near_clause(n, &mut parts, &mut w.params)?;
    }
    if let Some(v) = &f.status {
        parts.push("e.status = ?".into());
        w.params.push(Val::Text(v.trim().to_ascii_lowercase()));
    }
    if let Some(v) = &f.outlet {
        parts.push("(e.outlet_lc = ? OR e.outlet_id = ?)".into());
        w.params.push(Val::Text(v.trim().to_lowercase()));
        w.params.push(Val::Text(v.trim().to_string()));
    }
    if let Some(v) = &f.review {
        if *v == crate::ReviewState::Auto {
            parts.push("NOT EXISTS (SELECT 1 FROM review v WHERE v.event_id = e.event_id AND v.state <> 'auto')".into());
        } else {
            parts.push(
                "EXISTS (SELECT 1 FROM review v WHERE v.event_id = e.event_id AND v.state = ?)"
                    .into(),
            );
            w.params.push(Val::Text(v.as_str().to_string()));
        }
    }
    if let Some(v) = &f.report {
        parts.push("e.report_id = ?".into());
        w.params.push(Val::Text(v.clone()));
    }
    if let Some(v) = &f.story {
        parts.push("e.story_id = ?".into());
        w.params.push(Val::Text(v.clone()));
    }
    if f.main_only {
        parts.push("e.main = 1".into());
    }
    w.sql = if parts.is_empty() {
        "1 = 1".into()
    } else {
        parts.join(" AND ")
    };
    Ok(w)
}

fn near_clause(n: &Near, parts: &mut Vec<String>, params: &mut Vec<Val>) -> Result<()> {
    if !(-90.0..=90.0).contains(&n.lat) || !(-180.0..=180.0).contains(&n.lon) {
        return Err(Error::invalid(
            "--near",
            "latitude must be within ±90, longitude ±180",
        ));
    }
    if !(n.km.is_finite() && n.km >= 0.0) {
        return Err(Error::invalid(
            "--km",
            "the radius must be a positive number",
        ));
    }
    // A bounding box the indexes answer, then the exact great-circle distance.
    let dlat = n.km / 111.0;
    let coslat = n.lat.to_radians().cos().max(0.01);
    let dlon = (n.km / (111.32 * coslat)).min(360.0);
    parts.push(
        "(e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND raqib_km(e.lat, e.lon, ?, ?) <= ?)"
            .into(),
    );
    params.extend([
        Val::Real(n.lat - dlat),
        Val::Real(n.lat + dlat),
        Val::Real(n.lon - dlon),
        Val::Real(n.lon + dlon),
        Val::Real(n.lat),
        Val::Real(n.lon),
        Val::Real(n.km),
    ]);
    Ok(())
}

/// Great-circle distance in km (the SQLite `raqib_km` function; PostgreSQL has the same in SQL).
pub(crate) fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0088 * a.sqrt().min(1.0).asin()
}

/// Turn `?` placeholders into PostgreSQL's `$1, $2…`. The SQL given never holds a `?` inside
/// a literal (values are all bound), so a plain scan is exact.
pub(crate) fn numbered(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    for c in sql.chars() {
        if c == '?' {
            n += 1;
            out.push('$');
            out.push_str(&n.to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_match_parameters() {
        let f = Filter {
            from: Some("2018-01-01".into()),
            to: Some("2018-12-31".into()),
            plover: Some("assault".into()),
            cameo: Some("19".into()),
            acled: Some("Battles".into()),
            actor: Some("SYR".into()),
            actor_role: Some("source".into()),
            place: Some("Douma".into()),
            near: Some(Near {
                lat: 33.5,
                lon: 36.4,
                km: 10.0,
            }),
            status: Some("asserted".into()),
            outlet: Some("SANA".into()),
            review: Some(crate::ReviewState::Reviewed),
            report: Some("r".into()),
            story: Some("s".into()),
            main_only: true,
            include_superseded: false,
        };
        let w = build(&f).unwrap();
        assert_eq!(w.sql.matches('?').count(), w.params.len());
        assert!(numbered(&w.sql).contains(&format!("${}", w.params.len())));
    }

    #[test]
    fn malformed_dates_are_refused() {
        let f = Filter {
            from: Some("2018-01-01'; DROP TABLE events; --".into()),
            ..Default::default()
        };
        assert!(build(&f).is_err());
    }

    #[test]
    fn km_is_about_right() {
        // Damascus to Douma, about 10 km.
        let d = km(33.513, 36.292, 33.571, 36.402);
        assert!((d - 12.0).abs() < 2.0, "{d}");
    }
}
