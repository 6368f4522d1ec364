//! Embeds every lexicon data file (`data/lexicon/**/*.toml`, `data/gazetteer/*.tsv`) in the
//! binary, so a fresh install works offline and new data files need no code change.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().and_then(|e| e.to_str()) == Some(ext) {
            out.push(p);
        }
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let root = root.canonicalize().unwrap_or(root);
    let mut toml = Vec::new();
    files(&root.join("lexicon"), "toml", &mut toml);
    let mut tsv = Vec::new();
    files(&root.join("gazetteer"), "tsv", &mut tsv);
    let mut code = String::from("/// Embedded lexicon files: (path relative to data/, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for p in toml.iter().chain(&tsv) {
        let rel = p.strip_prefix(&root).unwrap_or(p).display().to_string();
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            p.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let version = std::fs::read_to_string(root.join("lexicon/VERSION"))
        .unwrap_or_else(|_| "unversioned".into());
    writeln!(
        code,
        "/// Version of the embedded lexicon data.\npub static VERSION: &str = {:?};",
        version.trim()
    )
    .unwrap();
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("embedded.rs");
    std::fs::write(out, code).unwrap();
    println!("cargo:rerun-if-changed={}", root.join("lexicon").display());
    println!(
        "cargo:rerun-if-changed={}",
        root.join("gazetteer").display()
    );
    for p in toml.iter().chain(&tsv) {
        println!("cargo:rerun-if-changed={}", p.display());
    }
}
