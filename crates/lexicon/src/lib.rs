//! The lexicon stage of raqib: who and where.
//!
//! Actors (with CAMEO-style codes), outlets and the gazetteer are human-editable data files
//! (`data/lexicon`, `data/gazetteer`, format in `data/lexicon/FORMAT.md`), embedded in the
//! binary and compiled at start-up into one [`matcher::Matcher`] over clitic-aware tokens.
//! Date expressions are recognized by [`dates`].
//!
//! Why compile at start-up rather than at build time: the data stay plain text that analysts
//! edit and `raqib lexicon check` validates, a `--lexicon DIR` can replace them without a
//! rebuild, and compiling takes a few tens of milliseconds.
#![deny(missing_docs)]

pub mod check;
pub mod dates;
pub mod load;
pub mod matcher;
pub mod model;
mod stoplist;
pub mod synth;

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

pub use matcher::{EntryRef, Matcher, Mention, Readings};
pub use model::{ActorEntry, ActorKind, PlaceEntry, Role};

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded.rs"));
}

/// Errors of the lexicon stage.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A data file could not be parsed.
    #[error("{file}{}: {message}", line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Parse {
        /// The file.
        file: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A data file could not be read.
    #[error("cannot read {file}: {source}")]
    Io {
        /// The file.
        file: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The compiled lexicon.
#[derive(Debug)]
pub struct Lexicon {
    /// Every actor and outlet.
    pub actors: Vec<ActorEntry>,
    /// Every place.
    pub places: Vec<PlaceEntry>,
    /// Version of the data (a date).
    pub version: String,
    matcher: Matcher,
    by_id: FxHashMap<String, u32>,
}

impl Lexicon {
    /// The lexicon embedded in the binary, compiled once per process.
    pub fn shared() -> Result<Arc<Lexicon>, Error> {
        static SHARED: OnceLock<Result<Arc<Lexicon>, String>> = OnceLock::new();
        SHARED
            .get_or_init(|| Lexicon::embedded().map(Arc::new).map_err(|e| e.to_string()))
            .clone()
            .map_err(|message| Error::Parse {
                file: "embedded lexicon".into(),
                line: None,
                message,
            })
    }

    /// Compile the embedded data.
    pub fn embedded() -> Result<Lexicon, Error> {
        Lexicon::from_files(
            embedded::EMBEDDED
                .iter()
                .map(|&(p, t)| (p.to_string(), t.to_string())),
            embedded::VERSION.to_string(),
        )
    }

    /// Compile the data of a directory laid out like `data/` (`lexicon/**.toml`,
    /// `gazetteer/*.tsv`).
    pub fn from_dir(dir: &Path) -> Result<Lexicon, Error> {
        let mut files = Vec::new();
        collect(&dir.join("lexicon"), "toml", dir, &mut files)?;
        collect(&dir.join("gazetteer"), "tsv", dir, &mut files)?;
        let version = std::fs::read_to_string(dir.join("lexicon/VERSION"))
            .map(|v| v.trim().to_string())
            .unwrap_or_else(|_| "local".into());
        Lexicon::from_files(files, version)
    }

    /// Compile from `(path, contents)` pairs: `.toml` actor files and `.tsv` place files.
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
        version: String,
    ) -> Result<Lexicon, Error> {
        let mut actors = Vec::new();
        let mut places = Vec::new();
        for (path, text) in files {
            if path.ends_with(".toml") {
                actors.extend(load::parse_actors(&path, &text)?);
            } else if path.ends_with(".tsv") {
                places.extend(load::parse_places(&path, &text)?);
            }
        }
        Ok(Lexicon::compile(actors, places, version))
    }

    /// Compile entries into a lexicon.
    pub fn compile(actors: Vec<ActorEntry>, places: Vec<PlaceEntry>, version: String) -> Lexicon {
        let mut b = matcher::MatcherBuilder::new();
        let mut by_id = FxHashMap::default();
        for (i, a) in actors.iter().enumerate() {
            by_id.insert(a.id.clone(), i as u32);
            for name in a.all_names() {
                if let Some(keys) = matcher::MatcherBuilder::keys(name) {
                    b.add_keys(&keys, EntryRef::Actor(i as u32));
                }
            }
        }
        for (i, p) in places.iter().enumerate() {
            for name in std::iter::once(&p.name).chain(&p.names) {
                if let Some(keys) = matcher::MatcherBuilder::keys(name) {
                    if stoplist::unsafe_place_name(&keys, p) {
                        continue;
                    }
                    b.add_keys(&keys, EntryRef::Place(i as u32));
                }
            }
        }
        Lexicon {
            actors,
            places,
            version,
            matcher: b.build(),
            by_id,
        }
    }

    /// Every actor and place mention in a token range of the document.
    pub fn find(&self, doc: &raqib_text::Document, range: std::ops::Range<usize>) -> Vec<Mention> {
        self.matcher.find(doc, range)
    }

    /// [`Lexicon::find`] with readings made once for the document (see [`Readings`]).
    pub fn find_in(&self, readings: &Readings, range: std::ops::Range<usize>) -> Vec<Mention> {
        self.matcher.find_in(readings, range)
    }

    /// Every mention in the whole document.
    pub fn find_all(&self, doc: &raqib_text::Document) -> Vec<Mention> {
        self.matcher.find(doc, 0..doc.tokens.len())
    }

    /// An actor by id.
    pub fn actor(&self, id: &str) -> Option<&ActorEntry> {
        self.by_id.get(id).map(|&i| &self.actors[i as usize])
    }

    /// The entry behind a reference.
    pub fn actor_at(&self, i: u32) -> &ActorEntry {
        &self.actors[i as usize]
    }

    /// The place behind a reference.
    pub fn place_at(&self, i: u32) -> &PlaceEntry {
        &self.places[i as usize]
    }

    /// The compiled matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The outlet (or other actor) whose name is the whole of `name`, e.g. a report's `source`
    /// field ("SANA", "Russia Today").
    pub fn actor_by_name(&self, name: &str) -> Option<&ActorEntry> {
        let doc = raqib_text::analyze(name, &raqib_text::Options::default());
        let words = doc
            .tokens
            .iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    raqib_text::TokenKind::Word | raqib_text::TokenKind::Number
                )
            })
            .count();
        let m = self.find_all(&doc);
        let m = m.first()?;
        let covered = doc.tokens[m.tokens.clone()]
            .iter()
            .filter(|t| {
                matches!(
                    t.kind,
                    raqib_text::TokenKind::Word | raqib_text::TokenKind::Number
                )
            })
            .count();
        if covered + 1 < words {
            return None;
        }
        m.entries.iter().find_map(|e| match e {
            EntryRef::Actor(i) => Some(self.actor_at(*i)),
            EntryRef::Place(_) | EntryRef::Other(_) => None,
        })
    }
}

fn collect(
    dir: &Path,
    ext: &str,
    root: &Path,
    out: &mut Vec<(String, String)>,
) -> Result<(), Error> {
    let io = |e: std::io::Error| Error::Io {
        file: dir.display().to_string(),
        source: e,
    };
    let mut entries: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(io(e)),
    };
    entries.sort();
    for p in entries {
        if p.is_dir() {
            collect(&p, ext, root, out)?;
        } else if p.extension().and_then(|e| e.to_str()) == Some(ext) {
            let text = std::fs::read_to_string(&p).map_err(|e| Error::Io {
                file: p.display().to_string(),
                source: e,
            })?;
            let rel = p.strip_prefix(root).unwrap_or(&p).display().to_string();
            out.push((rel, text));
        }
    }
    Ok(())
}
