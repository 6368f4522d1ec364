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
    Int(i64),
}

/// A WHERE clause (over `events e`, joined with `reports r` when `needs_report`) and its
/// parameters.
#[derive(Debug, Default)]
pub(crate) struct Where {
    pub sql: String,
    pub params: Vec<Val>,
    /// The grid cells of a "near" filter (see [`Grid`]), when it has few enough to list; the
    /// clause then holds `e.cell IN (?, …)` (the grid's column) with these as its parameters from
    /// `cell_at` on, so [`Where::per_cell`] can split it into one clause per cell.
    pub cells: Vec<i64>,
    pub cell_at: usize,
    /// The grid of `cells`.
    pub grid: Option<Grid>,
}

/// A grid of latitude/longitude squares, numbered row of latitude × columns + column of
/// longitude (one column more than the squares of a circle of latitude, so longitude 180
/// cannot spill into the next row), and the generated column that holds an event's cell.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Grid {
    /// Squares per degree.
    pub per_degree: f64,
    /// The events column (`e.…`) holding the cell of the event's first place.
    pub column: &'static str,
    /// Cells a radius query lists at most; a larger circle is filtered by its bounding box
    /// alone.
    pub max_cells: usize,
}

impl Grid {
    /// Half-degree squares in `e.cell` (migration 3; PostgreSQL).
    pub const HALF_DEGREE: Grid = Grid {
        per_degree: 2.0,
        column: "e.cell",
        max_cells: 64,
    };
    /// Tenth-of-a-degree squares (~11 km) in `e.cell10` (SQLite migration 6): a town just
    /// outside a 25 km circle rarely shares a square with it, so the squares a radius query
    /// reads hold few events it must reject.
    pub const TENTH_DEGREE: Grid = Grid {
        per_degree: 10.0,
        column: "e.cell10",
        max_cells: 128,
    };

    fn columns(self) -> i64 {
        (360.0 * self.per_degree) as i64 + 1
    }

    fn row(self, lat: f64) -> i64 {
        ((lat + 90.0) * self.per_degree).floor() as i64
    }

    fn col(self, lon: f64) -> i64 {
        ((lon + 180.0) * self.per_degree).floor() as i64
    }

    /// The cell of a point (the migrations' generated column computes the same).
    #[cfg_attr(not(test), allow(dead_code))]
    pub fn cell(self, lat: f64, lon: f64) -> i64 {
        self.row(lat) * self.columns() + self.col(lon)
    }

    /// The cells of the bounding box that may hold a point within `n.km` of the centre, or
    /// `None` when more than [`Grid::max_cells`]. A cell is left out only when its nearest point
    /// (latitude and longitude clamped to the cell) is farther than the radius plus a margin
    /// (1 km and 10%) that covers the difference between that point and the true nearest
    /// point on the sphere.
    fn cells_near(self, n: &Near, lat0: f64, lat1: f64, lon0: f64, lon1: f64) -> Option<Vec<i64>> {
        let r0 = self.row(lat0.max(-90.0));
        let r1 = self.row(lat1.min(90.0));
        let c0 = self.col(lon0.max(-180.0));
        let c1 = self.col(lon1.min(180.0));
        let n_box = (r1 - r0 + 1).max(0) as usize * (c1 - c0 + 1).max(0) as usize;
        if n_box > 4 * self.max_cells {
            return None;
        }
        let step = 1.0 / self.per_degree;
        let mut v = Vec::with_capacity(n_box);
        for r in r0..=r1 {
            let south = r as f64 * step - 90.0;
            let lat = n.lat.clamp(south, south + step);
            for c in c0..=c1 {
                let west = c as f64 * step - 180.0;
                let lon = n.lon.clamp(west, west + step);
                if km(n.lat, n.lon, lat, lon) <= n.km * 1.1 + 1.0 {
                    v.push(r * self.columns() + c);
                }
            }
        }
        (v.len() <= self.max_cells).then_some(v)
    }

