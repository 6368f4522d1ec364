//! Reading the data files: TOML actor files and TSV gazetteer files.

use serde::Deserialize;

use crate::model::{ActorEntry, PlaceEntry};
use crate::Error;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ActorFile {
    #[serde(default)]
    actor: Vec<ActorEntry>,
}

/// Parse one actor file.
pub fn parse_actors(path: &str, text: &str) -> Result<Vec<ActorEntry>, Error> {
    let file: ActorFile = toml::from_str(text).map_err(|e| Error::Parse {
        file: path.to_string(),
        line: None,
        message: e.to_string(),
    })?;
    Ok(file
        .actor
        .into_iter()
        .map(|mut a| {
            a.file = path.to_string();
            a
        })
        .collect())
}

/// The gazetteer's columns, in order.
pub const PLACE_COLUMNS: [&str; 11] = [
    "id",
    "name",
    "names",
    "lat",
    "lon",
    "country",
    "admin1",
    "admin2",
    "feature",
    "population",
    "source",
];

/// Parse one gazetteer TSV file (header line first, `#` comment lines).
pub fn parse_places(path: &str, text: &str) -> Result<Vec<PlaceEntry>, Error> {
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let err = |message: String| Error::Parse {
            file: path.to_string(),
            line: Some(line_no),
            message,
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if !header_seen {
            header_seen = true;
            if cols.first() == Some(&"id") {
                continue;
            }
        }
        if cols.len() != PLACE_COLUMNS.len() {
            return Err(err(format!(
                "expected {} tab-separated columns, found {}",
                PLACE_COLUMNS.len(),
                cols.len()
            )));
        }
        let num = |s: &str, what: &str| -> Result<f64, Error> {
            s.trim()
                .parse::<f64>()
                .map_err(|_| err(format!("{what} {s:?} is not a number")))
        };
        let lat = num(cols[3], "lat")?;
        let lon = num(cols[4], "lon")?;
        if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
            return Err(err(format!("coordinates {lat},{lon} out of range")));
        }
        let population = match cols[9].trim() {
            "" => None,
            p => Some(
                p.parse::<u64>()
                    .map_err(|_| err(format!("population {p:?} is not a whole number")))?,
            ),
        };
        out.push(PlaceEntry {
            id: cols[0].trim().to_string(),
            name: cols[1].trim().to_string(),
            names: cols[2]
                .split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            lat,
            lon,
            country: cols[5].trim().to_string(),
            admin1: cols[6].trim().to_string(),
            admin2: cols[7].trim().to_string(),
            feature: cols[8].trim().to_string(),
            population,
            source: cols[10].trim().to_string(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_parse_with_header_and_comments() {
        let tsv = "# comment\nid\tname\tnames\tlat\tlon\tcountry\tadmin1\tadmin2\tfeature\tpopulation\tsource\n\
                   gn:1\tDouma\tدوما|Duma\t33.57\t36.40\tSYR\tRif Dimashq\t\tcity\t110893\tGeoNames\n";
        let p = parse_places("x.tsv", tsv).unwrap();
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].names, vec!["دوما", "Duma"]);
        assert_eq!(p[0].population, Some(110893));
    }

    #[test]
    fn bad_place_line_names_file_and_line() {
        let tsv = "gn:1\tDouma\n";
        let e = parse_places("g.tsv", tsv).unwrap_err().to_string();
        assert!(e.contains("g.tsv") && e.contains("line 1"), "{e}");
    }

    #[test]
    fn actors_parse_and_remember_their_file() {
        let t = r#"
[[actor]]
id = "x"
name = "X"
code = "SYRREB"
kind = "armed-group"
"#;
        let a = parse_actors("a.toml", t).unwrap();
        assert_eq!(a[0].file, "a.toml");
    }
}
