//! Lexicon entries as written in the data files (`data/lexicon/FORMAT.md`).

use serde::Deserialize;

/// What kind of actor an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    /// A country as an actor.
    State,
    /// A government, ministry or office.
    Government,
    /// A state's armed force or unit.
    ArmedForce,
    /// A non-state armed group.
    ArmedGroup,
    /// Police, intelligence, security service.
    Security,
    /// Any other institution.
    Institution,
    /// A political party or movement.
    Party,
    /// A named person.
    Person,
    /// A news outlet or monitor that reports.
    Outlet,
    /// An intergovernmental organisation.
    Igo,
    /// A non-governmental organisation.
    Ngo,
    /// A noun for un-named agents ("civilians", "the army"): roles only, country from context.
    Generic,
}

impl ActorKind {
    /// The kebab-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Government => "government",
            ActorKind::ArmedForce => "armed-force",
            ActorKind::ArmedGroup => "armed-group",
            ActorKind::Security => "security",
            ActorKind::Institution => "institution",
            ActorKind::Party => "party",
            ActorKind::Person => "person",
            ActorKind::Outlet => "outlet",
            ActorKind::Igo => "igo",
            ActorKind::Ngo => "ngo",
            ActorKind::Generic => "generic",
        }
    }
}

/// A code an actor holds over a period (a minister, a commander).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    /// The code over the period.
    pub code: String,
    /// The title held.
    #[serde(default)]
    pub title: Option<String>,
    /// Start (YYYY, YYYY-MM or YYYY-MM-DD).
    #[serde(default)]
    pub from: Option<String>,
    /// End.
    #[serde(default)]
    pub to: Option<String>,
}

/// One actor of the lexicon.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorEntry {
    /// Stable id.
    pub id: String,
    /// Canonical English name.
    pub name: String,
    /// Canonical Arabic name.
    #[serde(default)]
    pub name_ar: Option<String>,
    /// CAMEO-style code (roles only for generics).
    pub code: String,
    /// Kind.
    pub kind: ActorKind,
    /// Home country (ISO alpha-3), empty for international bodies and generics.
    #[serde(default)]
    pub country: String,
    /// English and Latin-script aliases.
    #[serde(default)]
    pub aliases_en: Vec<String>,
    /// Arabic aliases.
    #[serde(default)]
    pub aliases_ar: Vec<String>,
    /// Id of the organisation it belongs to.
    #[serde(default)]
    pub parent: Option<String>,
    /// When it came into being.
    #[serde(default)]
    pub from: Option<String>,
    /// When it ceased.
    #[serde(default)]
    pub to: Option<String>,
    /// A note.
    #[serde(default)]
    pub note: Option<String>,
    /// Codes over time.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// Which file it came from (filled at load).
    #[serde(skip)]
    pub file: String,
}

impl ActorEntry {
    /// Every name to match: canonical names first, then aliases.
    pub fn all_names(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.name_ar.as_deref())
            .chain(self.aliases_en.iter().map(String::as_str))
            .chain(self.aliases_ar.iter().map(String::as_str))
    }

    /// The code in force on `date` (`YYYY-MM-DD`): the role whose period holds it, else `code`.
    pub fn code_on(&self, date: Option<&str>) -> &str {
        if let Some(d) = date {
            for r in &self.roles {
                let after = r.from.as_deref().is_none_or(|f| d >= f);
                let before = r.to.as_deref().is_none_or(|t| d <= t);
                if after && before {
                    return &r.code;
                }
            }
        }
        &self.code
    }
}

/// One place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceEntry {
    /// `gn:<geonameid>` or `raqib:<slug>`.
    pub id: String,
    /// English name.
    pub name: String,
    /// Other names, Arabic first.
    pub names: Vec<String>,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// ISO alpha-3.
    pub country: String,
    /// Governorate.
    pub admin1: String,
    /// District.
    pub admin2: String,
    /// Feature type.
    pub feature: String,
    /// Population, when known.
    pub population: Option<u64>,
    /// Where the coordinates come from.
    pub source: String,
}

impl PlaceEntry {
    /// How strongly a bare mention of this name means this place: capitals and big cities
    /// first, then regions and governorates, then towns, then villages.
    pub fn prominence(&self) -> u64 {
        let base = match self.feature.as_str() {
            "country" => 9_000_000_000,
            "capital" => 5_000_000_000,
            "governorate" | "region" => 2_000_000_000,
            "camp" | "crossing" | "base" | "airport" | "neighbourhood" | "landmark" => 500_000,
            _ => 0,
        };
        base + self.population.unwrap_or(0)
    }
}
