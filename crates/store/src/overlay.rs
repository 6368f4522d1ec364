//! Analyst corrections: one `(event id, field, value)` overlay row per corrected field, applied
//! to the coder's event whenever it is read or (re)written.

use raqib_core::{Acled, Actor, DateRef, Event, Place, Plover, Quantity, Status};

use crate::{Error, Result};

/// Fields `raqib edit --set FIELD=VALUE` accepts.
///
/// `source`/`target` take `CODE`, `CODE|Name` or `CODE|Name|id` (empty clears);
/// `place`, `lat`, `lon`, `country`, `admin1`, `admin2` act on the first location;
/// `fatalities` replaces the event's `killed` counts with one.
pub const EDITABLE_FIELDS: &[&str] = &[
    "plover",
    "mode",
    "cameo",
    "acled.event_type",
    "acled.sub_event_type",
    "status",
    "date",
    "main",
    "symmetric",
    "confidence",
    "source",
    "target",
    "place",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "fatalities",
];

fn bad(field: &str, msg: impl std::fmt::Display) -> Error {
    Error::invalid(format!("value for {field}"), msg)
}

fn opt(value: &str) -> Option<String> {
    let v = value.trim();
    if v.is_empty() || v.eq_ignore_ascii_case("null") {
        None
    } else {
        Some(v.to_string())
    }
}

fn first_place(e: &mut Event) -> &mut Place {
    if e.location.is_empty() {
        e.location.push(Place {
            name: String::new(),
            names: vec![],
            id: None,
            lat: None,
            lon: None,
            country: None,
            admin1: None,
            admin2: None,
            feature: None,
            precision: 1,
            inferred: false,
            text: None,
            span: None,
        });
    }
    &mut e.location[0]
}

fn parse_bool(field: &str, v: &str) -> Result<bool> {
    match v.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "1" => Ok(true),
        "false" | "no" | "0" => Ok(false),
        _ => Err(bad(field, "expected true or false")),
    }
}

fn parse_f64(field: &str, v: &str, lo: f64, hi: f64) -> Result<Option<f64>> {
    match opt(v) {
        None => Ok(None),
        Some(s) => {
            let x: f64 = s
                .parse()
                .map_err(|_| bad(field, format!("{s:?} is not a number")))?;
            if !(lo..=hi).contains(&x) {
                return Err(bad(field, format!("{x} is outside {lo}..{hi}")));
            }
            Ok(Some(x))
        }
    }
}

fn parse_actor(field: &str, v: &str) -> Result<Vec<Actor>> {
    let Some(v) = opt(v) else { return Ok(vec![]) };
    let mut parts = v.split('|').map(str::trim);
    let code = parts.next().unwrap_or("").to_ascii_uppercase();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(bad(field, "expected CODE, CODE|Name or CODE|Name|id"));
    }
    let name = parts
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(&code)
        .to_string();
    let id = parts.next().filter(|s| !s.is_empty()).map(str::to_string);
    Ok(vec![Actor {
        name,
        code,
        id,
        text: None,
        span: None,
    }])
}

fn valid_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok() && s.len() == 10
}

/// Check a field name and value without applying it.
pub(crate) fn validate(field: &str, value: &str) -> Result<()> {
    let mut probe = blank_event();
    apply(&mut probe, field, value)
}

/// Apply one correction.
pub(crate) fn apply(e: &mut Event, field: &str, value: &str) -> Result<()> {
    match field {
        "plover" => {
            e.plover = Plover::parse(value.trim())
                .ok_or_else(|| bad(field, format!("{value:?} is not a PLOVER type")))?
        }
        "mode" => e.mode = opt(value),
        "cameo" => {
            let v = value.trim();
            if !(2..=4).contains(&v.len()) || !v.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad(field, "a CAMEO code is 2 to 4 digits"));
            }
            e.cameo = v.to_string()
        }
        "acled.event_type" | "acled_type" => e.acled.event_type = value.trim().to_string(),
        "acled.sub_event_type" | "acled_sub_event_type" => {
            e.acled.sub_event_type = value.trim().to_string()
        }
        "status" => {
            e.status = Status::parse(value.trim())
                .ok_or_else(|| bad(field, format!("{value:?} is not a status")))?
        }
        "date" => match opt(value) {
            None => e.date = None,
            Some(v) => {
                if !valid_date(&v) {
                    return Err(bad(field, "expected YYYY-MM-DD"));
                }
                match &mut e.date {
                    Some(d) => {
                        d.value = Some(v);
                        d.precision = "day".into();
                        d.from = None;
                        d.to = None;
                    }
                    None => {
                        e.date = Some(DateRef {
                            value: Some(v),
                            precision: "day".into(),
                            from: None,
                            to: None,
                            inferred: false,
                            text: None,
                            span: None,
                        })
                    }
                }
            }
        },
        "main" => e.main = parse_bool(field, value)?,
        "symmetric" => e.symmetric = parse_bool(field, value)?,
        "confidence" => e.confidence = parse_f64(field, value, 0.0, 1.0)?.unwrap_or(0.0),
        "source" => e.source = parse_actor(field, value)?,
        "target" => e.target = parse_actor(field, value)?,
        "place" => first_place(e).name = value.trim().to_string(),
        "lat" => first_place(e).lat = parse_f64(field, value, -90.0, 90.0)?,
        "lon" => first_place(e).lon = parse_f64(field, value, -180.0, 180.0)?,
        "country" => first_place(e).country = opt(value).map(|s| s.to_ascii_uppercase()),
        "admin1" => first_place(e).admin1 = opt(value),
        "admin2" => first_place(e).admin2 = opt(value),
        "fatalities" => {
            e.quantities.retain(|q| q.what != "killed");
            if let Some(v) = opt(value) {
                let n: u64 = v
                    .parse()
                    .map_err(|_| bad(field, format!("{v:?} is not a count")))?;
                e.quantities.push(Quantity {
                    what: "killed".into(),
                    value: n,
                    ordinal: false,
                    approx: false,
                    at_least: false,
                    text: None,
                    span: None,
                });
            }
        }
        _ => {
            return Err(Error::invalid(
                "field",
                format!(
                    "{field:?} cannot be edited; editable fields: {}",
                    EDITABLE_FIELDS.join(", ")
                ),
            ))
        }
    }
    Ok(())
}