    /// How the cell list of a near filter starts in the SQL (one `?` per cell follows).
    fn cells_in(self) -> String {
        format!("{} IN (", self.column)
    }
}

impl Where {
    /// One clause per grid cell (`e.cell = ?`), when the filter is a radius over more than
    /// one cell: each can be read in date order from the cell index, and the pages merged.
    pub fn per_cell(&self) -> Option<Vec<Where>> {
        if self.cells.len() < 2 {
            return None;
        }
        let grid = self.grid?;
        let list = format!(
            "{}{})",
            grid.cells_in(),
            vec!["?"; self.cells.len()].join(", ")
        );
        let sql = self.sql.replacen(&list, &format!("{} = ?", grid.column), 1);
        Some(
            self.cells
                .iter()
                .map(|&c| {
                    let mut params = self.params[..self.cell_at].to_vec();
                    params.push(Val::Int(c));
                    params.extend_from_slice(&self.params[self.cell_at + self.cells.len()..]);
                    Where {
                        sql: sql.clone(),
                        params,
                        cells: vec![c],
                        cell_at: self.cell_at,
                        grid: self.grid,
                    }
                })
                .collect(),
        )
    }
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

/// What differs between the backends' schemas that filters read.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Layout {
    /// The grid of radius filters.
    pub grid: Grid,
    /// Actors of events are in posting lists by integer key and role (`role_postings` of
    /// `actor_keys`, SQLite migrations 7 and 10), else in `event_actors` by code and `@id`
    /// text keys.
    pub role_postings: bool,
    /// Places of events are in posting lists by integer key (`term_postings` of
    /// `place_terms`, SQLite migrations 8 and 10), else in `event_places` by term.
    pub term_postings: bool,
}

impl Layout {
    /// PostgreSQL's schema.
    pub const POSTGRES: Layout = Layout {
        grid: Grid::HALF_DEGREE,
        role_postings: false,
        term_postings: false,
    };
    /// SQLite's schema.
    pub const SQLITE: Layout = Layout {
        grid: Grid::TENTH_DEGREE,
        role_postings: true,
        term_postings: true,
    };
}

/// Build the clause for PostgreSQL's schema. Values that cannot match anything (an unknown
/// status, a malformed date) are refused with an error rather than silently returning
/// nothing.
pub(crate) fn build(f: &Filter) -> Result<Where> {
    build_on(f, Layout::POSTGRES)
}

/// [`build`] for the schema `layout`.
pub(crate) fn build_on(f: &Filter, layout: Layout) -> Result<Where> {
    let grid = layout.grid;
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
        let v = v.trim();
        let code = v.to_ascii_uppercase();
        if layout.role_postings {
            // The actor keys of the code prefix (a range) or the id, then their events.
            parts.push(format!(
                "e.ek IN (SELECT j.value FROM role_postings a, json_each(a.eks) j WHERE a.ak IN \
                 (SELECT k.ak FROM actor_keys k WHERE (k.code >= ? AND k.code < ?) OR k.id = ?)\
                 {role})"
            ));
            w.params.push(Val::Text(code.clone()));
            w.params.push(Val::Text(prefix_end(&code)));
            w.params.push(Val::Text(v.to_string()));
            if let Some(r) = f.actor_role.as_deref().and_then(crate::rows::role_code) {
                w.params.push(Val::Int(r));
            }
        } else {
            // Codes are keys; ids are keys `@id`. A code prefix is a key range.
            parts.push(format!(
                "e.ek IN (SELECT a.ek FROM event_actors a WHERE \
                 ((a.key >= ? AND a.key < ?) OR a.key = ?){role})"
            ));
            w.params.push(Val::Text(code.clone()));
            w.params.push(Val::Text(prefix_end(&code)));
            w.params.push(Val::Text(format!("@{v}")));
            if let Some(r) = &f.actor_role {
                w.params.push(Val::Text(r.clone()));
            }
        }
    }
    if let Some(v) = &f.place {
        parts.push(if layout.term_postings {
            "e.ek IN (SELECT j.value FROM term_postings p, json_each(p.eks) j WHERE p.pt = \
             (SELECT t.pt FROM place_terms t WHERE t.term = ?))"
                .into()
        } else {
            "e.ek IN (SELECT p.ek FROM event_places p WHERE p.term = ?)".into()
        });
        w.params.push(Val::Text(v.trim().to_lowercase()));
    }
    if let Some(n) = &f.near {
        near_clause(n, grid, &mut parts, &mut w)?;
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

/// The WHERE clause over the daily counts (`event_counts_daily c`) that selects the cells of
/// the events `f` selects, or `None` when `f` filters on something the counts do not keep
/// (actor, place, radius, CAMEO or ACLED type, outlet, report, story, superseded versions).
/// Undated events (`day = ''`) are left out whenever a date bound is given, as `e.date >= ?`
/// leaves out a NULL date.
pub(crate) fn daily_counts(f: &Filter) -> Result<Option<Where>> {
    let Filter {
        from,
        to,
        plover,
        status,
        review,
        main_only,
        include_superseded,
        cameo,
        acled,
        actor,
        actor_role,
        place,
        near,
        outlet,
        report,
        story,
    } = f;
    if *include_superseded
        || cameo.is_some()
        || acled.is_some()
        || actor.is_some()
        || actor_role.is_some()
        || place.is_some()
        || near.is_some()
        || outlet.is_some()
        || report.is_some()
        || story.is_some()
    {
        return Ok(None);
    }
    let mut w = Where::default();
    let mut parts: Vec<&str> = Vec::new();
    if from.is_some() || to.is_some() {
        parts.push("c.day <> ''");
    }
    if let Some(v) = from {
        parts.push("c.day >= ?");
        w.params.push(Val::Text(check_day("--from", v)?));
    }
    if let Some(v) = to {
        parts.push("c.day <= ?");
        w.params.push(Val::Text(check_day("--to", v)?));
    }
    if let Some(v) = plover {
        parts.push("c.plover = ?");
        w.params.push(Val::Text(v.trim().to_ascii_uppercase()));
    }
    if let Some(v) = status {
        parts.push("c.status = ?");
        w.params.push(Val::Text(v.trim().to_ascii_lowercase()));
    }
    if let Some(v) = review {
        parts.push("c.review = ?");
        w.params.push(Val::Text(v.as_str().to_string()));
    }
    if *main_only {
        parts.push("c.main = 1");
    }
    w.sql = if parts.is_empty() {
        "1 = 1".into()
    } else {
        parts.join(" AND ")
    };
    Ok(Some(w))
}

fn near_clause(n: &Near, grid: Grid, parts: &mut Vec<String>, w: &mut Where) -> Result<()> {
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
    // The grid cells of the bounding box (an index answers them), the box itself, then the
    // exact great-circle distance. (1° of latitude is at least 110.57 km; 111 km per degree
    // of longitude at the equator shrinks with the cosine of the latitude.)
    let dlat = n.km / 110.5;
    let coslat = (n.lat.abs() + dlat).min(90.0).to_radians().cos().max(0.01);
    let dlon = (n.km / (111.0 * coslat)).min(360.0);
    let (lat0, lat1, lon0, lon1) = (n.lat - dlat, n.lat + dlat, n.lon - dlon, n.lon + dlon);
    // A box across the antimeridian has no simple cell list: the box filter then works alone.
    let cells = if lon0 >= -180.0 && lon1 <= 180.0 {
        grid.cells_near(n, lat0, lat1, lon0, lon1)
    } else {
        None
    };
    let mut sql = String::from("(");
    if let Some(cells) = cells {
        sql.push_str(&format!(
            "{}{}) AND ",
            grid.cells_in(),
            vec!["?"; cells.len()].join(", ")
        ));
        w.cell_at = w.params.len();
        w.params.extend(cells.iter().map(|&c| Val::Int(c)));
        w.cells = cells;
        w.grid = Some(grid);
    }
    sql.push_str(
        "e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ? AND raqib_km(e.lat, e.lon, ?, ?) <= ?)",
    );
    parts.push(sql);
    w.params.extend([
        Val::Real(lat0),
        Val::Real(lat1),
        Val::Real(lon0),
        Val::Real(lon1),
        Val::Real(n.lat),
        Val::Real(n.lon),
        Val::Real(n.km),
    ]);
    Ok(())
}

/// The keys of one page of events matching `w` in `order` (over `events e`), and their
/// parameters (the page's limit and offset included).
///
/// A radius filter over several grid cells reads each cell in order from the cell index,
/// at most `offset + limit` rows each, and merges them: one page of the latest events near
/// a point then costs a few short index scans, not a sort of every event in the circle.
pub(crate) fn page_keys(w: &Where, order: &str, limit: i64, offset: i64) -> (String, Vec<Val>) {
    match w.per_cell() {
        None => {
            let mut params = w.params.clone();
            params.extend([Val::Int(limit), Val::Int(offset)]);
            (
                format!(
                    "SELECT e.ek FROM events e WHERE {} ORDER BY {order} LIMIT ? OFFSET ?",
                    w.sql
                ),
                params,
            )
        }
        Some(branches) => {
            let mut params = Vec::new();
            let mut parts = Vec::new();
            for (i, b) in branches.iter().enumerate() {
                parts.push(format!(
                    "SELECT * FROM (SELECT e.ek, e.date, e.confidence FROM events e WHERE {} \
                     ORDER BY {order} LIMIT ?) c{i}",
                    b.sql
                ));
                params.extend(b.params.iter().cloned());
                params.push(Val::Int(limit.saturating_add(offset)));
            }
            params.extend([Val::Int(limit), Val::Int(offset)]);
            (
                format!(
                    "SELECT e.ek FROM ({}) e ORDER BY {order} LIMIT ? OFFSET ?",
                    parts.join(" UNION ALL ")
                ),
                params,
            )
        }
    }
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
    fn radius_cells_hold_every_point_of_the_circle() {
        let mut rng = crate::synth::Rng::new(11);
        for grid in [Grid::HALF_DEGREE, Grid::TENTH_DEGREE] {
            let mut listed = 0;
            for _ in 0..300 {
                let n = Near {
                    lat: rng.unit() * 170.0 - 85.0,
                    lon: rng.unit() * 340.0 - 170.0,
                    km: 1.0 + rng.unit() * 60.0,
                };
                let w = build_on(
                    &Filter {
                        near: Some(n),
                        ..Default::default()
                    },
                    Layout {
                        grid,
                        role_postings: false,
                        term_postings: false,
                    },
                )
                .unwrap();
                if w.cells.is_empty() {
                    continue;
                }
                listed += 1;
                // Points on and inside the circle, in every direction.
                for _ in 0..400 {
                    let d = n.km * rng.unit().sqrt();
                    let b = rng.unit() * std::f64::consts::TAU;
                    let (lat1, lon1) = (n.lat.to_radians(), n.lon.to_radians());
                    let a = d / 6371.0088;
                    let lat2 = (lat1.sin() * a.cos() + lat1.cos() * a.sin() * b.cos()).asin();
                    let lon2 = lon1
                        + (b.sin() * a.sin() * lat1.cos()).atan2(a.cos() - lat1.sin() * lat2.sin());
                    let (lat, lon) = (lat2.to_degrees(), lon2.to_degrees());
                    if km(n.lat, n.lon, lat, lon) > n.km || !(-180.0..180.0).contains(&lon) {
                        continue;
                    }
                    assert!(
                        w.cells.contains(&grid.cell(lat, lon)),
                        "{grid:?} {n:?}: ({lat}, {lon}) not in {:?}",
                        w.cells
                    );
                }
            }
            assert!(listed > 100, "{grid:?}: {listed}");
        }
    }

    #[test]
    fn km_is_about_right() {
        // Damascus to Douma, about 10 km.
        let d = km(33.513, 36.292, 33.571, 36.402);
        assert!((d - 12.0).abs() < 2.0, "{d}");
    }
}