fn actors_str(a: &[Actor]) -> String {
    a.iter()
        .map(|a| match &a.id {
            Some(id) => format!("{}|{}|{}", a.code, a.name, id),
            None => format!("{}|{}", a.code, a.name),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The current value of a field, as the audit log shows it.
pub(crate) fn value_of(e: &Event, field: &str) -> String {
    let place = e.location.first();
    let o = |x: Option<&String>| x.cloned().unwrap_or_default();
    let f = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    match field {
        "plover" => e.plover.as_str().to_string(),
        "mode" => o(e.mode.as_ref()),
        "cameo" => e.cameo.clone(),
        "acled.event_type" | "acled_type" => e.acled.event_type.clone(),
        "acled.sub_event_type" | "acled_sub_event_type" => e.acled.sub_event_type.clone(),
        "status" => e.status.as_str().to_string(),
        "date" => o(e.date.as_ref().and_then(|d| d.value.as_ref())),
        "main" => e.main.to_string(),
        "symmetric" => e.symmetric.to_string(),
        "confidence" => e.confidence.to_string(),
        "source" => actors_str(&e.source),
        "target" => actors_str(&e.target),
        "place" => place.map(|p| p.name.clone()).unwrap_or_default(),
        "lat" => f(place.and_then(|p| p.lat)),
        "lon" => f(place.and_then(|p| p.lon)),
        "country" => o(place.and_then(|p| p.country.as_ref())),
        "admin1" => o(place.and_then(|p| p.admin1.as_ref())),
        "admin2" => o(place.and_then(|p| p.admin2.as_ref())),
        "fatalities" => e
            .quantities
            .iter()
            .filter(|q| q.what == "killed")
            .map(|q| q.value)
            .min()
            .map(|v| v.to_string())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The canonical name of a field (aliases folded).
pub(crate) fn canonical(field: &str) -> &str {
    match field {
        "acled_type" => "acled.event_type",
        "acled_sub_event_type" => "acled.sub_event_type",
        f => f,
    }
}

fn blank_event() -> Event {
    Event {
        id: String::new(),
        trigger: raqib_core::Trigger {
            text: String::new(),
            span: Default::default(),
        },
        plover: Plover::Assault,
        mode: None,
        cameo: "19".into(),
        acled: Acled {
            event_type: String::new(),
            sub_event_type: String::new(),
        },
        source: vec![],
        target: vec![],
        symmetric: false,
        location: vec![],
        date: None,
        status: Status::Asserted,
        attribution: vec![],
        denied_by: vec![],
        quantities: vec![],
        main: true,
        confidence: 0.0,
        evidence: raqib_core::Evidence {
            span: Default::default(),
            text: String::new(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_lists_the_editable_ones() {
        let err = validate("evidence", "x").unwrap_err().to_string();
        assert!(err.contains("plover"), "{err}");
    }

    #[test]
    fn bad_values_are_refused() {
        assert!(validate("plover", "BOMB").is_err());
        assert!(validate("cameo", "19a").is_err());
        assert!(validate("date", "2018-13-01").is_err());
        assert!(validate("confidence", "1.5").is_err());
        assert!(validate("lat", "91").is_err());
        assert!(validate("plover", "assault").is_ok());
    }

    #[test]
    fn fatalities_replace_killed_counts() {
        let mut e = blank_event();
        apply(&mut e, "fatalities", "7").unwrap();
        apply(&mut e, "fatalities", "5").unwrap();
        assert_eq!(value_of(&e, "fatalities"), "5");
        assert_eq!(e.quantities.len(), 1);
    }
}
